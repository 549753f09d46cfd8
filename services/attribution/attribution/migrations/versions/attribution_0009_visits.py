"""site tag: tenant site keys and the visits they record

Revision ID: attribution_0009
Revises: attribution_0008
Create Date: 2026-12-03 13:40:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'attribution_0009'
down_revision: Union[str, None] = 'attribution_0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'site_keys',
        sa.Column('id', sa.UUID(), nullable=False),
        sa.Column('tenant_id', sa.UUID(), nullable=False),
        sa.Column('label', sa.String(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        schema='attribution',
    )
    op.create_index('ix_site_keys_tenant', 'site_keys', ['tenant_id', 'created_at', 'id'], schema='attribution')
    optional = ['landing_url', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term',
                'click_id', 'fbclid', 'gclid', 'ttclid', 'yclid', 'channel']
    op.create_table(
        'visits',
        sa.Column('tenant_id', sa.UUID(), nullable=False),
        sa.Column('page_view_id', sa.String(), nullable=False),
        sa.Column('site_key_id', sa.UUID(), nullable=False),
        sa.Column('visitor_id', sa.String(), nullable=False),
        sa.Column('visited_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('source', sa.String(), nullable=False),
        sa.Column('device', sa.String(), nullable=False),
        *[sa.Column(name, sa.String(), nullable=True) for name in optional],
        sa.Column('rules_version', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('tenant_id', 'page_view_id'),
        schema='attribution',
    )
    op.create_index('ix_visits_visitor', 'visits', ['tenant_id', 'visitor_id', 'visited_at'], schema='attribution')
    op.create_index('ix_visits_click', 'visits', ['tenant_id', 'click_id'], schema='attribution',
                    postgresql_where=sa.text('click_id IS NOT NULL'))
    op.create_index('ix_visits_time', 'visits', ['tenant_id', 'visited_at'], schema='attribution')


def downgrade() -> None:
    op.drop_table('visits', schema='attribution')
    op.drop_table('site_keys', schema='attribution')

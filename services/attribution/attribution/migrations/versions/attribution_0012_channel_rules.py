"""channel rules: versioned rule sets per tenant, and reclassification jobs

Revision ID: attribution_0012
Revises: attribution_0011
Create Date: 2026-12-03 16:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'attribution_0012'
down_revision: Union[str, None] = 'attribution_0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'channel_rule_sets',
        sa.Column('tenant_id', sa.UUID(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('rules', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('tenant_id', 'version'),
        schema='attribution',
    )
    op.create_table(
        'channel_reclassifications',
        sa.Column('id', sa.UUID(), nullable=False),
        sa.Column('tenant_id', sa.UUID(), nullable=False),
        sa.Column('status', sa.String(), nullable=False),
        sa.Column('since', sa.DateTime(timezone=True), nullable=False),
        sa.Column('until', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=True),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('changed', sa.Integer(), nullable=False),
        sa.Column('cursor_visited_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('cursor_page_view_id', sa.String(), nullable=True),
        sa.Column('leased_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('error', sa.String(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        schema='attribution',
    )
    op.create_index('ix_channel_reclassifications_tenant', 'channel_reclassifications',
                    ['tenant_id', 'created_at', 'id'], schema='attribution')
    op.create_index('ix_channel_reclassifications_active', 'channel_reclassifications', ['tenant_id'], unique=True,
                    schema='attribution', postgresql_where=sa.text("status IN ('queued', 'running')"))


def downgrade() -> None:
    op.drop_table('channel_reclassifications', schema='attribution')
    op.drop_table('channel_rule_sets', schema='attribution')

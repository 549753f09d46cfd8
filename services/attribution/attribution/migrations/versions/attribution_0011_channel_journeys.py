"""journeys over every channel: touches from site visits, credits per channel

Revision ID: attribution_0011
Revises: attribution_0010
Create Date: 2026-12-03 15:50:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'attribution_0011'
down_revision: Union[str, None] = 'attribution_0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # every touch stored so far was a tracked post (a click, its utm_content or its promo code)
    op.add_column('order_touches', sa.Column('channel', sa.String(), server_default='social_tracked',
                                             nullable=False), schema='attribution')
    op.add_column('order_touches', sa.Column('page_view_id', sa.String(), nullable=True), schema='attribution')
    op.alter_column('order_touches', 'target_id', existing_type=sa.UUID(), nullable=True, schema='attribution')
    op.create_table(
        'channel_credits',
        sa.Column('order_id', sa.UUID(), nullable=False),
        sa.Column('model', sa.String(), nullable=False),
        sa.Column('channel', sa.String(), nullable=False),
        sa.Column('tenant_id', sa.UUID(), nullable=False),
        sa.Column('amount_minor', sa.BigInteger(), nullable=False),
        sa.Column('currency', sa.String(), nullable=False),
        sa.Column('ordered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('net_minor', sa.BigInteger(), nullable=True),
        sa.Column('counted', sa.Boolean(), server_default='true', nullable=False),
        sa.Column('customer_key', sa.String(), nullable=True),
        sa.PrimaryKeyConstraint('order_id', 'model', 'channel'),
        schema='attribution',
    )
    op.create_index('ix_channel_credits_report', 'channel_credits', ['tenant_id', 'model', 'ordered_at'],
                    unique=False, schema='attribution')


def downgrade() -> None:
    op.drop_index('ix_channel_credits_report', table_name='channel_credits', schema='attribution')
    op.drop_table('channel_credits', schema='attribution')
    op.execute("DELETE FROM attribution.order_touches WHERE target_id IS NULL")
    op.alter_column('order_touches', 'target_id', existing_type=sa.UUID(), nullable=False, schema='attribution')
    op.drop_column('order_touches', 'page_view_id', schema='attribution')
    op.drop_column('order_touches', 'channel', schema='attribution')

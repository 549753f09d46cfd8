"""webhooks: consecutive failures and disabling; deliveries: the last attempt's answer, redeliveries

Revision ID: planner_0007
Revises: planner_0006
Create Date: 2026-12-03 08:10:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'planner_0007'
down_revision: Union[str, None] = 'planner_0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('webhooks', sa.Column('consecutive_failures', sa.Integer(), server_default='0', nullable=False),
                  schema='planner')
    op.add_column('webhooks', sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True), schema='planner')
    op.add_column('webhooks', sa.Column('disabled_reason', sa.String(), nullable=True), schema='planner')
    op.add_column('webhook_deliveries', sa.Column('last_status_code', sa.Integer(), nullable=True), schema='planner')
    op.add_column('webhook_deliveries', sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
                  schema='planner')
    op.add_column('webhook_deliveries', sa.Column('last_duration_ms', sa.Integer(), nullable=True), schema='planner')
    op.add_column('webhook_deliveries', sa.Column('redeliveries', sa.Integer(), server_default='0', nullable=False),
                  schema='planner')


def downgrade() -> None:
    for column in ('redeliveries', 'last_duration_ms', 'last_attempt_at', 'last_status_code'):
        op.drop_column('webhook_deliveries', column, schema='planner')
    for column in ('disabled_reason', 'disabled_at', 'consecutive_failures'):
        op.drop_column('webhooks', column, schema='planner')

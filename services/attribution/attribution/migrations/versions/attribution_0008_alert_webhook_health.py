"""alert webhook: consecutive failures and disabling; deliveries: the last answer, redeliveries, creation time

Revision ID: attribution_0008
Revises: attribution_0007
Create Date: 2026-12-03 08:10:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'attribution_0008'
down_revision: Union[str, None] = 'attribution_0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('tenant_config', sa.Column('alert_webhook_failures', sa.Integer(), server_default='0',
                                             nullable=False), schema='attribution')
    op.add_column('tenant_config', sa.Column('alert_webhook_disabled_at', sa.DateTime(timezone=True), nullable=True),
                  schema='attribution')
    op.add_column('tenant_config', sa.Column('alert_webhook_disabled_reason', sa.String(), nullable=True),
                  schema='attribution')
    op.add_column('webhook_deliveries', sa.Column('last_status_code', sa.Integer(), nullable=True),
                  schema='attribution')
    op.add_column('webhook_deliveries', sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
                  schema='attribution')
    op.add_column('webhook_deliveries', sa.Column('redeliveries', sa.Integer(), server_default='0', nullable=False),
                  schema='attribution')
    op.add_column('webhook_deliveries', sa.Column('created_at', sa.DateTime(timezone=True),
                                                  server_default=sa.text('now()'), nullable=True),
                  schema='attribution')


def downgrade() -> None:
    for column in ('created_at', 'redeliveries', 'last_attempt_at', 'last_status_code'):
        op.drop_column('webhook_deliveries', column, schema='attribution')
    for column in ('alert_webhook_disabled_reason', 'alert_webhook_disabled_at', 'alert_webhook_failures'):
        op.drop_column('tenant_config', column, schema='attribution')

"""broker epoch: the cluster id the outbox was last sent to

Revision ID: attribution_0006
Revises: attribution_0005
Create Date: 2026-12-03 07:00:00
"""
from typing import Sequence, Union

from smmkit.migrate import create_broker_epoch_table, drop_broker_epoch_table

revision: str = 'attribution_0006'
down_revision: Union[str, None] = 'attribution_0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    create_broker_epoch_table('attribution')


def downgrade() -> None:
    drop_broker_epoch_table('attribution')

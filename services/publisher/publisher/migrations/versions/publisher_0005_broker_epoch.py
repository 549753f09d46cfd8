"""broker epoch: the cluster id the outbox was last sent to

Revision ID: publisher_0005
Revises: publisher_0004
Create Date: 2026-12-03 07:00:00
"""
from typing import Sequence, Union

from smmkit.migrate import create_broker_epoch_table, drop_broker_epoch_table

revision: str = 'publisher_0005'
down_revision: Union[str, None] = 'publisher_0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    create_broker_epoch_table('publisher')


def downgrade() -> None:
    drop_broker_epoch_table('publisher')

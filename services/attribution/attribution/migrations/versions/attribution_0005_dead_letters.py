"""dead letters

Revision ID: attribution_0005
Revises: attribution_0004
Create Date: 2026-12-10 12:00:00
"""
from typing import Sequence, Union

from smmkit.migrate import create_dead_letters_table, drop_dead_letters_table

revision: str = 'attribution_0005'
down_revision: Union[str, None] = 'attribution_0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    create_dead_letters_table('attribution')


def downgrade() -> None:
    drop_dead_letters_table('attribution')

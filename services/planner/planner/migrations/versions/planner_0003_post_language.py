"""post language

Revision ID: planner_0003
Revises: planner_0002
Create Date: 2026-12-02 17:47:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = 'planner_0003'
down_revision: Union[str, None] = 'planner_0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# A BCP 47 tag (canonical form) where the text's language is known; nullable, so existing rows need nothing.
_COLUMNS = (('posts', 'language'), ('post_targets', 'language_override'), ('templates', 'language'),
            ('recurrences', 'language'))


def upgrade() -> None:
    for table, column in _COLUMNS:
        op.add_column(table, sa.Column(column, sa.String(), nullable=True), schema='planner')


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        op.drop_column(table, column, schema='planner')

"""target language

Revision ID: publisher_0003
Revises: publisher_0002
Create Date: 2026-12-02 17:47:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'publisher_0003'
down_revision: Union[str, None] = 'publisher_0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # post.scheduled's optional BCP 47 tag; targets received before it have none
    op.add_column('publish_targets', sa.Column('language', sa.String(), nullable=True), schema='publisher')


def downgrade() -> None:
    op.drop_column('publish_targets', 'language', schema='publisher')

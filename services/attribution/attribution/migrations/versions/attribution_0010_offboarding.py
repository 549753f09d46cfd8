"""offboarding: a deleted tenant's targets, by digest, so their links record no click

Revision ID: attribution_0010
Revises: attribution_0009
Create Date: 2026-12-03 13:10:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'attribution_0010'
down_revision: Union[str, None] = 'attribution_0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'forgotten_targets',
        sa.Column('target_digest', sa.String(), nullable=False),
        sa.Column('forgotten_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('target_digest'),
        schema='attribution',
    )


def downgrade() -> None:
    op.drop_table('forgotten_targets', schema='attribution')

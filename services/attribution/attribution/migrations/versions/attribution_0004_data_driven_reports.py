"""data-driven reports: Markov and Shapley are computed across journeys, no longer stored per order

Revision ID: attribution_0004
Revises: attribution_0003
Create Date: 2026-11-26 12:10:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'attribution_0004'
down_revision: Union[str, None] = 'attribution_0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Per-order Markov/Shapley splits were one-journey artefacts; reports.datadriven replaces them.
    op.execute("DELETE FROM attribution.order_credits WHERE model IN ('markov', 'shapley')")
    # Clicks that are in no order's journey (the Markov chain's non-converting paths) are found by click id.
    op.create_index('ix_touches_click', 'order_touches', ['tenant_id', 'click_id'], unique=False,
                    schema='attribution', postgresql_where=sa.text('click_id IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_touches_click', table_name='order_touches', schema='attribution',
                  postgresql_where=sa.text('click_id IS NOT NULL'))

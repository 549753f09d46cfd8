"""traceparent on the outbox and tracked_targets: the trace context of the span that wrote the row

Revision ID: metrics_0006
Revises: metrics_0005
Create Date: 2026-12-03 08:00:00
"""
from typing import Sequence, Union

from smmkit.migrate import add_traceparent, drop_traceparent

revision: str = 'metrics_0006'
down_revision: Union[str, None] = 'metrics_0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    add_traceparent('metrics', 'tracked_targets')


def downgrade() -> None:
    drop_traceparent('metrics', 'tracked_targets')

"""traceparent on the outbox: the trace context of the span that wrote the row

Revision ID: attribution_0007
Revises: attribution_0006
Create Date: 2026-12-03 08:00:00
"""
from typing import Sequence, Union

from smmkit.migrate import add_traceparent, drop_traceparent

revision: str = 'attribution_0007'
down_revision: Union[str, None] = 'attribution_0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    add_traceparent('attribution')


def downgrade() -> None:
    drop_traceparent('attribution')

"""traceparent on the outbox: the trace context of the span that wrote the row

Revision ID: web_0002
Revises: web_0001
Create Date: 2026-12-03 08:00:00
"""
from typing import Sequence, Union

from smmkit.migrate import add_traceparent, drop_traceparent

revision: str = 'web_0002'
down_revision: Union[str, None] = 'web_0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    add_traceparent('web')


def downgrade() -> None:
    drop_traceparent('web')

"""dead letters; announce existing accounts

Revision ID: planner_0004
Revises: planner_0003
Create Date: 2026-12-10 12:00:00
"""
from typing import Sequence, Union

from alembic import op

from smmkit.migrate import create_dead_letters_table, drop_dead_letters_table

revision: str = 'planner_0004'
down_revision: Union[str, None] = 'planner_0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


# The publisher and metrics now take credentials only for accounts the planner announced (account.created).
# Accounts created before are announced here, through the outbox, as the planner would have: one v1 event
# each, built in SQL so this migration never depends on today's models.
ANNOUNCE_EXISTING_ACCOUNTS = """
INSERT INTO planner.outbox (event_id, topic, key, tenant_id, body)
SELECT a.event_id, 'account.created', a.id::text, a.tenant_id, convert_to(jsonb_build_object(
    'event_id', a.event_id, 'event_type', 'AccountCreated', 'schema_version', 1, 'tenant_id', a.tenant_id,
    'occurred_at', a.created_at, 'correlation_id', a.event_id,
    'payload', jsonb_build_object('account_id', a.id, 'network', a.network, 'account_ref', a.account_ref)
)::text, 'UTF8')
FROM (SELECT *, gen_random_uuid() AS event_id FROM planner.accounts) a
"""


def upgrade() -> None:
    create_dead_letters_table('planner')
    op.execute(ANNOUNCE_EXISTING_ACCOUNTS)


def downgrade() -> None:
    drop_dead_letters_table('planner')

"""known accounts, dead letters

Revision ID: metrics_0004
Revises: metrics_0003
Create Date: 2026-12-10 12:00:00
"""
from typing import Sequence, Union

from smmkit.migrate import (
    create_dead_letters_table, create_known_accounts_table, drop_dead_letters_table, drop_known_accounts_table,
)

revision: str = 'metrics_0004'
down_revision: Union[str, None] = 'metrics_0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


# Accounts announced by the planner (account.created) fill known_accounts as the consumer reads them; the
# planner's migration announces every account that existed before, so no tenant is locked out by the upgrade.
def upgrade() -> None:
    create_known_accounts_table('metrics')
    create_dead_letters_table('metrics')


def downgrade() -> None:
    drop_dead_letters_table('metrics')
    drop_known_accounts_table('metrics')

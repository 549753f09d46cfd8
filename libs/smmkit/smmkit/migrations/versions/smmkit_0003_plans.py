"""plans: what a tenant may use, the named plans, and each tenant's assignment

Revision ID: smmkit_0003
Revises: smmkit_0002
Create Date: 2026-12-03 13:00:00

The named plans are seeded here, once: operators change them through the API afterwards. ``standard`` is
every limit empty (the platform's defaults), the plan of every tenant without an assignment; ``free`` and
``pro`` poll metrics on the schedules the metrics service had under those names.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision: str = 'smmkit_0003'
down_revision: Union[str, None] = 'smmkit_0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

H, D = 3600, 86400
PRO_BANDS = [[H, 120], [3 * D, 1800], [90 * D, D]]
SEED = [
    # name, posts per month, connected accounts, seats, API requests per minute per key, metrics poll bands
    ("free", 30, 3, 2, 60, [[H, 900], [2 * D, 6 * H], [14 * D, D]]),
    ("standard", None, None, None, None, None),
    ("pro", 1000, 25, 10, 600, PRO_BANDS),
    ("agency", 10000, 250, 50, 3000, PRO_BANDS),
]


def upgrade() -> None:
    plans = op.create_table(
        'plans',
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('posts_per_month', sa.Integer(), nullable=True),
        sa.Column('connected_accounts', sa.Integer(), nullable=True),
        sa.Column('seats', sa.Integer(), nullable=True),
        sa.Column('api_requests_per_minute', sa.Integer(), nullable=True),
        sa.Column('metrics_poll_bands', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('name'),
        schema='tenancy',
    )
    op.create_table(
        'tenant_plans',
        sa.Column('tenant_id', sa.UUID(), nullable=False),
        sa.Column('plan', sa.Text(), nullable=False),
        sa.Column('assigned_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['plan'], ['tenancy.plans.name'], ),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenancy.tenants.id'], ),
        sa.PrimaryKeyConstraint('tenant_id'),
        schema='tenancy',
    )
    op.bulk_insert(plans, [dict(zip(("name", "posts_per_month", "connected_accounts", "seats",
                                     "api_requests_per_minute", "metrics_poll_bands"), row)) for row in SEED])


def downgrade() -> None:
    op.drop_table('tenant_plans', schema='tenancy')
    op.drop_table('plans', schema='tenancy')

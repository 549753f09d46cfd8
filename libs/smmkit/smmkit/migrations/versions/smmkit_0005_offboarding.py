"""offboarding: a tenant deletion's progress, per service (smmkit.offboarding)

Revision ID: smmkit_0005
Revises: smmkit_0004
Create Date: 2026-12-03 13:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision: str = 'smmkit_0005'
down_revision: Union[str, None] = 'smmkit_0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # the tenant is named by a digest of its id: the record of a deletion must not keep the id it deleted
    op.create_table(
        'tenant_deletions',
        sa.Column('deletion_id', sa.UUID(), nullable=False),
        sa.Column('tenant_digest', sa.Text(), nullable=False),
        sa.Column('requested_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('confirmations', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"),
                  nullable=False),
        sa.PrimaryKeyConstraint('deletion_id'),
        sa.UniqueConstraint('tenant_digest'),
        schema='tenancy',
    )


def downgrade() -> None:
    op.drop_table('tenant_deletions', schema='tenancy')

"""the audit log, and a partial index on suspended tenants

Revision ID: smmkit_0004
Revises: smmkit_0003
Create Date: 2026-12-03 13:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision: str = 'smmkit_0004'
down_revision: Union[str, None] = 'smmkit_0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'audit_log',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column('tenant_id', sa.UUID(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.Text(), nullable=False),
        sa.Column('actor_name', sa.Text(), nullable=True),
        sa.Column('on_behalf_of', sa.Text(), nullable=True),
        sa.Column('service', sa.Text(), nullable=False),
        sa.Column('method', sa.Text(), nullable=False),
        sa.Column('route', sa.Text(), nullable=False),
        sa.Column('target', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('status', sa.SmallInteger(), nullable=False),
        sa.Column('source', sa.Text(), nullable=True),
        sa.Column('correlation_id', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        schema='tenancy',
    )
    op.create_index('ix_audit_log_tenant_id', 'audit_log', ['tenant_id', 'id'], unique=False, schema='tenancy')
    op.create_index('ix_tenants_suspended', 'tenants', ['id'], unique=False, schema='tenancy',
                    postgresql_where=sa.text("status = 'suspended'"))


def downgrade() -> None:
    op.drop_index('ix_tenants_suspended', table_name='tenants', schema='tenancy',
                  postgresql_where=sa.text("status = 'suspended'"))
    op.drop_index('ix_audit_log_tenant_id', table_name='audit_log', schema='tenancy')
    op.drop_table('audit_log', schema='tenancy')

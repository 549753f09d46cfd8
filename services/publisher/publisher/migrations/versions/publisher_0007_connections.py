"""connections: accounts connected through the network's consent screen (docs/connections.md)

Revision ID: publisher_0007
Revises: publisher_0006
Create Date: 2026-12-03 13:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'publisher_0007'
down_revision: Union[str, None] = 'publisher_0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'connections',
        sa.Column('id', sa.UUID(), nullable=False),
        sa.Column('tenant_id', sa.UUID(), nullable=False),
        sa.Column('network', sa.String(), nullable=False),
        sa.Column('state_hash', sa.String(), nullable=False),
        sa.Column('status', sa.String(), nullable=False),
        sa.Column('reason', sa.String(), nullable=True),
        sa.Column('account_id', sa.UUID(), nullable=True),
        sa.Column('account_ref', sa.String(), nullable=True),
        sa.Column('handle', sa.String(), nullable=True),
        sa.Column('return_to', sa.String(), nullable=True),
        sa.Column('secret', sa.LargeBinary(), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('state_hash'),
        schema='publisher',
    )
    op.create_index(op.f('ix_publisher_connections_tenant_id'), 'connections', ['tenant_id'], schema='publisher')


def downgrade() -> None:
    op.drop_index(op.f('ix_publisher_connections_tenant_id'), table_name='connections', schema='publisher')
    op.drop_table('connections', schema='publisher')

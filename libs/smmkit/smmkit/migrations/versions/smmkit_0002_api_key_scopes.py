"""api keys: scopes, a name, rotation's overlap deadline and last use

Revision ID: smmkit_0002
Revises: smmkit_0001
Create Date: 2026-12-03 10:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision: str = 'smmkit_0002'
down_revision: Union[str, None] = 'smmkit_0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # keys issued before scopes existed keep doing everything they did: admin
    op.add_column('api_keys', sa.Column('scopes', postgresql.ARRAY(sa.Text()), server_default='{admin}',
                                        nullable=False), schema='tenancy')
    op.add_column('api_keys', sa.Column('name', sa.Text(), nullable=True), schema='tenancy')
    op.add_column('api_keys', sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True), schema='tenancy')
    op.add_column('api_keys', sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True), schema='tenancy')
    op.add_column('api_keys', sa.Column('replaced_by', sa.UUID(), nullable=True), schema='tenancy')


def downgrade() -> None:
    for column in ('replaced_by', 'last_used_at', 'expires_at', 'name', 'scopes'):
        op.drop_column('api_keys', column, schema='tenancy')

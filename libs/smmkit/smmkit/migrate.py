"""Alembic, one migration history per schema: tenancy (this library) and one per service.

Migrations run as an explicit step (``smm migrate``), never as a side effect of import
or start-up. Each history keeps its version table inside its own schema.
"""
from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import command, context
from alembic.config import Config
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from smmkit.db import async_url

# Order matters only for readability: schemas do not reference each other.
MIGRATION_PACKAGES = ("smmkit", "planner", "publisher", "metrics", "attribution", "web")


def migrations_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "migrations"


def alembic_config(package: str, database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir(package)))
    cfg.set_main_option("sqlalchemy.url", database_url)
    return cfg


def upgrade(database_url: str, packages: tuple[str, ...] = MIGRATION_PACKAGES, revision: str = "head") -> None:
    for package in packages:
        command.upgrade(alembic_config(package, database_url), revision)


def create_messaging_tables(schema: str) -> None:
    """The outbox and inbox every service schema has (see ``smmkit.db.messaging_tables``); for initial migrations."""
    from alembic import op

    op.create_table(
        "inbox",
        sa.Column("consumer", sa.Text(), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("consumer", "event_id"),
        schema=schema,
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
        schema=schema,
    )
    op.create_index("ix_outbox_unsent", "outbox", ["id"], unique=False, schema=schema,
                    postgresql_where=sa.text("sent_at IS NULL"))


def create_dead_letters_table(schema: str) -> None:
    """The ``dead_letters`` table of the messaging tables (``smmkit.db.messaging_tables``)."""
    from alembic import op

    op.create_table(
        "dead_letters",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("consumer", sa.Text(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("source_partition", sa.Integer(), nullable=False),
        sa.Column("source_offset", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=True),
        sa.Column("tenant_id", sa.UUID(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("dead_lettered_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("replayed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replays", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consumer", "event_id", name="uq_dead_letters_consumer_event"),
        schema=schema,
    )
    op.create_index("ix_dead_letters_time", "dead_letters", ["dead_lettered_at"], unique=False, schema=schema)


def create_broker_epoch_table(schema: str) -> None:
    """The ``broker_epoch`` table of the messaging tables (``smmkit.db.messaging_tables``)."""
    from alembic import op

    op.create_table(
        "broker_epoch",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("cluster_id", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.CheckConstraint("id = 1", name="ck_broker_epoch_one_row"),
        schema=schema,
    )


def drop_broker_epoch_table(schema: str) -> None:
    from alembic import op

    op.drop_table("broker_epoch", schema=schema)


def add_traceparent(schema: str, *tables: str) -> None:
    """A nullable ``traceparent`` column (``smmkit.tracing``) on the outbox and on the rows a job continues."""
    from alembic import op

    op.add_column("outbox", sa.Column("traceparent", sa.Text(), nullable=True), schema=schema)
    for table in tables:  # a model's ``Mapped[str | None]``
        op.add_column(table, sa.Column("traceparent", sa.String(), nullable=True), schema=schema)


def drop_traceparent(schema: str, *tables: str) -> None:
    from alembic import op

    for table in ("outbox", *tables):
        op.drop_column(table, "traceparent", schema=schema)


def drop_dead_letters_table(schema: str) -> None:
    from alembic import op

    op.drop_index("ix_dead_letters_time", table_name="dead_letters", schema=schema)
    op.drop_table("dead_letters", schema=schema)


def create_known_accounts_table(schema: str) -> None:
    """``known_accounts`` (``smmkit.accounts.KnownAccountColumns``), for the services that hold credentials."""
    from alembic import op

    op.create_table(
        "known_accounts",
        sa.Column("account_id", sa.UUID(), nullable=False),
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("network", sa.String(), nullable=False),
        sa.Column("account_ref", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("account_id"),
        schema=schema,
    )
    op.create_index(f"ix_{schema}_known_accounts_tenant_id", "known_accounts", ["tenant_id"], unique=False,
                    schema=schema)


def drop_known_accounts_table(schema: str) -> None:
    from alembic import op

    op.drop_index(f"ix_{schema}_known_accounts_tenant_id", table_name="known_accounts", schema=schema)
    op.drop_table("known_accounts", schema=schema)


def drop_messaging_tables(schema: str) -> None:
    from alembic import op

    op.drop_index("ix_outbox_unsent", table_name="outbox", schema=schema, postgresql_where=sa.text("sent_at IS NULL"))
    op.drop_table("outbox", schema=schema)
    op.drop_table("inbox", schema=schema)


def run_env(target_metadata: sa.MetaData, schema: str) -> None:
    """Body of every ``env.py``: run this schema's migrations online over asyncpg."""
    url = context.config.get_main_option("sqlalchemy.url")

    def run_sync(connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table_schema=schema,
            include_schemas=True,
            include_name=lambda name, type_, _parent: type_ != "schema" or name == schema,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(async_url(url), poolclass=NullPool)
        async with engine.connect() as conn:
            await conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            await conn.commit()
            await conn.run_sync(run_sync)
            await conn.commit()
        await engine.dispose()

    asyncio.run(run())

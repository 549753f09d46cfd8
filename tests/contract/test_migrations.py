"""Each schema's Alembic history, migrated to head, matches its models exactly (no drift)."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from smmkit.db import make_engine


def _metadata(package: str):
    if package == "smmkit":
        import smmkit.offboarding  # noqa: F401 - its tenant_deletions table is in the tenancy schema
        from smmkit.tenancy import metadata
        return metadata, "tenancy"
    module = __import__(f"{package}.models", fromlist=["Base"])
    return module.Base.metadata, package


@pytest.mark.parametrize("package", ["smmkit", "planner", "publisher", "metrics", "attribution", "web"])
async def test_migrations_match_the_models(database_url, package):
    metadata, schema = _metadata(package)
    engine = make_engine(database_url)

    def diff(conn):
        ctx = MigrationContext.configure(conn, opts={
            "include_schemas": True,
            "include_name": lambda name, type_, _p: (type_ != "schema" or name == schema)
            and not (type_ == "table" and name == "alembic_version"),
        })
        return compare_metadata(ctx, metadata)

    try:
        async with engine.connect() as conn:
            changes = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    assert changes == [], f"{package}: models and migrations differ; generate a migration: {changes}"

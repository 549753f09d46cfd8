import sqlalchemy as sa

from smmkit.db import UnitOfWork, service_base

SCHEMA = "attribution"
Base = service_base(SCHEMA)


async def tune_for_reports(uow: UnitOfWork) -> None:
    """For a report's transaction: megabytes of customer sets, or hundreds of thousands of credits or touches,
    are sorted and hashed in memory, and JIT is off (the row estimates keep triggering a 50-80 ms
    compilation that saves nothing)."""
    await uow.session.execute(sa.text("SET LOCAL work_mem = '64MB'"))
    await uow.session.execute(sa.text("SET LOCAL jit = off"))

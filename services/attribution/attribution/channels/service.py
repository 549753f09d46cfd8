"""A tenant's channel rules: versions (saved, never edited), the current one, and a per-process cache for intake.

Version 0 is the built-in defaults (``channels.defaults``), current until the tenant saves rules of its own;
each save is the next version. The visit flush classifies with each tenant's current rules from ``CACHE``,
reloaded when older than ``max_age_s`` (a save in this process forgets its tenant at once; other processes
follow within ``max_age_s``).
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from smmkit.db import UnitOfWork
from smmkit.observability import get_logger
from smmkit.pagination import PageRequest
from smmkit.problems import Conflict, DomainError, NotFound

from attribution.channels import defaults
from attribution.channels.models import ChannelRuleSet
from attribution.channels.rules import RuleSet, classify, compile_rules
from attribution.channels.schemas import RuleIn

log = get_logger(__name__)


class UnknownVersion(DomainError):
    status = 422
    title = "Validation failed"

    def __init__(self, version: int, field: tuple = ("body", "version")):
        super().__init__(f"version: no rule set version {version}", errors=[
            {"loc": list(field), "msg": f"no rule set version {version}", "type": "value_error"}])


def _stored(rules: Iterable[RuleIn]) -> list[dict]:
    return [r.model_dump(exclude_none=True, exclude_defaults=True) for r in rules]


_DEFAULT: RuleSet | None = None


def default_rules() -> RuleSet:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = compile_rules(defaults.VERSION, defaults.rules())
    return _DEFAULT


def default_read() -> dict:
    return {"version": defaults.VERSION, "rules": defaults.rules(), "created_at": None}


def as_read(row: ChannelRuleSet) -> dict:
    return {"version": row.version, "rules": row.rules, "created_at": row.created_at}


async def current(*, uow: UnitOfWork, tenant_id: uuid.UUID) -> dict:
    """The current rule set as the API shows it (version 0, the defaults, until the tenant saves its own)."""
    row = await uow.session.scalar(sa.select(ChannelRuleSet).where(ChannelRuleSet.tenant_id == tenant_id)
                                   .order_by(ChannelRuleSet.version.desc()).limit(1))
    return default_read() if row is None else as_read(row)


async def version(*, uow: UnitOfWork, tenant_id: uuid.UUID, number: int) -> dict:
    """One version (0: the defaults); another tenant's or a future one is not found."""
    if number == defaults.VERSION:
        return default_read()
    row = await uow.session.get(ChannelRuleSet, (tenant_id, number))
    if row is None:
        raise NotFound(f"no rule set version {number}", version=number)
    return as_read(row)


async def save(*, uow: UnitOfWork, tenant_id: uuid.UUID, rules: list[RuleIn]) -> dict:
    """A new version (the highest so far + 1); two saves at once: the second is a 409, to be sent again."""
    stored = _stored(rules)
    table = ChannelRuleSet.__table__
    next_version = sa.select(sa.func.coalesce(sa.func.max(table.c.version), 0) + 1).where(
        table.c.tenant_id == tenant_id).scalar_subquery()
    now = datetime.now(UTC)
    saved = await uow.session.scalar(
        pg_insert(table).values(tenant_id=tenant_id, version=next_version, rules=stored, created_at=now)
        .on_conflict_do_nothing().returning(table.c.version))
    if saved is None:
        raise Conflict("the rules were saved by another request at the same time; send them again")
    uow.after_commit(lambda: CACHE.forget(tenant_id))
    log.info("channel rules saved", tenant_id=str(tenant_id), version=saved, rules=len(stored))
    return {"version": saved, "rules": stored, "created_at": now}


async def versions_page(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """The saved versions, newest first (version 0, the defaults, is GET /channel-rules?version=0)."""
    ks = page.keyset(sa.select(ChannelRuleSet).where(ChannelRuleSet.tenant_id == tenant_id),
                     ChannelRuleSet.version, descending=True, scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all(), as_read)


# --------------------------------------------------------------------------
# Compiled rule sets


class RulesCache:
    """Each tenant's current compiled rules, per process; any version's compiled rules (they never change)."""

    def __init__(self, max_age_s: float = 5.0, max_versions: int = 1024) -> None:
        self.max_age_s = max_age_s
        self.max_versions = max_versions
        self.current: dict[uuid.UUID, tuple[float, RuleSet]] = {}
        self.versions: dict[tuple[uuid.UUID, int], RuleSet] = {}

    def forget(self, tenant_id: uuid.UUID) -> None:
        self.current.pop(tenant_id, None)

    def _compiled(self, tenant_id: uuid.UUID, number: int, rules: list) -> RuleSet:
        found = self.versions.get((tenant_id, number))
        if found is None:
            if len(self.versions) >= self.max_versions:
                self.versions.clear()
            found = self.versions[(tenant_id, number)] = compile_rules(number, rules)
        return found

    async def for_tenants(self, session, tenant_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, RuleSet]:
        """The tenants' current rules; the stale or unknown ones are loaded in one query."""
        now = time.monotonic()
        found, stale = {}, []
        for tenant_id in set(tenant_ids):
            entry = self.current.get(tenant_id)
            if entry is not None and now - entry[0] < self.max_age_s:
                found[tenant_id] = entry[1]
            else:
                stale.append(tenant_id)
        if stale:
            rows = {r.tenant_id: r for r in (await session.execute(sa.text(
                "SELECT DISTINCT ON (tenant_id) tenant_id, version FROM attribution.channel_rule_sets "
                "WHERE tenant_id = ANY(:ids) ORDER BY tenant_id, version DESC"
            ).bindparams(sa.bindparam("ids", type_=sa.ARRAY(sa.Uuid))), {"ids": stale})).all()}
            if len(self.current) > 10_000:   # tenants that stopped sending visits are not kept for ever
                self.current = {t: e for t, e in self.current.items() if now - e[0] < self.max_age_s}
            for tenant_id in stale:
                row = rows.get(tenant_id)
                if row is None:
                    ruleset = default_rules()
                elif (cached := self.versions.get((tenant_id, row.version))) is not None:
                    ruleset = cached
                else:
                    ruleset = await self.of_version(session, tenant_id, row.version)
                self.current[tenant_id] = (now, ruleset)
                found[tenant_id] = ruleset
        return found

    async def of_version(self, session, tenant_id: uuid.UUID, number: int) -> RuleSet | None:
        """A version's compiled rules; None if the tenant has no such version."""
        if number == defaults.VERSION:
            return default_rules()
        found = self.versions.get((tenant_id, number))
        if found is None:
            rules = await session.scalar(sa.select(ChannelRuleSet.rules).where(
                ChannelRuleSet.tenant_id == tenant_id, ChannelRuleSet.version == number))
            if rules is None:
                return None
            found = self._compiled(tenant_id, number, rules)
        return found


CACHE = RulesCache()


async def ruleset_of(*, uow: UnitOfWork, tenant_id: uuid.UUID, number: int | None,
                     field: tuple = ("body", "version")) -> RuleSet:
    """The version's compiled rules (None: the current one); a version the tenant does not have is a 422."""
    if number is None:
        return (await CACHE.for_tenants(uow.session, [tenant_id]))[tenant_id]
    found = await CACHE.of_version(uow.session, tenant_id, number)
    if found is None:
        raise UnknownVersion(number, field)
    return found


async def preview(*, uow: UnitOfWork, tenant_id: uuid.UUID, url: str, referrer: str | None,
                  number: int | None = None, rules: list[RuleIn] | None = None,
                  click_param: str = "smm_click") -> dict:
    """How a visit landing on ``url`` from ``referrer`` is classified: by unsaved ``rules``, a version, or the
    current rules (the current version is read afresh, not from the intake cache)."""
    from attribution.visits.service import classification_row

    if rules is not None:
        ruleset = compile_rules(-1, _stored(rules))
    elif number is None:
        ruleset = await ruleset_of(uow=uow, tenant_id=tenant_id, number=(await current(uow=uow, tenant_id=tenant_id))
                                   ["version"])
    else:
        ruleset = await ruleset_of(uow=uow, tenant_id=tenant_id, number=number)
    channel, matched = classify(ruleset, classification_row(url, referrer, click_param))
    return {"channel": channel, "version": None if rules is not None else ruleset.version, "matched": matched}

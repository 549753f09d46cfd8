"""A draft checked with the same catalogue rules as ``POST /posts``, before anything is saved.

The composer counts as the user types ("287 / 300 graphemes") with this, so a post it lets through is never
refused by the API for its text or media: both run ``rules.check_content`` on the same catalogue entry.
"""
from __future__ import annotations

import uuid

from planner.accounts import service as accounts_service
from planner.posts import rules
from planner.posts.schemas import DraftCheck, DraftCheckRead, DraftTargetCheck, TextCount
from smmkit.catalogue import CATALOGUE
from smmkit.db import UnitOfWork
from smmkit.events import utcnow


async def check(*, uow: UnitOfWork, tenant_id: uuid.UUID, draft: DraftCheck) -> DraftCheckRead:
    accounts = await accounts_service.get_many(session=uow.session, tenant_id=tenant_id,
                                               account_ids={t.account_id for t in draft.targets})
    media_dicts = [m.model_dump() for m in draft.media]
    media = rules.media_of(media_dicts)
    carried = rules.carried_bytes(media=media_dicts, links=[str(u) for u in draft.links])
    out = []
    for i, t in enumerate(draft.targets):
        account = accounts[t.account_id]
        text = t.text or draft.text
        planned = rules.Planned(ref=f"targets[{i}]", account_id=account.id, network=account.network,
                                handle=account.handle, timezone=account.timezone, text=text, media=media,
                                scheduled_at=utcnow(), carried_bytes=carried)
        violations = rules.check_content(planned) + rules.check_event_size(planned, uow.db.max_event_bytes)
        spec = CATALOGUE.get(account.network)
        counts = [TextCount(rule=limit.rule, unit=limit.unit, used=limit.count(text), limit=limit.limit)
                  for limit in (spec.text_limits(with_media=bool(media)) if spec else [])]
        out.append(DraftTargetCheck(account_id=account.id, network=account.network, handle=account.handle,
                                    title=spec.title if spec else account.network, text=text, counts=counts,
                                    violations=violations))
    return DraftCheckRead(ok=not any(t.violations for t in out), targets=out)

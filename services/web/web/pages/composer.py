"""The composer: one text with optional per-account versions, media and a link, checked live by the planner with
the catalogue's rules (``POST /posts/check``), so a post the page lets through is never refused by the API."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Annotated, get_args

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from smmkit.catalogue.text import find_urls
from smmkit.deps import RuntimeDep
from smmkit.events import MediaRef
from smmkit.links import with_utm
from smmkit.validation import UrlText
from web.apis import VIOLATION_FIELDS, ApiProblem, Apis
from web.identity.deps import ApisDep, UserDep, Writer, check_csrf
from web.i18n import gettext as _
from web.render import page, use_locale

router = APIRouter(dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
Text = Annotated[str, Form(max_length=70_000)]
Short = Annotated[str, Form(max_length=2000)]
# One entry per account shown (100 at most, the planner's MAX_TARGETS) or per media row (its MAX_MEDIA is 20;
# more rows are refused by the planner with a readable problem). Each entry is bounded like the field it fills.
Many = Annotated[list[UrlText], Form(max_length=100)]
Texts = Annotated[list[Annotated[str, Form(max_length=70_000)]], Form(max_length=100)]
MEDIA_KINDS = get_args(MediaRef.model_fields["kind"].annotation)
# The planner's body fields, as its problem's ``loc`` names them, by the form field they are shown beside.
FIELD_OF = {"media": "media", "url": "media", "kind": "media", "size_bytes": "media", "links": "link",
            "targets": "account_ids", "account_id": "account_ids"}


@dataclass
class Draft:
    """The form as the planner's post body takes it."""

    text: str = ""
    account_ids: list[str] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)  # account id → its own version of the text
    media: list[dict] = field(default_factory=list)
    link: str = ""

    def body(self) -> dict:
        return {"text": self.text,
                "targets": [{"account_id": a, "text": self.overrides.get(a) or None} for a in self.account_ids],
                "links": [self.link] if self.link else [],
                "media": self.media}


def draft_of(text: str, account_ids: list[str], override_for: list[str], override: list[str], media_url: list[str],
             media_kind: list[str], media_size: list[str], link: str) -> Draft:
    overrides = {a: t for a, t in zip(override_for, override) if t.strip()}
    media = []
    for i, url in enumerate(media_url):
        if not url.strip():
            continue  # an empty row is not media
        kind = media_kind[i] if i < len(media_kind) else "image"
        size = media_size[i].strip() if i < len(media_size) else ""
        # Sent as typed: the planner's MediaRef bounds refuse a bad size with a problem naming the field.
        media.append({"url": url.strip(), "kind": kind, "size_bytes": size or None})
    return Draft(text=text, account_ids=account_ids, overrides=overrides, media=media, link=link.strip())


async def _choices(apis: Apis) -> dict:
    accounts = await apis.get_all("planner", "/accounts")
    pillars = await apis.get("planner", "/pillars")
    campaigns = await apis.get_all("planner", "/campaigns")
    return {"accounts": accounts, "pillars": pillars, "campaigns": campaigns, "media_kinds": MEDIA_KINDS}


@router.get("/compose")
async def composer(request: Request, user: UserDep, apis: ApisDep):
    return page(request, "composer.html", form={}, **await _choices(apis))


def tracked_preview(runtime, url: str, network: str, campaign: str) -> dict:
    """What one URL becomes in this network's post: attribution's redirect, signed by the publisher, to the URL with
    UTM tags (``smmkit.links``, as the publisher's ``track``). Nothing is created: the signed token and the target id
    exist only once the post is planned, so both are shown as placeholders."""
    destination = with_utm(url, source=network, campaign=campaign or None, content="TARGET-ID")
    return {"url": url, "redirect": f"{runtime.settings.attribution_public_url.rstrip('/')}/r/…",
            "destination": destination}


def links_of(link: str, text: str) -> list[str]:
    """The URLs the publisher tracks, in its order: the link attachment, then the text's links (each once)."""
    return list(dict.fromkeys(([link] if link else []) + [text[s:e] for s, e in find_urls(text)]))


def check_errors(exc: ApiProblem, draft: Draft) -> dict[str, str]:
    """The planner's problem by form field: a rule broken by one account's own version goes beside that version,
    media rules and fields beside the media, the rest where ``ApiProblem.field_errors`` puts them."""
    errors: dict[str, str] = {}
    others = []
    for v in exc.violations:
        index = v.get("target", "").removeprefix("targets[").removesuffix("]")
        account = draft.account_ids[int(index)] if index.isdigit() and int(index) < len(draft.account_ids) else None
        detail = v.get("detail") or v.get("rule", "refused")
        if account in draft.overrides and v.get("rule") not in VIOLATION_FIELDS:
            errors.setdefault(f"override-{account}", detail)
        elif str(v.get("rule", "")).startswith("media"):
            errors.setdefault("media", detail)
        else:
            others.append(v)
    if others or not errors:
        for name, message in replace(exc, violations=others).field_errors().items():
            errors.setdefault(FIELD_OF.get(name, name), message)
    return errors


@router.post("/compose/check")
async def check(request: Request, user: UserDep, apis: ApisDep, runtime: RuntimeDep, text: Text = "",
                account_ids: Many = [], override_for: Many = [], override: Texts = [], media_url: Many = [],
                media_kind: Many = [], media_size: Many = [], link: Short = "", campaign: Short = ""):
    """The live check (htmx, as the user types): per account, the text it sends, its count against the network's
    limit, what breaks, its media and what its links become."""
    draft = draft_of(text, account_ids, override_for, override, media_url, media_kind, media_size, link)
    if not account_ids:
        return page(request, "_composer_check.html", result=None)
    try:
        result = await apis.call("planner", "POST", "/posts/check", json=draft.body())
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        return page(request, "_composer_check.html", result=None, errors=check_errors(exc, draft))
    for target in result["targets"]:
        target["own"] = str(target["account_id"]) in draft.overrides
        target["tracked"] = [tracked_preview(runtime, url, target["network"], campaign)
                             for url in links_of(draft.link, target["text"])]
    return page(request, "_composer_check.html", result=result, media=draft.media)


@router.post("/compose")
async def create(request: Request, user: Writer, apis: ApisDep, text: Text = "", account_ids: Many = [],
                 override_for: Many = [], override: Texts = [], media_url: Many = [], media_kind: Many = [],
                 media_size: Many = [], scheduled_at: Short = "", timezone: Short = "UTC", campaign: Short = "",
                 pillar: Short = "", link: Short = "", draft: Short = ""):
    post_in = draft_of(text, account_ids, override_for, override, media_url, media_kind, media_size, link)
    form = {"text": text, "account_ids": account_ids, "overrides": post_in.overrides, "media": post_in.media,
            "scheduled_at": scheduled_at, "timezone": timezone, "campaign": campaign, "pillar": pillar,
            "link": link, "draft": bool(draft)}
    errors = {}
    if not account_ids:
        errors["account_ids"] = _("choose at least one account")
    if not scheduled_at:
        errors["scheduled_at"] = _("choose when to publish")
    if not errors:
        try:
            post = await apis.call("planner", "POST", "/posts", json={
                **post_in.body(), "scheduled_at": scheduled_at, "timezone": timezone,
                "campaign": campaign or None, "pillar": pillar or None, "draft": bool(draft)})
            return RedirectResponse(f"/calendar?created={post['id']}", status_code=303)
        except ApiProblem as exc:
            if exc.status >= 500:
                raise
            errors = check_errors(exc, post_in)
    return page(request, "composer.html", 422, form=form, errors=errors, **await _choices(apis))

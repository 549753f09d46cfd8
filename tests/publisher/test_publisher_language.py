"""post.scheduled's language reaches the network: stored with the target, passed on the Publication."""
import httpx

from publisher.targets.publishing import publication_of
from tests.publisher.conftest import unique_ref


async def test_a_scheduled_language_is_stored_and_the_sandbox_post_carries_it(publisher, runtime, sandbox):
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    tagged = await publisher.schedule(account, "mastodon", ref, "Olá, outono", language="pt-BR")
    untagged = await publisher.schedule(account, "mastodon", ref, "No language given")

    assert (await publisher.target(tagged)).language == "pt-BR"
    assert publication_of(await publisher.target(tagged), runtime.settings).language == "pt-BR"
    assert publication_of(await publisher.target(untagged), runtime.settings).language is None
    published = [await publisher.run(t) for t in (tagged, untagged)]

    assert [t.state for t in published] == ["published", "published"]
    async with httpx.AsyncClient(base_url=sandbox.url("mastodon")) as http:
        statuses = [(await http.get(f"/api/v1/statuses/{t.external_id}")).json() for t in published]
    assert [s["language"] for s in statuses] == ["pt", "en"]  # untagged: the instance's default


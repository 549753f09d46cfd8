"""Input metrics cannot store or schedule is refused with a 422 naming the field (each of these was a 500)."""
import uuid

import pytest

from tests.utils.problems import assert_refused


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("change,field", [
    ({"account_ref": "4\u00002"}, "account_ref"),
    ({"credentials": {"access_token": "sbx-\u0000"}}, "access_token"),
    ({"timezone": "Europe/\u0000"}, "timezone"),
])
async def test_read_credentials_that_cannot_be_stored_are_422(new_tenant, app_client, change, field):
    _, key = await new_tenant("creds-bounds")
    body = {"network": "mastodon", "account_ref": "42", "credentials": {"access_token": "sbx-42"}, **change}
    async with app_client() as (client, _):
        assert_refused(await client.put(f"/accounts/{uuid.uuid4()}/credentials", json=body, headers=auth(key)), field)


@pytest.mark.parametrize("band,field", [
    ({"until_s": 3600, "every_s": 1e14}, "every_s"),
    ({"until_s": 1e14, "every_s": 60}, "until_s"),
    ({"until_s": 3600, "every_s": 1e-9}, "every_s"),
])
async def test_polling_bands_beyond_the_calendar_are_422_and_the_schedule_stays(new_tenant, app_client, band, field):
    _, key = await new_tenant("band-bounds")
    async with app_client() as (client, _):
        before = (await client.get("/settings/schedule", headers=auth(key))).json()
        assert_refused(await client.put("/settings/schedule", json={"bands": [band]}, headers=auth(key)), field)
        assert (await client.get("/settings/schedule", headers=auth(key))).json() == before

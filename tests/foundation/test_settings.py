"""Production refuses to start on placeholder secrets or on encryption keys that are not Fernet keys."""
import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from smmkit.crypto import SecretBox
from smmkit.settings import CommonSettings

REAL = {"operator_token": "op-" + "x" * 30, "tracking_secret": "t-" + "y" * 30}


def production(**values) -> CommonSettings:
    return CommonSettings(environment="production", **{**REAL, **values})


def test_production_accepts_fernet_keys_for_rotation():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = production(secret_keys=f"{new}, {old}")
    box = SecretBox(settings.secret_keys)
    assert box.decrypt(SecretBox(old).encrypt({"a": 1})) == {"a": 1}


@pytest.mark.parametrize("keys", [
    "change-me",                                      # the placeholder
    "correct horse battery staple",                   # a passphrase: would be hashed into a key
    Fernet.generate_key().decode() + ",not-a-key",    # one good key does not excuse a bad one
    Fernet.generate_key().decode()[:-4],              # truncated
    " , ",                                            # nothing at all
])
def test_production_refuses_anything_but_fernet_keys(keys):
    with pytest.raises(ValidationError, match="SECRET_KEYS"):
        production(secret_keys=keys)


def test_development_still_derives_a_key_from_a_passphrase():
    box = SecretBox(CommonSettings(environment="development", secret_keys="dev passphrase").secret_keys)
    assert box.decrypt(box.encrypt({"ok": True})) == {"ok": True}


def test_events_must_stay_well_under_the_producers_record_limit():
    assert CommonSettings(_env_file=None).event_max_bytes == 512 * 1024
    CommonSettings(_env_file=None, kafka_max_request_bytes=2 * 1024**2, event_max_bytes=2 * 1024**2 - 16_384)
    with pytest.raises(ValidationError, match="EVENT_MAX_BYTES"):
        CommonSettings(_env_file=None, event_max_bytes=1024**2)


def test_production_refuses_the_development_seal_keys_and_oauth_placeholders():
    from metrics.settings import MetricsSettings
    from publisher.settings import PublisherSettings
    from smmkit.app import refuse_development_values
    from smmkit.sealed import new_private_key, public_key_of

    prod = production(secret_keys=Fernet.generate_key().decode())
    with pytest.raises(ValueError, match="METRICS_SEAL_PRIVATE_KEY"):
        refuse_development_values(prod, MetricsSettings(_env_file=None))
    with pytest.raises(ValueError, match="PUBLISHER_METRICS_SEAL_PUBLIC_KEY"):
        refuse_development_values(prod, PublisherSettings(_env_file=None))
    own = new_private_key()
    refuse_development_values(prod, MetricsSettings(_env_file=None, seal_private_key=own))
    sealing = {"metrics_seal_public_key": public_key_of(own)}
    refuse_development_values(prod, PublisherSettings(_env_file=None, **sealing,
                                                      oauth_clients={"x": {"client_id": "a", "client_secret": "b"}}))
    with pytest.raises(ValueError, match="PUBLISHER_OAUTH_CLIENTS"):  # an app without its secret
        refuse_development_values(prod, PublisherSettings(_env_file=None, **sealing,
                                                          oauth_clients={"x": {"client_id": "a"}}))
    refuse_development_values(CommonSettings(environment="development"), MetricsSettings(_env_file=None))

"""Helpers shared by the deploy tests (a plain module: tests/deploy has no __init__.py)."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from smmkit.settings import CommonSettings


class FakeAdmin:
    """Stands in for AIOKafkaAdminClient: records the topics `smm topics` asks for."""

    created: list[tuple[str, int, int]] = []

    def __init__(self, bootstrap_servers):
        self.bootstrap_servers = bootstrap_servers

    async def start(self):
        pass

    async def close(self):
        pass

    async def list_topics(self):
        return []

    async def create_topics(self, new_topics):
        FakeAdmin.created = [(t.name, t.num_partitions, t.replication_factor) for t in new_topics]


def run_smm_topics(monkeypatch, env: dict[str, str]) -> list[tuple[str, int, int]]:
    """Run the real `smm topics` command with exactly ``env`` as configuration, against FakeAdmin."""
    from smmkit import bus, cli

    for key in CommonSettings.model_fields:
        monkeypatch.delenv(key.upper(), raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    monkeypatch.chdir(Path(__file__).parent)  # no stray .env in the working directory
    monkeypatch.setattr(bus, "AIOKafkaAdminClient", FakeAdmin)
    FakeAdmin.created = []
    result = CliRunner().invoke(cli.app, ["topics"])
    assert result.exit_code == 0, result.output
    return FakeAdmin.created

"""The real Bluesky PDS (``tools/bluesky-pds``) for tests: installed with ``npm ci``, started on a
free port with a throwaway data directory, stopped by its PID.

The PDS signs access JWTs with ``jwt_secret``, which we choose, so tests can hand the publisher a
token the real server rejects as expired (``expired_access_jwt``).
"""
from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from smmkit.stack import free_port

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "tools" / "bluesky-pds"
POST = "app.bsky.feed.post"


class PdsUnavailable(RuntimeError):
    """The PDS could not be installed or started; the message says why."""


def node_deps_current() -> bool:
    """``node_modules`` is newer than package.json and the lockfile (npm ci writes its own copy of
    the lockfile last); the same rule as ``make pds-deps``."""
    installed = HARNESS / "node_modules" / ".package-lock.json"
    return installed.exists() and all(installed.stat().st_mtime >= (HARNESS / name).stat().st_mtime
                                      for name in ("package.json", "package-lock.json"))


def install_node_deps() -> None:
    """``npm ci`` when node_modules is missing or stale; one installer at a time."""
    if node_deps_current():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise PdsUnavailable("npm is not installed (Node 20 with npm runs the Bluesky PDS)")
    with (HARNESS / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if node_deps_current():  # another session installed them while we waited
            return
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HARNESS, capture_output=True, text=True)
    if done.returncode != 0:
        raise PdsUnavailable(f"npm ci in {HARNESS} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


@dataclass
class Pds:
    url: str
    jwt_secret: str
    data_dir: Path
    process: subprocess.Popen

    def stop(self) -> None:
        """Stop our own process only (by its PID), then drop its data."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdin:
            self.process.stdin.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        out = self.data_dir / "stdout.log"
        return "\n".join(out.read_text(errors="replace").splitlines()[-lines:]) if out.exists() else ""

    def blob_files(self, did: str) -> int:
        """Blobs the PDS holds for an account, referenced or only uploaded: how tests see that an
        ``uploadBlob`` happened (the disk blobstore keeps uploads in ``tempt/<did>`` until a record uses them)."""
        blobs = self.data_dir / "blobs"
        return sum(len(list(d.rglob("*"))) for d in (blobs / did, blobs / "tempt" / did) if d.exists())


@contextmanager
def running_pds(*, node: str | None = None, timeout_s: float = 60.0) -> Iterator[Pds]:
    """Start the PDS (and its in-process PLC) on free loopback ports; stop it on the way out."""
    node = node or shutil.which("node")
    if node is None:
        raise PdsUnavailable("node is not installed (Node 20 runs the Bluesky PDS)")
    install_node_deps()
    (ROOT / "var" / "test").mkdir(parents=True, exist_ok=True)  # `make clean` drops what a killed session left
    data_dir = Path(tempfile.mkdtemp(prefix="pds-", dir=ROOT / "var" / "test"))
    port, jwt_secret = free_port(), secrets.token_hex(16)
    env = {**os.environ, "PDS_PORT": str(port), "PDS_DATA_DIRECTORY": str(data_dir), "PDS_JWT_SECRET": jwt_secret,
           "EXIT_ON_STDIN_EOF": "1"}  # if this session dies, the closed pipe stops the PDS too
    with (data_dir / "stdout.log").open("ab") as log:
        process = subprocess.Popen([node, "start.js"], cwd=HARNESS, env=env, stdin=subprocess.PIPE,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    pds = Pds(url=f"http://127.0.0.1:{port}", jwt_secret=jwt_secret, data_dir=data_dir, process=process)
    try:
        _wait_healthy(pds, timeout_s)
        yield pds
    finally:
        pds.stop()


def _wait_healthy(pds: Pds, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if pds.process.poll() is not None:
            raise PdsUnavailable(f"the PDS exited with {pds.process.returncode}:\n{pds.log_tail()}")
        try:
            if httpx.get(f"{pds.url}/xrpc/_health", timeout=1).is_success:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise PdsUnavailable(f"the PDS did not answer /xrpc/_health within {timeout_s}s:\n{pds.log_tail()}")


# --- talking to it as a test ------------------------------------------------------------------


def xrpc(pds: Pds, method: str, nsid: str, *, token: str | None = None, headers: dict[str, str] | None = None,
         **kwargs: Any) -> httpx.Response:
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.request(method, f"{pds.url}/xrpc/{nsid}", headers={**auth, **(headers or {})}, timeout=10, **kwargs)


def create_account(pds: Pds, name: str) -> dict[str, Any]:
    """A new account ``<name>-<random>.test`` (no invite needed): its session, plus ``password``."""
    handle = f"{name}-{secrets.token_hex(4)}.test"
    password = secrets.token_urlsafe(12)
    answer = xrpc(pds, "POST", "com.atproto.server.createAccount",
                  json={"handle": handle, "email": f"{handle}@example.test", "password": password})
    answer.raise_for_status()
    return {**answer.json(), "password": password}


def app_password(pds: Pds, session: dict[str, Any], name: str = "smm") -> str:
    answer = xrpc(pds, "POST", "com.atproto.server.createAppPassword", token=session["accessJwt"],
                  json={"name": name})
    answer.raise_for_status()
    return answer.json()["password"]


def get_post(pds: Pds, did: str, rkey: str) -> dict[str, Any] | None:
    """The stored ``app.bsky.feed.post`` record (``uri``, ``cid``, ``value``), or None."""
    answer = xrpc(pds, "GET", "com.atproto.repo.getRecord", params={"repo": did, "collection": POST, "rkey": rkey})
    if answer.status_code == 400 and answer.json().get("error") == "RecordNotFound":
        return None
    answer.raise_for_status()
    return answer.json()


def list_posts(pds: Pds, did: str) -> list[dict[str, Any]]:
    answer = xrpc(pds, "GET", "com.atproto.repo.listRecords", params={"repo": did, "collection": POST, "limit": 100})
    answer.raise_for_status()
    return answer.json()["records"]


def expired_access_jwt(pds: Pds, access_jwt: str) -> str:
    """The same access token, validly signed, but expired an hour ago: the PDS answers 400 ExpiredToken."""
    header, payload, _ = access_jwt.split(".")
    claims = json.loads(_unb64(payload))
    claims.update(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)
    signing_input = f"{header}.{_b64(json.dumps(claims).encode())}"
    signature = hmac.new(pds.jwt_secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

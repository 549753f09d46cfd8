"""``python -m sandbox [--host 127.0.0.1] [--port 8010 | --layout JSON] [--latency-ms N]``

Serves the control API on ``--port`` and each network on the ports after it (``SandboxLayout.consecutive``),
or on the ports of ``--layout`` (``SandboxLayout.to_json``), and prints which port serves what.
"""

from __future__ import annotations

import argparse

from sandbox.layout import SandboxLayout
from sandbox.server import listen, make_server


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="Imitations of the catalogue's social network APIs.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8010, help="the control API; the networks take the next ports")
    parser.add_argument("--layout", help="explicit ports as JSON: {control, networks: {name: port}, reads: {...}}")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added to every network call")
    parser.add_argument("--access-log", action="store_true", help="log every request (slow under load)")
    args = parser.parse_args()
    layout = (SandboxLayout.from_json(args.layout, args.host) if args.layout
              else SandboxLayout.consecutive(args.port, args.host))
    sockets = [listen(args.host, port) for port in layout.ports()]
    print(f"sandbox control  {layout.control}  (docs: {layout.control}/_sandbox/docs)", *layout.table(), sep="\n",
          flush=True)
    make_server(layout, latency_ms=args.latency_ms, access_log=args.access_log, log_level="info").run(sockets=sockets)


if __name__ == "__main__":
    main()

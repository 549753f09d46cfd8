"""``python -m sandbox --host 127.0.0.1 --port 8010 [--latency-ms N]``"""

from __future__ import annotations

import argparse

import uvicorn

from sandbox.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="Imitations of nine social network APIs.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8010)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added to every network call")
    parser.add_argument("--access-log", action="store_true", help="log every request (slow under load)")
    args = parser.parse_args()
    uvicorn.run(create_app(args.latency_ms), host=args.host, port=args.port, access_log=args.access_log)


if __name__ == "__main__":
    main()

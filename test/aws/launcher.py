#!/usr/bin/env python3
"""Runs moto's server with gamectl's extensions on one loopback port.

    python3 test/aws/launcher.py --host 127.0.0.1 --port 5000

Point the AWS SDK at http://HOST:PORT (region us-east-1, any fake credentials; with --enforce-iam,
the administrator's keys from GET /_gamectl/iam/bootstrap).
Prints `moto launcher ready on http://HOST:PORT` once it accepts connections.
"""

import argparse
import logging
import os
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from werkzeug.serving import BaseWSGIServer


def main() -> int:
    # Taken first: importing moto takes seconds, and the parent may die meanwhile.
    parent = os.getppid()
    parser = argparse.ArgumentParser(description="moto server with gamectl's extensions")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--exit-with-parent", action="store_true", help="stop when the process that started the launcher goes away")
    parser.add_argument("--enforce-iam", action="store_true", help="authenticate and authorize every AWS request with IAM (keys: GET /_gamectl/iam/bootstrap)")
    parser.add_argument("--self-check", action="store_true", help="exercise the extensions in-process, print the results and exit")
    args = parser.parse_args()

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    try:
        import moto  # noqa: F401
        from werkzeug.serving import make_server

        from gamectl_moto import build_app
    except ImportError as error:
        print(f"moto launcher: cannot import moto's server ({error}). Install it with: pip install \"moto[server]\"", file=sys.stderr)
        return 3

    if args.self_check:
        from gamectl_moto import selfcheck

        return 0 if selfcheck.run(build_app()) and selfcheck.run_enforced(build_app(enforce_iam=True)) else 1

    # One line per request on stderr would drown the readiness line and real errors.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    try:
        server = make_server(args.host, args.port, build_app(enforce_iam=args.enforce_iam), threaded=True)
    except (OSError, SystemExit) as error:
        # werkzeug reports "address in use" itself and exits; name the cause the same way either way.
        print(f"moto launcher: cannot listen on {args.host}:{args.port} ({'address already in use' if isinstance(error, SystemExit) else error}); is the port taken?", file=sys.stderr)
        return 2

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    if args.exit_with_parent:
        _exit_with_parent(server, parent)
    print(f"moto launcher ready on http://{args.host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _exit_with_parent(server: "BaseWSGIServer", parent: int) -> None:
    """A test runner killed without cleanup must not leave servers behind: when the parent goes
    away the launcher is re-parented, and then it shuts down."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        server.shutdown()

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())

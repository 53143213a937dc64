#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL server started here and removed afterwards.

    python scripts/with_postgres.py -- pytest -q

initdb refuses to run as root, so when run as root the cluster is created and started as the
`postgres` user in a temporary folder that user owns. The command gets STINET_DATABASE_URL.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    """Prefix a command so that it runs as the postgres user when we are root."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


def _pg_bin(name: str) -> str:
    """Path of a PostgreSQL server program (PATH first, then Debian's versioned folders)."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    sys.exit(f"with_postgres: {name} not found; install PostgreSQL 15 (postgresql package)")


def main(argv: list[str]) -> int:
    """Start the server, run the command, stop and delete the server; return its exit code."""
    command = argv[argv.index("--") + 1:] if "--" in argv else argv
    if not command:
        sys.exit("usage: with_postgres.py -- COMMAND [ARGS...]")
    root = Path(tempfile.mkdtemp(prefix="stinet-pg-"))
    data = root / "data"
    port = _free_port()
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
    run = lambda args: subprocess.run(_as_postgres(args), check=True, capture_output=True)  # noqa: E731
    try:
        run([_pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8"])
        run([_pg_bin("pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "start",
             "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off"])
        for _ in range(50):
            if subprocess.run([_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                              capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        env = dict(os.environ, STINET_DATABASE_URL=f"postgresql://postgres@127.0.0.1:{port}/postgres")
        return subprocess.run(command, env=env).returncode
    except subprocess.CalledProcessError as exc:
        sys.stderr.write(exc.stderr.decode(errors="replace"))
        return 1
    finally:
        subprocess.run(_as_postgres([_pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

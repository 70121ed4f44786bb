"""Start the services a test run needs, run a command, stop them again.

    python -m tests.services sqlite   -- python -m pytest ...
    python -m tests.services postgres -- python -m pytest ...

``postgres`` starts a throw-away PostgreSQL (initdb in a temp dir, free port; as the
``postgres`` user when we are root, because PostgreSQL refuses to run as root) and a
redis-server on a free port, and exports DATABASE_URL and REDIS_URL. Both modes give
the run its own DATA_DIR, so the embedded broker and SQLite files never mix with a
developer's. Without PostgreSQL or Redis installed the postgres run fails when CI=true
and is skipped (loudly) otherwise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_bindir() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists():
            return c
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def postgres(tmp: Path) -> Iterator[str]:
    bindir = pg_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    datadir = tmp / "pgdata"
    sockdir = tmp / "pgsock"
    datadir.mkdir()
    sockdir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        shutil.chown(datadir, "postgres")
        shutil.chown(sockdir, "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres(
            [
                str(bindir / "initdb"),
                "-D",
                str(datadir),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    opts = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={sockdir} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    )
    subprocess.run(
        _as_postgres(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(datadir),
                "-o",
                opts,
                "-l",
                str(tmp / "pg.log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "psql") if (bindir / "psql").exists() else "psql",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    "postgres",
                    "-c",
                    "CREATE DATABASE gronings",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        yield f"postgres://postgres@127.0.0.1:{port}/gronings"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


@contextlib.contextmanager
def redis(tmp: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("Redis is not installed (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--" or argv[0] not in ("sqlite", "postgres"):
        print(__doc__)
        return 2
    mode, cmd = argv[0], argv[2:]
    ci = os.environ.get("CI", "").lower() == "true"
    with tempfile.TemporaryDirectory(prefix=f"gm-test-{mode}-") as tmpname:
        tmp = Path(tmpname)
        tmp.chmod(0o711)  # the postgres user must reach its data directory below it
        env = dict(os.environ)
        env["DATA_DIR"] = str(tmp / "data")
        env["TEST_BACKEND"] = mode
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        with contextlib.ExitStack() as stack:
            if mode == "postgres":
                try:
                    pg_tmp = tmp / "pg"
                    pg_tmp.mkdir()
                    env["DATABASE_URL"] = stack.enter_context(postgres(pg_tmp))
                    env["REDIS_URL"] = stack.enter_context(redis(tmp))
                except (RuntimeError, subprocess.CalledProcessError) as exc:
                    if ci:
                        print(f"FAILED to start PostgreSQL/Redis: {exc}", file=sys.stderr)
                        return 1
                    print(f"SKIPPING the PostgreSQL suite: {exc}", file=sys.stderr)
                    return 0
            print(
                f"[tests.services] {mode}: DATABASE_URL={env.get('DATABASE_URL', 'sqlite')} "
                f"REDIS_URL={env.get('REDIS_URL', 'filesystem broker')}",
                flush=True,
            )
            return subprocess.call(cmd, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A throwaway PostgreSQL cluster from Debian's binaries, for the write path's tests.

Started as the `postgres` user when the tests run as root (PostgreSQL refuses root), listening
on a Unix socket in its own folder only. In CI (CI=true) a missing PostgreSQL is a failure, not
a skip: the write path must be proven against the real database.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def _binary(name: str) -> str | None:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self):
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if not initdb or not pg_ctl:
            message = "PostgreSQL is not installed (invoke tools installs Debian's postgresql)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.pg_ctl = pg_ctl
        self.base = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        os.chmod(self.base, 0o755)
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            self.as_user = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]
        self.port = _free_port()
        self.data = self.base / "data"
        self._run([initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])
        self._run(
            [
                pg_ctl,
                "-D",
                str(self.data),
                "-l",
                str(self.base / "log"),
                "-w",
                "-t",
                "60",
                "start",
                "-o",
                f"-k {self.base} -c listen_addresses='' -p {self.port} -c fsync=on -c max_connections=200",
            ]
        )

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(self.as_user + command, capture_output=True, text=True, check=False, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed: {done.stdout}\n{done.stderr}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.base}&port={self.port}"

    def new_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            self.as_user + [self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            check=False,
            timeout=60,
        )
        shutil.rmtree(self.base, ignore_errors=True)

"""A department's git repository for tests: real `git`, real SSH keys from ssh-keygen, commits signed with
`git commit -S` (gpg.format=ssh), and the staff commands run as staff run them."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

TODAY = "2024-06-01"


class Office:
    """A department's repository: content/ at its root's side, a reviewer's and a writer's key."""

    def __init__(self, site, keys: Path):
        self.site = site
        self.root = site.root
        self.keys = keys
        self.reviewer = self._key("reviewer")
        self.writer = self._key("writer")
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Nguyễn Văn Viết")
        self.git("config", "user.email", "viet@stttt.gov.vn")
        self.git("config", "gpg.format", "ssh")
        (self.root / ".gitignore").write_text("output*\n.output*\n", encoding="utf-8")

    def _key(self, name: str) -> Path:
        path = self.keys / name
        if not path.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True)
        return path

    def line(self, principal: str, key: Path) -> str:
        return f"{principal} " + " ".join(key.with_suffix(".pub").read_text().split()[:2]) + "\n"

    def reviewers(self, *lines: str) -> None:
        (self.root / ".nguoi-duyet").write_text("# Ban biên tập\n" + "".join(lines), encoding="utf-8")

    def git(self, *args: str, key: Path | None = None, email: str | None = None) -> str:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(self.keys)}
        if key is not None:  # as a person whose git signs with this key (user.signingkey)
            env |= {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "user.signingkey", "GIT_CONFIG_VALUE_0": str(key)}
        if email is not None:
            env |= {"GIT_COMMITTER_EMAIL": email, "GIT_AUTHOR_EMAIL": email}
        done = subprocess.run(
            ["git", "-C", str(self.root), *args], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def commit(self, message: str, key: Path | None = None, email: str | None = None) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", *(["-S"] if key else []), "-m", message, key=key, email=email)
        return self.git("rev-parse", "HEAD").strip()

    def invoke(self, *args: str, key: Path | None = None) -> subprocess.CompletedProcess:
        """A staff command as staff run it, from the project, on this office's content."""
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(self.keys), "PORTAL_TODAY": TODAY}
        if key is not None:
            env |= {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "user.signingkey", "GIT_CONFIG_VALUE_0": str(key)}
        return subprocess.run(
            [sys.executable, "-m", "invoke", *args, "--content", str(self.site.content)],
            cwd=ROOT,
            check=False,
            capture_output=True,
            text=True,
            env=env,
        )

    def approve(self, note: str = "") -> str:
        done = self.invoke("duyet", *(["--ghi-chu", note] if note else []), key=self.reviewer)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def build(self, **overrides):
        return self.site.build(TODAY, **overrides)


def public_text(output: Path) -> str:
    """Everything a static host would send (pages, feeds, sitemap, open data), as text."""
    parts = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix in (".br", ".woff2", ".png", ".ico"):
            continue
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def ask(output: Path, path: str) -> tuple[int, dict, str]:
    """One GET to the portal as `invoke serve` answers it (static site, search, write path), redirects not
    followed: (status, headers, body)."""
    import http.client

    from search_server import Server

    server = Server(output)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.httpd.server_port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        server.close()

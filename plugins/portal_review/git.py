"""The git commands review runs, each one process, with what went wrong said in Vietnamese."""

import os
import subprocess
from pathlib import Path


class GitFailed(Exception):
    """A git command the review needs did not succeed: `message` says what, `detail` is git's own words."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


# settings every call needs, whatever the user's configuration: no pager, no colour, paths as bytes
_ENV = {"GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


class Repository:
    """The git repository that holds a content folder."""

    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def around(cls, folder: Path) -> "Repository | None":
        """The repository `folder` is in, or None when it is in none (or git is not installed)."""
        try:
            done = subprocess.run(
                ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                capture_output=True,
                env={**os.environ, **_ENV},
                check=False,
            )
        except FileNotFoundError:
            return None
        if done.returncode != 0:
            return None
        return cls(Path(os.fsdecode(done.stdout.strip())).resolve())

    def run(self, *args: str, **options) -> str:
        """git's standard output as text; `options` as `raw`'s."""
        return self.raw(*args, **options).decode("utf-8", "replace")

    def raw(
        self,
        *args: str,
        config: dict | None = None,
        env: dict | None = None,
        check: bool = True,
        input: bytes | None = None,
        at: Path | None = None,
        what: str = "",
    ) -> bytes:
        """git's standard output as bytes (file contents); GitFailed (saying `what` failed) when git fails and
        `check` is set. `at`: the folder git runs in (default the repository's root; a work tree of its own,
        for a snapshot)."""
        done = subprocess.run(
            self._command(args, config, at),
            input=input,
            capture_output=True,
            env={**os.environ, **_ENV, **(env or {})},
            check=False,
        )
        if check and done.returncode != 0:
            message = what or f"Lệnh git {args[0]} không chạy được"
            raise GitFailed(message, done.stderr.decode("utf-8", "replace").strip())
        return done.stdout

    def succeeds(self, *args: str) -> bool:
        done = subprocess.run(self._command(args, None), capture_output=True, env={**os.environ, **_ENV}, check=False)
        return done.returncode == 0

    @property
    def git_dir(self) -> Path:
        """The repository's own folder (.git, or where GIT_DIR puts it)."""
        return Path(self.run("rev-parse", "--absolute-git-dir").strip())

    def stream(self, *args: str, config: dict | None = None):
        """git's output line by line; the process ends when the caller stops reading (a log that verifies
        signatures stops verifying at the commit the caller was looking for)."""
        process = subprocess.Popen(
            self._command(args, config),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **_ENV},
        )
        try:
            for line in process.stdout:
                yield line.decode("utf-8", "replace").rstrip("\n")
        finally:
            process.stdout.close()
            if process.poll() is None:
                process.kill()
            process.wait()

    def blob(self, commit: str, path: str) -> bytes | None:
        """A file's bytes as `commit` has it, or None when the commit has no such file."""
        try:
            return self.raw("cat-file", "blob", f"{commit}:{path}")
        except GitFailed:
            return None

    def _command(self, args, config: dict | None, at: Path | None = None) -> list[str]:
        command = ["git", "-C", str(at or self.root)]
        for key, value in (config or {}).items():
            command += ["-c", f"{key}={value}"]
        return command + list(args)

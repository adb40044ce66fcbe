"""The reviewers' commands: `invoke cho-duyet` (what waits, told as text) and `invoke duyet` (the signed
approval commit). Both read the state the build reads (state.py), so they never disagree with it."""

import os
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from portal_text import vn_weekday_datetime

from .approval import approved_chain
from .git import GitFailed
from .readable import describe
from .reviewers import read_reviewers
from .state import SET_UP, Review
from .waiting import DELETED, NEW, RENAMED

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


class Refused(Exception):
    """A reviewer's command that must not go on: the message says why and what to do, in Vietnamese."""


def local(moment: datetime) -> str:
    return vn_weekday_datetime(moment.astimezone(LOCAL))


def waiting_report(review: Review) -> str:
    """`invoke cho-duyet`: the approved state, then each waiting file with its commits and its change."""
    approved = review.approved
    lines = [
        (
            f"Bản đã duyệt: commit {approved.commit[:10]}, {local(approved.when)}, "
            f"người duyệt {approved.reviewer} («{approved.subject}»)."
        )
    ]
    if not review.waiting:
        lines.append("Không có thay đổi nào chờ duyệt: trang công khai có đúng nội dung hiện tại.")
        return "\n".join(lines)
    lines.append(f"{len(review.waiting)} thay đổi chờ duyệt (chưa có trên trang công khai):")
    prefix = f"{review.content}/" if review.content else ""
    for waiting in review.waiting:
        kind = waiting.kind + (f" từ {waiting.was}" if waiting.kind == RENAMED else "")
        lines.append("")
        lines.append(f"{prefix}{waiting.path} ({kind}{'' if waiting.committed else ', chưa commit'})")
        for commit in waiting.commits:
            lines.append(f"  commit {commit.commit[:10]}, {commit.author}, {local(commit.when)}: «{commit.subject}»")
        if not waiting.committed:
            lines.append("  Chưa commit: duyệt không bao gồm thay đổi này cho đến khi nó được commit.")
        before = _text(review, review.approved_tree, waiting.was or waiting.path) if waiting.kind != NEW else None
        after = None if waiting.kind == DELETED else _working(review, waiting.path)
        lines += ["  " + line for line in describe(before, after)]
    return "\n".join(lines)


def approve(review: Review, note: str) -> str:
    """`invoke duyet`: sign an approval commit on HEAD with the reviewer's key; the message it prints."""
    repository = review.repository
    key = _signing_key(repository)
    reviewers, _ = read_reviewers(review.reviewers.decode("utf-8", "replace"))
    if key not in {r.public_key for r in reviewers}:
        raise Refused(
            "Không duyệt: khóa ký của bạn không có trong danh sách người duyệt đang có hiệu lực (.nguoi-duyet, "
            "bản đã duyệt). Một thay đổi của danh sách chỉ có hiệu lực khi người duyệt cũ đã duyệt nó.\n" + SET_UP
        )
    if not repository.succeeds("diff", "--cached", "--quiet"):
        raise Refused(
            "Không duyệt: có thay đổi đã `git add` mà chưa commit. Commit chúng (để người khác thấy bạn duyệt gì), "
            "hoặc bỏ khỏi danh sách chờ commit bằng: git restore --staged <tệp>"
        )
    committed = review.waiting_committed
    body = "\n".join(f"- {w.kind}: {w.path}" for w in committed) or "- (không có thay đổi nội dung)"
    message = f"Duyệt: {note.strip() or 'nội dung chờ duyệt'}\n\nĐã duyệt {len(committed)} thay đổi:\n{body}\n"
    try:
        repository.run(
            "commit", "--allow-empty", "-S", "-q", "-F", "-", config={"gpg.format": "ssh"}, input=message.encode()
        )
    except GitFailed as failed:
        raise Refused(f"Không tạo được commit duyệt có chữ ký: {failed.detail}\n{SET_UP}") from None
    head = repository.run("rev-parse", "HEAD").strip()
    chain = approved_chain(repository, review.reviewers if review.fixed else None)
    if chain.approved is None or chain.approved.commit != head:
        raise Refused(
            f"Commit {head[:10]} đã được tạo nhưng chữ ký không được công nhận là của người duyệt, nên chưa có gì "
            "được duyệt. Kiểm tra: git -c gpg.ssh.allowedSignersFile=.nguoi-duyet verify-commit HEAD"
        )
    uncommitted = [w for w in review.waiting if not w.committed]
    said = f"Đã duyệt {len(committed)} thay đổi (commit {head[:10]}). Lần xây dựng tới sẽ xuất bản chúng."
    if uncommitted:
        said += f"\n{len(uncommitted)} thay đổi chưa commit không được duyệt: " + ", ".join(w.path for w in uncommitted)
    return said


def _signing_key(repository) -> str:
    """The public key `git commit -S` would sign with ("ssh-ed25519 AAAA…"); Refused when there is none."""
    configured = repository.run("config", "user.signingkey", check=False).strip()
    if not configured:
        raise Refused("Không duyệt: git chưa có khóa ký (user.signingkey).\n" + SET_UP)
    if configured.startswith("key::"):
        return " ".join(configured[5:].split()[:2])
    path = Path(os.path.expanduser(configured))
    if not path.is_absolute():
        path = repository.root / path
    public = path if path.suffix == ".pub" else path.with_name(path.name + ".pub")
    try:
        text = public.read_text(encoding="utf-8")
    except OSError:
        try:
            text = subprocess.run(
                ["ssh-keygen", "-y", "-P", "", "-f", str(path)],
                capture_output=True,
                stdin=subprocess.DEVNULL,
                check=True,
                text=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            raise Refused(
                f"Không duyệt: không đọc được khóa công khai của user.signingkey ({configured}). "
                "Đặt user.signingkey là tệp .pub của khóa.\n" + SET_UP
            ) from None
    return " ".join(text.split()[:2])


def _text(review: Review, commit: str, path: str) -> str | None:
    where = f"{review.content}/{path}" if review.content else path
    data = review.repository.blob(commit, where)
    return data.decode("utf-8", "replace") if data is not None else None


def _working(review: Review, path: str) -> str | None:
    try:
        return (review.repository.root / review.content / path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None

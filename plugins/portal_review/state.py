"""Whether review is on for a content folder, and if so what is approved and what waits.

Every way this can fail stops the build with a message (never "publish what is there"): a signature
that does not verify is no approval, and a history that cannot be read approves nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

from portal_content import Problem
from portal_content.problems import WARNING

from .approval import REVIEWERS_FILE, Approved, approved_chain, section_approvals
from .git import GitFailed, Repository
from .reviewers import EXAMPLE, read_reviewers
from .sections import ROOT_FILES, Sections, compose, top_folders
from .waiting import Waiting, waiting_changes

SET_UP = (
    "Cách thiết lập khóa ký cho người duyệt (một lần trên máy của người duyệt):\n"
    "  ssh-keygen -t ed25519 -C ten@coquan.gov.vn -f ~/.ssh/duyet\n"
    "  git config gpg.format ssh\n"
    "  git config user.signingkey ~/.ssh/duyet.pub\n"
    "rồi thêm một dòng vào .nguoi-duyet: địa chỉ thư, rồi nội dung tệp ~/.ssh/duyet.pub, ví dụ\n"
    f"  {EXAMPLE}"
)


class ReviewStopped(Exception):
    """Review is on and nothing can be published: `problems` says why and what to do."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Review:
    repository: Repository
    content: str  # the content folder, from the repository's root ("" when it is the root)
    approved: Approved  # the newest approval
    waiting: tuple[Waiting, ...]
    reviewers: bytes  # the reviewers' file in force (approval.py): the approved one, or the operator's
    fixed: bool = False  # the reviewers' file is the operator's (PORTAL_REVIEW["reviewers"]), not the repository's
    warnings: tuple[Problem, ...] = ()
    tree: str = ""  # what is approved, as a tree-ish: the approved commit, or with sections a tree made of each
    sections: dict = field(default_factory=dict)  # with sections: folder -> the commit that approved it

    @property
    def approved_tree(self) -> str:
        return self.tree or self.approved.commit

    @property
    def waiting_committed(self) -> tuple[Waiting, ...]:
        return tuple(w for w in self.waiting if w.committed)


def review_enabled(content: Path, config: dict) -> bool:
    """Whether review is on for `content`, without checking anything (the build checks)."""
    if config.get("reviewers"):
        return True
    repository = Repository.around(content)
    if repository is None:
        return _marker_above(content) is not None
    return _has_reviewers_file(repository)


def _has_reviewers_file(repository: Repository) -> bool:
    """The repository has `.nguoi-duyet` now, or had it on HEAD's first-parent line (a writer's deletion of the
    file does not turn review off: a reviewer must approve it, approval.py)."""
    if (repository.root / REVIEWERS_FILE).is_file():
        return True
    return bool(repository.run("rev-list", "-1", "--first-parent", "HEAD", "--", REVIEWERS_FILE, check=False).strip())


def review_for(content: Path, config: dict, base: Path) -> Review | None:
    """The review state of `content` (None: review is off). `config` is PORTAL_REVIEW; a relative
    `reviewers` path is taken from `base` (the settings file's folder)."""
    named = config.get("reviewers")
    named_path = (base / named) if named else None
    repository = Repository.around(content)
    if repository is None:
        marker = named_path or _marker_above(content)
        if marker is None:
            return None
        raise ReviewStopped(
            [
                _stop(
                    str(marker),
                    f"việc duyệt đang bật ({marker.name}) nhưng thư mục nội dung {content} không nằm trong kho git, "
                    "nên không biết bản nào đã được duyệt. Không xuất bản gì.",
                    "Xây dựng từ một bản sao của kho (git clone), không từ một thư mục chép ra.",
                )
            ]
        )
    try:
        return _review(repository, content, named_path, Sections.from_config(config))
    except GitFailed as failed:
        raise ReviewStopped(
            [
                _stop(
                    str(repository.root),
                    f"{failed.message} ({failed.detail}). Không xuất bản gì; trang công khai giữ nguyên.",
                    "Chạy `git status` và `git log -1` trong kho này: git phải chạy được và kho không hỏng. "
                    "Sửa theo lời git báo rồi chạy lại; nếu vẫn lỗi, báo người quản trị kèm thông báo này.",
                )
            ]
        ) from None


def _review(repository: Repository, content: Path, named: Path | None, sections: Sections) -> Review | None:
    in_tree = repository.root / REVIEWERS_FILE
    fixed = None
    if named is not None:
        try:
            fixed = named.read_bytes()
        except OSError as error:
            raise ReviewStopped(
                [
                    _stop(
                        str(named),
                        f"không đọc được danh sách người duyệt ({error.strerror}).",
                        'Kiểm tra đường dẫn PORTAL_REVIEW["reviewers"] trong pelicanconf.py.',
                    )
                ]
            ) from None
        _refuse_mistakes(str(named), fixed)
    elif not _has_reviewers_file(repository):
        return None
    if in_tree.is_file():
        _refuse_mistakes(REVIEWERS_FILE, in_tree.read_bytes())
    if repository.run("rev-parse", "--is-shallow-repository").strip() == "true":
        raise ReviewStopped(
            [
                _stop(
                    REVIEWERS_FILE,
                    "kho này là bản sao nông (shallow clone): không đủ lịch sử để biết bản nào đã được duyệt. Không xuất bản gì.",
                    "Lấy đủ lịch sử rồi chạy lại: git fetch --unshallow",
                )
            ]
        )
    if not repository.succeeds("rev-parse", "--verify", "-q", "HEAD^{commit}"):
        raise ReviewStopped(
            [
                _stop(
                    REVIEWERS_FILE,
                    "kho chưa có commit nào, nên chưa có gì được duyệt.",
                    "Commit nội dung và tệp .nguoi-duyet, rồi người duyệt chạy: invoke duyet",
                )
            ]
        )
    chain = approved_chain(repository, fixed)
    if chain.trusted is None and chain.approved is not None:
        return None  # a reviewer approved removing the reviewers' file: review is off
    if chain.trusted is not None:
        _refuse_mistakes(f"{REVIEWERS_FILE} (bản đã duyệt)", chain.trusted)
    if chain.approved is None:
        raise ReviewStopped(
            [
                _stop(
                    REVIEWERS_FILE,
                    "chưa có commit nào được một người trong danh sách duyệt ký: chưa có bản nào được phép xuất bản.",
                    "Người duyệt kiểm tra nội dung (invoke cho-duyet) rồi chạy: invoke duyet\n" + SET_UP,
                )
            ]
        )
    where = content.resolve().relative_to(repository.root).as_posix()
    where = "" if where == "." else where
    tree, by_folder, since = chain.approved.commit, {}, chain.approved.commit
    if sections:
        folders = top_folders(repository, ["HEAD", chain.approved.commit], where) | {ROOT_FILES}
        approvals = section_approvals(repository, chain.trusted, sections, folders)
        by_folder = {folder: approvals[folder].commit if folder in approvals else "" for folder in folders}
        tree = compose(repository, chain.approved.commit, by_folder, where)
        oldest = min((approvals[f] for f in approvals), key=lambda a: a.when, default=chain.approved)
        since = oldest.commit
    waiting = waiting_changes(repository, tree, where, since)
    return Review(
        repository,
        where,
        chain.approved,
        tuple(waiting),
        chain.trusted,
        fixed is not None,
        _unsigned_by_reviewers(repository, chain),
        tree,
        by_folder,
    )


def _refuse_mistakes(name: str, text: bytes) -> None:
    reviewers, mistakes = read_reviewers(text.decode("utf-8", "replace"))
    problems = [
        Problem(
            name, f"{m.message}. Không xuất bản gì cho đến khi sửa dòng này.", f"Mỗi dòng có dạng: {EXAMPLE}", m.line
        )
        for m in mistakes
    ]
    if not mistakes and not reviewers:
        problems.append(
            _stop(name, "tệp không có người duyệt nào: không ai có thể duyệt.", f"Thêm một dòng: {EXAMPLE}")
        )
    if problems:
        raise ReviewStopped(problems)


def _unsigned_by_reviewers(repository: Repository, chain) -> tuple[Problem, ...]:
    """A reviewer's own commit after the approved one that is not signed: it waits like a writer's, which
    surprises a reviewer who thought committing was approving."""
    reviewers, _ = read_reviewers(chain.trusted.decode("utf-8", "replace"))
    principals = {p.lower() for r in reviewers for p in r.principals}
    text = repository.run("log", "--first-parent", "--format=%h%x1f%ce%x1f%G?", f"{chain.approved.commit}..HEAD")
    found = []
    for line in filter(None, text.splitlines()):
        commit, email, status = line.split("\x1f")
        if email.lower() in principals and status == "N":
            found.append(
                Problem(
                    REVIEWERS_FILE,
                    f"commit {commit} của người duyệt {email} không được ký, nên chưa phải là duyệt: thay đổi của nó còn chờ.",
                    "Để duyệt, chạy: invoke duyet (tạo một commit có chữ ký).",
                    severity=WARNING,
                )
            )
    return tuple(found)


def _marker_above(folder: Path) -> Path | None:
    for parent in [folder, *folder.resolve().parents]:
        if (parent / REVIEWERS_FILE).is_file():
            return parent / REVIEWERS_FILE
    return None


def _stop(path: str, message: str, hint: str) -> Problem:
    return Problem(path, message, hint)

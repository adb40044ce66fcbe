"""What a build reads when review is on: the approved state for the public site, the working tree with
its waiting items marked for the preview. Nothing here writes to an output folder."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from portal_content import Problem

from .snapshot import snapshot
from .state import Review, ReviewStopped, review_for

PREVIEW_OUTPUT = "output-preview"


@dataclass(frozen=True)
class Plan:
    review: Review | None  # None: review is off, the working tree is built as it is
    content: Path  # the folder the build reads
    waiting: dict | None  # preview only: path from the content folder -> (kind of change, committed)
    record: Path | None = None  # beside the output: the approved commit its live site was built from

    def remember(self) -> None:
        """After the public build published: the commit it published, for the next build's check."""
        if self.record is not None and self.review is not None:
            data = {"commit": self.review.approved.commit, "when": self.review.approved.when.isoformat()}
            self.record.write_text(json.dumps(data), encoding="utf-8")


def plan_build(content: Path, settings: dict, output: Path, preview: bool, base: Path) -> Plan:
    """What this build reads; ReviewStopped when review is on and nothing may be published."""
    config = settings.get("PORTAL_REVIEW") or {}
    review = review_for(content, config, base)
    if review is None:  # review is off: the working tree is what is published, preview or not
        return Plan(None, content, None)
    if preview:
        public = Path(settings["OUTPUT_PATH"]).resolve()
        if output == public:
            raise ReviewStopped(
                [
                    Problem(
                        str(output),
                        "bản xem trước không bao giờ được ghi vào thư mục của trang công khai.",
                        f"Bỏ --output (bản xem trước vào {PREVIEW_OUTPUT}/) hoặc chọn một thư mục khác.",
                    )
                ]
            )
        return Plan(review, content, {w.path: (w.kind, w.committed) for w in review.waiting})
    record = output.parent / f".{output.name}.duyet.json"
    _refuse_rewritten_history(review, record)
    mine = hashlib.sha256(str(output).encode()).hexdigest()[:12]  # one snapshot per output folder
    cache = Path(settings.get("PORTAL_CACHE_PATH") or "cache/render").parent / "duyet" / f"{output.name}-{mine}"
    folder = snapshot(review.repository, review.approved_tree, review.content, cache)
    return Plan(review, folder, None, record)


def _refuse_rewritten_history(review: Review, record: Path) -> None:
    """The commit the live site was built from must still be in the history of the one approved now:
    otherwise history was rewritten (a force-push, a reset) and what is public cannot be traced."""
    try:
        published = json.loads(record.read_text(encoding="utf-8"))["commit"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    now = review.approved.commit
    if published == now or review.repository.succeeds("merge-base", "--is-ancestor", published, now):
        return
    raise ReviewStopped(
        [
            Problem(
                str(record),
                f"lịch sử git đã bị viết lại: commit {published[:10]} mà trang công khai đang dựng từ đó không còn "
                f"là tổ tiên của bản được duyệt {now[:10]}. Không xuất bản gì; trang công khai giữ nguyên.",
                "Nếu nhầm: khôi phục nhánh (git reflog, rồi git reset --hard <commit>).\n"
                f"Nếu cố ý viết lại lịch sử: người duyệt kiểm tra rồi xóa tệp {record} và chạy lại.",
            )
        ]
    )

"""Tasks for staff and operators: `invoke --list` shows them."""

import os
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


def _report(result) -> None:
    """What a build did, or why it published nothing, on the console."""
    from portal_content import report

    if result.problems:
        print(report(result.problems), file=sys.stderr if not result.ok else sys.stdout)
    if not result.ok:
        print(
            f"Không xuất bản: thư mục {result.output} giữ nguyên như trước. Sửa các lỗi trên rồi chạy lại.",
            file=sys.stderr,
        )
        return
    _report_review(result)
    print(
        f"Đã xây dựng {result.pages} trang vào {result.output}: dựng {result.pages_rendered} trang, "
        f"giữ nguyên {result.pages_reused} trang không đổi (từ bản trước hoặc bản đang chạy)."
    )
    if result.bodies is not None:
        print(
            f"Nội dung: dựng {result.bodies.rendered} bài, dùng lại {result.bodies.reused} bài đã dựng "
            "ở lần trước (bộ nhớ đệm cache/render/)."
        )
    if result.index is not None:
        i = result.index
        print(
            f"Chỉ mục tìm kiếm: thêm {i.added}, cập nhật {i.updated}, xóa {i.deleted}, giữ nguyên {i.unchanged} "
            f"({i.seconds:.1f} s)."
        )
    if result.history_note:
        print(f"Lịch sử phiên bản: {result.history_note}")
    if result.next_changes:
        from portal_text import vn_weekday_datetime

        first = result.next_changes[0]
        print(
            f"Lần thay đổi tự động tiếp theo: {vn_weekday_datetime(first.at)}: {first.what} "
            f"(content/{first.path}). Xây dựng lại vào lúc đó (xem {result.output.name}/next-change.json)."
        )
    else:
        print("Không có thay đổi nào được hẹn trước.")


def _report_review(result) -> None:
    """With review on: what the build published (the approved commit) or previewed, and what waits."""
    review = result.review
    if review is None:
        return
    from portal_review.staff import local

    waiting = review.waiting
    if result.preview:
        print(f"Bản xem trước (không công khai): {len(waiting)} thay đổi chờ duyệt được đánh dấu «Chờ duyệt».")
        return
    approved = review.approved
    print(f"Xuất bản bản đã duyệt: commit {approved.commit[:10]} ({local(approved.when)}, {approved.reviewer}).")
    if waiting:
        names = ", ".join(w.path for w in waiting[:10]) + (" …" if len(waiting) > 10 else "")
        print(f"{len(waiting)} thay đổi chờ duyệt, chưa xuất bản: {names} (xem: invoke cho-duyet).")


def _report_and_exit(result) -> None:
    _report(result)
    if not result.ok:
        raise Exit(code=1)


INTERRUPTED = 130  # the exit status of a command stopped by Ctrl+C, as shells report it


def _build(settings: Path, content, output, purge_index=False, preview=False) -> None:
    try:
        from portal_build import build as build_site
        from portal_review import PREVIEW_OUTPUT

        overrides = {"PORTAL_PURGE_INDEX": True} if purge_index else {}
        if preview:
            overrides["PORTAL_PREVIEW"] = True
            output = output or ROOT / PREVIEW_OUTPUT
        result = build_site(settings, Path(content) if content else None, Path(output) if output else None, overrides)
    except KeyboardInterrupt:
        where = output or "output"
        raise Exit(
            f"\nĐã dừng (Ctrl+C): không xuất bản gì, thư mục {where}/ giữ nguyên như trước.", INTERRUPTED
        ) from None
    _report_and_exit(result)


BUILD_HELP = {
    "content": "content folder (default content/)",
    "output": "output folder (default output/)",
    "purge-index": "rewrite every search-index segment holding an edited item's old version (its text leaves the disk now)",
}


@task(
    help={
        **BUILD_HELP,
        "output": "output folder (default output/; output-preview/ with --preview)",
        "preview": "with review on: build the working tree, each waiting item marked Chờ duyệt, into output-preview/",
    }
)
def build(c, content=None, output=None, purge_index=False, preview=False):
    """Build the site from the content; nothing is published if the content has an error."""
    _build(SETTINGS, content, output, purge_index, preview)


@task(help=BUILD_HELP)
def publish(c, content=None, output=None, purge_index=False):
    """Build for production with publishconf.py (absolute URLs on PORTAL_SITEURL)."""
    _build(PUBLISH_SETTINGS, content, output, purge_index)


@task(
    help={
        "output": "built site to serve (default output/)",
        "port": "port (default 8000)",
        "host": "address to listen on (default 127.0.0.1)",
        "watch": "rebuild when content, theme or settings change; open pages reload (preview)",
        "content": "with --watch: content folder (default content/)",
    }
)
def serve(c, output="output", port=8000, host="127.0.0.1", watch=False, content=None):
    """Serve the built site and its search on http://localhost:8000/ (Ctrl+C to stop)."""
    from pelican.settings import read_settings
    from portal_serve.app import portal_app
    from portal_serve.handler import ConsoleHandler

    from search.service import make_threaded_server

    folder = Path(output).resolve()
    content_dir = Path(content).resolve() if content else ROOT / "content"
    if watch and output == "output":
        from portal_review import PREVIEW_OUTPUT, review_enabled

        if review_enabled(content_dir, read_settings(str(SETTINGS)).get("PORTAL_REVIEW") or {}):
            folder = ROOT / PREVIEW_OUTPUT  # with review on, what is not approved never goes where the public site is
    if not (folder / "index.html").is_file() and not watch:
        raise Exit(f"Chưa có trang nào trong {folder}: chạy `invoke build` trước.", code=1)

    app = portal_app(folder, read_settings(str(SETTINGS)))
    watcher = None
    if watch:
        from portal_build import build as build_site
        from portal_serve.watch import PreviewState, Watcher, preview_app

        def rebuild():
            result = build_site(SETTINGS, content_dir, folder, {"PORTAL_PREVIEW": True})
            _report(result)
            return result

        state = PreviewState()
        watched = [content_dir, ROOT / "theme", SETTINGS, *_commits_log(content_dir)]
        watcher = Watcher(watched, rebuild, state, content=content_dir)
        watcher.build_once()
        watcher.start()
        app = preview_app(app, state)
    try:
        server = make_threaded_server(host, int(port), app, handler_class=ConsoleHandler)
    except OSError as error:
        if watcher:
            watcher.stop()
        import errno

        if error.errno == errno.EADDRINUSE:
            raise Exit(
                f"Cổng {port} đang được một chương trình khác dùng (có thể là một `invoke serve` khác). "
                f"Dừng chương trình đó, hoặc chọn cổng khác: invoke serve --port {int(port) + 1}",
                code=1,
            ) from None
        raise Exit(f"Không mở được cổng {port} trên {host}: {error.strerror}.", code=1) from None
    with server:
        print(
            f"Cổng thông tin đang chạy tại http://localhost:{port}/ (Ctrl+C để dừng)"
            + (": đang theo dõi thay đổi, lưu tệp là trang tự tải lại" if watch else "")
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            if watcher:
                watcher.stop()


@task(
    help={
        "port": "port (default 8080); the editor is at http://localhost:PORT/quan-tri/",
        "content": "content folder (default content/)",
        "write": "write the editor for the git server PORTAL_EDITOR names into DIR (for nginx) instead of starting it",
    }
)
def editor(c, port=8080, content=None, write=None):
    """The staff editor on http://localhost:8080/quan-tri/: forms for every kind, saving into content/, and the
    portal's preview beside them (rebuilt on every save). Only on this machine (127.0.0.1)."""
    import threading

    from portal_editor import DECAP, configuration, make_editor, write_editor
    from portal_review import PREVIEW_OUTPUT
    from portal_serve.handler import ConsoleHandler

    from search.service import make_threaded_server

    if not (DECAP / "decap-cms.js").is_file():
        print("Cài trình soạn thảo (gói decap-cms trong package.json, một lần)…")
        c.run("npm ci --omit=dev --no-audit --no-fund --loglevel=error", pty=False)
    content_dir = Path(content).resolve() if content else ROOT / "content"
    if write:
        settings, made = configuration(SETTINGS, content_dir)
        if made["backend"]["name"] == "proxy":
            raise Exit(
                'Trình soạn thảo ghi ra thư mục là để đặt trên máy chủ git của cơ quan: đặt PORTAL_EDITOR["backend"] '
                'là "gitlab" hoặc "gitea" trong pelicanconf.py trước (README, mục The staff editor on the agency\'s '
                "server). Trên máy này, chạy invoke editor.",
                code=1,
            )
        count = write_editor(Path(write).resolve(), made, settings.get("SITENAME", ""))
        print(
            f"Đã ghi {count} tệp của trình soạn thảo vào {Path(write).resolve()}: phục vụ thư mục này tại /quan-tri/."
        )
        return
    made = make_editor(SETTINGS, content_dir, ROOT / PREVIEW_OUTPUT, int(port))
    try:
        server = make_threaded_server("127.0.0.1", int(port), made.app, handler_class=ConsoleHandler)
    except OSError as error:
        raise Exit(
            f"Không mở được cổng {port} ({error.strerror}): có thể một `invoke editor` khác đang chạy. "
            f"Dừng nó, hoặc chọn cổng khác: invoke editor --port {int(port) + 1}",
            code=1,
        ) from None
    with server:
        threading.Thread(target=made.watcher.build_once, daemon=True).start()
        made.watcher.start()
        print(
            f"Trình soạn thảo: http://localhost:{port}/quan-tri/ — bản xem trước của cổng: http://localhost:{port}/ "
            "(Ctrl+C để dừng). Chỉ máy này mở được."
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            made.watcher.stop()


def _commits_log(content: Path) -> list[Path]:
    """The git reflog of the content's repository: a commit or an approval changes what the preview marks."""
    from portal_review.git import Repository

    repository = Repository.around(content)
    if repository is None:
        return []
    log = repository.git_dir / "logs" / "HEAD"
    return [log] if log.is_file() else []


def _review(content) -> object:
    """The review state of the content folder; Exit when review is off or cannot be read."""
    from pelican.settings import read_settings
    from portal_content import report
    from portal_review import ReviewStopped, review_for

    folder = Path(content).resolve() if content else ROOT / "content"
    try:
        review = review_for(folder, read_settings(str(SETTINGS)).get("PORTAL_REVIEW") or {}, ROOT)
    except ReviewStopped as stopped:
        raise Exit(report(stopped.problems), code=1) from None
    if review is None:
        raise Exit(
            "Việc duyệt đang tắt: mọi commit đều được xuất bản. Để bật, thêm tệp .nguoi-duyet vào gốc kho git "
            "(xem README, mục «Duyệt trước khi xuất bản»).",
            code=1,
        )
    return review


@task(help={"content": "content folder (default content/)"})
def cho_duyet(c, content=None):
    """What waits for review: each file, its commits, author and date, and what changed in the text."""
    from portal_review.staff import waiting_report

    print(waiting_report(_review(content)))


@task(
    help={
        "ghi-chu": "the approval's note (ghi chú), kept in the history",
        "content": "content folder (default content/)",
    }
)
def duyet(c, ghi_chu="", content=None):
    """Approve what is committed: a commit signed with your reviewer's key; the next build publishes it."""
    from portal_review.staff import Refused, approve

    try:
        print(approve(_review(content), ghi_chu))
    except Refused as refused:
        raise Exit(str(refused), code=1) from None


@task(
    help={
        "content": "content folder (default content/)",
        "all": "every warning one by one (numbers the portal does not carry are otherwise told as one)",
    }
)
def check(c, content=None, all=False):
    """Check every content file without building; lists every problem."""
    try:
        from portal_build.check import check_content
        from portal_content import report

        problems = check_content(SETTINGS, Path(content) if content else None)
    except KeyboardInterrupt:
        raise Exit("\nĐã dừng (Ctrl+C) trước khi kiểm tra xong.", INTERRUPTED) from None
    print(report(problems, grouped=not all))
    if any(p.is_error for p in problems):
        raise Exit(code=1)


@task(
    help={
        "kind": "van-ban, tin-tuc, trang, hoi-dap, lanh-dao or co-cau-to-chuc",
        "title": "tiêu đề (trích yếu)",
        "type": "loại văn bản",
        "number": "số ký hiệu",
        "issuer": "cơ quan ban hành (mặc định: của cổng)",
        "section": "chuyên mục của tin (thư mục trong content/tin-tuc/)",
        "author": "tác giả của tin",
        "content": "content folder (default content/)",
    }
)
def new(c, kind, title="", type="", number="", issuer="", section="", author="", content=None):
    """Create a correctly named, correctly placed content file, ready to edit."""
    from pelican.settings import read_settings
    from portal_content import content_config, report, scaffold
    from portal_content.problems import Invalid, Problem

    settings = read_settings(str(SETTINGS))
    root = Path(content or settings["PATH"]).resolve()
    config = content_config(settings)
    today = scaffold.now()
    if kind in ("--help", "-h", "help", "giup"):
        print(NEW_HELP)
        return
    missing = {
        "van-ban": [("title", title), ("type", type), ("number", number)],
        "tin-tuc": [("title", title)],
        "trang": [("title", title)],
        "hoi-dap": [("title", title)],
        "lanh-dao": [("title", title)],
        "co-cau-to-chuc": [("title", title)],
    }.get(kind)
    if missing is None:
        raise Exit(
            f'Không có loại "{kind}". Dùng: invoke new van-ban | tin-tuc | trang | hoi-dap | lanh-dao | co-cau-to-chuc '
            "(xem invoke new --help).",
            code=2,
        )
    absent = [f"--{name}" for name, value in missing if not value]
    if absent:
        raise Exit(
            f'Thiếu {", ".join(absent)}. Ví dụ: invoke new van-ban --type "Chỉ thị" --number 15/CT-TTg '
            '--title "Về việc tăng cường sử dụng văn bản điện tử"',
            code=2,
        )
    try:
        if kind == "van-ban":
            issuer = issuer or settings.get("PORTAL_AGENCY", {}).get("issuer", "")
            draft = scaffold.document(root, config, title, type, number, issuer, today)
        elif kind == "tin-tuc":
            if not section:
                section = next(iter(config.news_sections), "thong-bao")
                others = ", ".join(s for s in config.news_sections if s != section)
                print(
                    f"Chuyên mục: {section} ({config.news_sections.get(section, section)}), vì không có --section. "
                    f"Chọn chuyên mục khác bằng --section, ví dụ --section {others.split(', ')[0] if others else section}; "
                    f"các chuyên mục: {section}{', ' + others if others else ''}."
                )
            draft = scaffold.news(root, config, title, section, author, today)
        elif kind == "hoi-dap":
            draft = scaffold.question(root, title, today)
        elif kind == "lanh-dao":
            draft = scaffold.leader(root, title, today)
        elif kind == "co-cau-to-chuc":
            draft = scaffold.unit(root, title, today)
        else:
            draft = scaffold.page(root, title, today)
        path, problems = scaffold.write(draft, root, config)
    except scaffold.Refused as refused:
        print(report(refused.problems), file=sys.stderr)
        raise Exit(code=1)
    except Invalid as error:
        print(report([Problem("invoke new", error.message, error.hint)]), file=sys.stderr)
        raise Exit(code=1)
    print(f"Đã tạo {path.relative_to(root.parent) if root.parent in path.parents else path}")
    to_write = [p for p in problems if p.message.startswith(scaffold.PLACEHOLDER_MESSAGES)]
    if to_write:  # what the file leaves to write: a list of places, not errors about a file just made
        print("Còn phải viết trước khi đăng (invoke check sẽ nhắc lại cho đến khi viết xong):")
        for problem in sorted(to_write, key=lambda p: p.line or 0):
            where = f"dòng {problem.line}" if problem.line else ""
            what = f'trường "{problem.field}"' if problem.field else "nội dung"
            print(f"  - {', '.join(x for x in (where, what) if x)}")
    others = [p for p in problems if p not in to_write]
    if others:
        print(report(others), file=sys.stderr)
    print("Mở tệp, điền nội dung, rồi xem trước: invoke serve --watch (http://localhost:8000/)")


NEW_HELP = """Tạo một tệp nội dung mới, đúng chỗ, đúng tên, sẵn để viết:

  invoke new van-ban --type "Chỉ thị" --number 15/CT-TTg --title "Về việc tăng cường sử dụng văn bản điện tử"
  invoke new tin-tuc --section dia-phuong --title "Hội nghị chuyển đổi số" [--author "Lâm Cao"]
  invoke new trang --title "Giới thiệu"
  invoke new hoi-dap --title "Thủ tục cấp phép báo điện tử gồm những gì?"
  invoke new lanh-dao --title "Nguyễn Văn An"
  invoke new co-cau-to-chuc --title "Văn phòng Sở"

Tùy chọn chung: --content THƯ-MỤC (mặc định content/). Với văn bản: --issuer (mặc định cơ quan của cổng)."""


def _new_without_a_kind() -> None:
    """`invoke new` with nothing after it: invoke's own parser would refuse it in English ("'new' did not
    receive required positional arguments") before any task runs; this file is read before that parse, so
    the refusal is said here, in Vietnamese, with the examples."""
    arguments = sys.argv[1:]
    if arguments and arguments[-1] == "new" and not {"-h", "--help", "-l", "--list"} & set(arguments):
        print("Thiếu loại tệp cần tạo.\n\n" + NEW_HELP, file=sys.stderr)
        raise SystemExit(2)


_new_without_a_kind()


def _feedback(kind: str, draft: str, since: str, until: str, csv: str, purge_before: str):
    from pelican.settings import read_settings
    from portal_feedback import feedback_config
    from portal_feedback.store import open_store

    config = feedback_config(read_settings(str(SETTINGS)))
    store = open_store(config.database)
    try:
        return _feedback_with(store, config, kind, draft, since, until, csv, purge_before)
    finally:
        store.close()


def _feedback_with(store, config, kind, draft, since, until, csv, purge_before):
    from portal_feedback.staff import as_csv, day_start, listing, purge

    try:
        if purge_before:
            removed = purge(store, purge_before)  # each deletion recorded, with who ran the command
            print(f"Đã xóa {removed} bản gửi trước ngày {purge_before} (thời hạn lưu: {config.retention_text}).")
            return None
        found = store.submissions(
            kind, day_start(since) if since else None, day_start(until) if until else None, draft or None
        )
    except ValueError as error:
        raise Exit(f"Ngày viết theo dạng YYYY-MM-DD ({error}).", code=1) from None
    if csv:
        Path(csv).write_bytes(as_csv(found))
        print(f"Đã ghi {len(found)} dòng vào {csv} (mở được bằng Excel).")
    else:
        print(listing(found, kind))
    return found


@task(
    name="gop-y",
    help={
        "draft": "chỉ dự thảo này, như cổng ghi: 05/2026/DT-STTTT ngày 15/11/2026",
        "since": "từ ngày YYYY-MM-DD",
        "until": "trước ngày YYYY-MM-DD",
        "csv": "ghi ra tệp CSV (Excel) thay vì in",
        "purge-before": "xóa mọi bản gửi trước ngày này",
        "bao-cao": "dự thảo đã hết hạn góp ý: tạo bản nháp báo cáo tổng hợp, tiếp thu, giải trình ý kiến",
        "content": "content folder (default content/)",
    },
)
def gop_y(c, draft="", since="", until="", csv="", purge_before="", bao_cao="", content=None):
    """Góp ý dự thảo that citizens sent: list and count per draft and article, export CSV, purge, or write the
    draft of the agency's report on them (--bao-cao)."""
    if bao_cao:
        _consultation_report(bao_cao, Path(content) if content else ROOT / "content")
        return
    _feedback("gop-y", draft, since, until, csv, purge_before)


def _consultation_report(draft: str, content: Path) -> None:
    from pelican.settings import read_settings
    from portal_feedback import feedback_config
    from portal_feedback.staff import draft_comments, report_to_content
    from portal_feedback.store import open_store

    settings = read_settings(str(SETTINGS))
    store = open_store(feedback_config(settings).database)
    try:
        cited, comments = draft_comments(store, draft)
    except LookupError as error:
        found = error.args[0]
        raise Exit(
            f"Không có góp ý nào cho dự thảo {draft}."
            + (" Các dự thảo đã nhận góp ý: " + "; ".join(found) + "." if found else ""),
            code=1,
        ) from None
    finally:
        store.close()
    issuer = settings.get("PORTAL_AGENCY", {}).get("issuer") or settings.get("PORTAL_AGENCY", {}).get("name", "")
    try:
        path = report_to_content(cited, comments, content, issuer)
    except FileExistsError as error:
        raise Exit(f"Đã có tệp {error}: mở tệp đó để sửa.", code=1) from None
    print(
        f"Đã tạo {path} với {len(comments)} ý kiến theo điều: ghi answer và reply cho từng ý kiến, số ký hiệu, "
        "nội dung báo cáo, rồi xóa dòng status: draft để đăng."
    )


@task(
    name="hoi-dap",
    help={
        "since": "từ ngày YYYY-MM-DD",
        "until": "trước ngày YYYY-MM-DD",
        "csv": "ghi ra tệp CSV (Excel) thay vì in",
        "purge-before": "xóa mọi bản gửi trước ngày này",
        "to-content": "mã biên nhận của câu hỏi cần đăng: tạo bản nháp hỏi đáp trong content/hoi-dap/",
        "content": "content folder (default content/)",
    },
)
def hoi_dap(c, since="", until="", csv="", purge_before="", to_content="", content=None):
    """Questions citizens sent: list, export CSV, purge, or turn one into a hỏi đáp draft to answer."""
    if to_content:
        from pelican.settings import read_settings
        from portal_feedback import feedback_config
        from portal_feedback.staff import NotAgreed, question_to_content
        from portal_feedback.store import open_store

        store = open_store(feedback_config(read_settings(str(SETTINGS))).database)
        found = [s for s in store.submissions("hoi-dap") if s.receipt == to_content.strip().upper()]
        if not found:
            raise Exit(f"Không có câu hỏi nào mang mã {to_content}.", code=1)
        try:
            path = question_to_content(found[0], Path(content) if content else ROOT / "content")
        except FileExistsError as error:
            raise Exit(f"Đã có tệp {error}: mở tệp đó để sửa.", code=1) from None
        except NotAgreed:
            raise Exit(
                f"Người hỏi {found[0].receipt} không đồng ý đăng câu hỏi: chỉ trả lời qua thư điện tử "
                f"({found[0].email}). Câu hỏi chung nhiều người gửi thì cán bộ tự viết một hỏi đáp mới "
                "(invoke new hoi-dap), không chép câu chữ của người hỏi.",
                code=1,
            ) from None
        print(f"Đã tạo {path}: viết câu trả lời, xóa dòng status: draft rồi xây dựng lại.")
        return
    _feedback("hoi-dap", "", since, until, csv, purge_before)


@task(
    name="du-lieu-ca-nhan",
    help={
        "carry-out": "xóa mọi bản gửi người gửi đã yêu cầu xóa (ghi lại thời điểm, người thực hiện)",
        "retention": "xóa mọi bản gửi quá thời hạn lưu (PORTAL_FEEDBACK retention_days)",
        "by": "người thực hiện, ghi vào sổ xóa (mặc định: tài khoản đang chạy lệnh)",
        "all": "in cả sổ các lần đã xóa",
    },
)
def personal_data(c, carry_out=False, retention=False, by="", all=False):
    """Citizens' personal data: the deletions they asked for (list, carry out), the retention period, the record."""
    from pelican.settings import read_settings
    from portal_feedback import feedback_config
    from portal_feedback.staff import apply_retention, erasure_lines, staff_name
    from portal_feedback.store import open_store

    config = feedback_config(read_settings(str(SETTINGS)))
    store = open_store(config.database)
    try:
        if carry_out:
            done = store.carry_out_erasures(by or staff_name())
            print(f"Đã xóa {len(done)} bản gửi theo yêu cầu của người gửi" + (": " + ", ".join(done) if done else "."))
        if retention:
            removed, cut = apply_retention(store, config.retention_days, by)
            print(f"Đã xóa {removed} bản gửi quá thời hạn lưu {config.retention_text} (gửi trước ngày {cut:%d/%m/%Y}).")
        waiting = store.erasures(pending=True)
        if waiting:
            print(f"Yêu cầu xóa đang chờ ({len(waiting)}); xóa bằng: invoke du-lieu-ca-nhan --carry-out")
            print(erasure_lines(waiting))
        elif not (carry_out or retention):
            print("Không có yêu cầu xóa nào đang chờ.")
        if all:
            print("Sổ xóa dữ liệu:")
            print(erasure_lines(store.erasures()) or "(chưa xóa gì)")
    finally:
        store.close()


@task
def favicon(c):
    """Draw /favicon.ico (16, 32, 48 px) from the agency's emblem with Chromium, into the theme."""
    from pelican.settings import read_settings
    from portal_sitefiles.favicon import favicon as make

    emblem = ROOT / "theme" / "static" / read_settings(str(SETTINGS))["PORTAL_AGENCY"]["emblem"].removeprefix("theme/")
    target = ROOT / "theme" / "static" / "img" / "favicon.ico"
    target.write_bytes(make(emblem))
    print(f"Đã vẽ {target.relative_to(ROOT)} từ {emblem.relative_to(ROOT)}.")


@task
def translations(c):
    """Bring theme/translations up to the templates: new interface text added untranslated, old kept."""
    from pelican.settings import read_settings
    from portal_i18n.catalogues import update

    settings = read_settings(str(SETTINGS))
    for lang, lacking in update(Path(settings["THEME"]), settings).items():
        path = f"theme/translations/{lang}/LC_MESSAGES/messages.po"
        print(f"{path}: " + (f"còn {lacking} câu chưa dịch." if lacking else "đã dịch đủ."))


@task
def fonts(c):
    """Measure the local fallback fonts against Noto Sans and write their faces into the theme's stylesheet."""
    from portal_assets.fallback_fonts import with_fallback_css

    stylesheet = ROOT / "theme" / "static" / "css" / "main.css"
    before = stylesheet.read_text(encoding="utf-8")
    after = with_fallback_css(before, ROOT / "theme" / "static" / "fonts")
    stylesheet.write_text(after, encoding="utf-8")
    print("Đã cập nhật các phông thay thế trong main.css." if after != before else "Các phông thay thế đã đúng.")


@task(help={"output": "built site (default output/)"})
def due(c, output="output"):
    """Exit 0 when the portal has a scheduled change due (rebuild now), 1 when not: for cron."""
    import json
    import time

    report_file = Path(output) / "next-change.json"
    try:
        upcoming = json.loads(report_file.read_text(encoding="utf-8"))["next_unix"]
    except (OSError, ValueError, KeyError):
        print(f"Chưa có {report_file}: cần xây dựng.")
        return
    if upcoming is None or time.time() < upcoming:
        raise Exit(code=1)
    print("Đến lúc xây dựng lại.")


@task
def tools(c):
    """Install what the tests need: the npm packages in package-lock.json, Debian's chromium, fonts, postgresql and nginx."""
    import shutil

    installed = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        c.run("npm ci --no-audit --no-fund --loglevel=error", pty=False)
    if shutil.which("chromium") is None:
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(
            f"{sudo}apt-get update -qq && {sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
            "--no-install-recommends chromium",
            pty=False,
        )
    from portal_assets.fallback_fonts import FALLBACKS

    if any(not Path(file).is_file() for fallback in FALLBACKS for file in fallback.files.values()):
        # the local fonts the theme's fallback faces are measured on (tests/test_fonts.py)
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(
            f"{sudo}apt-get update -qq && {sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
            "--no-install-recommends fonts-liberation2 fonts-roboto-unhinted fonts-dejavu-core",
            pty=False,
        )
    if shutil.which("java") is None:
        raise Exit("Thiếu Java (cần cho Nu HTML Checker): cài gói openjdk-17-jre-headless.", code=1)
    from glob import glob

    if shutil.which("initdb") is None and not glob("/usr/lib/postgresql/*/bin/initdb"):
        # the write path's tests run against a real PostgreSQL, started by the tests themselves
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(
            f"{sudo}apt-get update -qq && {sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
            "--no-install-recommends postgresql",
            pty=False,
        )
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        # the README's nginx site answers old addresses (tests/test_history.py runs it)
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(
            f"{sudo}apt-get update -qq && {sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
            "--no-install-recommends nginx-light",
            pty=False,
        )


@task(pre=[tools])
def test(c):
    """Run the whole test suite, quality gates included (installs their tools first)."""
    c.run(f"{sys.executable} -m pytest", pty=False, env={"PYTHONDONTWRITEBYTECODE": "1", **os.environ})


@task(
    help={
        "sizes": "documents per corpus, comma-separated (news are one fifth)",
        "quick": "one corpus of 500 documents and short search runs (CI): print only",
        "write": "the document the table is written into (default docs/benchmarks.md; not with --quick)",
        "postgres": "measure the search index in PostgreSQL too (Debian's PostgreSQL, a throwaway cluster)",
        "search_only": "a cold build and search alone per size, in a table of their own (the 100,000 point)",
        "editor": "the staff editor over a generated archive per size (list, open, relation in Chromium)",
    }
)
def bench(c, sizes="1000,10000", quick=False, write=None, postgres=False, search_only=False, editor=False):
    """Benchmark the build against plain Pelican, rebuilds, search and memory (a benchmark, not a test);
    --postgres: the search index in PostgreSQL too (a throwaway cluster of Debian's PostgreSQL);
    --search-only --sizes 100000: the national point, search alone; --editor: the staff editor."""
    command = [sys.executable, str(ROOT / "bench" / "portal_bench.py")]
    command += ["--quick"] if quick else ["--sizes", sizes, "--write", write or str(ROOT / "docs" / "benchmarks.md")]
    command += ["--postgres"] if postgres else []
    command += ["--search-only"] if search_only else []
    command += ["--editor"] if editor else []
    c.run(" ".join(command), pty=False)

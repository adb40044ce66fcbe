"""Indexing in a child process while the build writes the pages.

Where processes cannot be forked (or the machine has one core) the index is written
in the build's own process when the job is created, and `result` returns at once.
"""

import multiprocessing
import os
import traceback
from pathlib import Path


class IndexJob:
    """`database`: a PostgreSQL URL; the index is written there as a new version (search.postgres), not
    into `folder`, and the build switches to it with the swap."""

    def __init__(self, folder: Path, items: list[dict], previous: Path | None, purge: bool = False, database: str = ""):
        self._process = None
        self._report = None
        if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
            self._report = _write(folder, items, previous, purge, database)
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_index, args=(send, folder, items, previous, purge, database), name="portal-index"
        )
        self._process.start()
        send.close()

    def result(self):
        """The IndexReport, once the child has committed the index; its error, raised here."""
        if self._process is None:
            return self._report
        try:
            outcome, value = self._receive.recv()
        except EOFError:
            outcome, value = "error", f"tiến trình lập chỉ mục dừng với mã {self._process.exitcode}"
        self._process.join()
        self._process = None
        if outcome == "oserror":  # a full disk, a read-only folder: the build reports it as such
            raise OSError(*value)
        if outcome != "ok":
            raise RuntimeError(
                "Không lập được chỉ mục tìm kiếm, nên không xuất bản gì: thư mục output giữ "
                "nguyên như trước. Đây không phải lỗi nội dung; gửi phần dưới đây cho người quản "
                f"trị hệ thống.\n{value}"
            )
        self._report = value
        return value

    def cancel(self) -> None:
        """The build failed: stop the child (the staging folder it writes into is removed)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None


def _write(folder, items, previous, purge, database):
    if database:
        from search.postgres import write_version

        return write_version(database, items)
    from search.indexer import update_index

    return update_index(folder, items, previous=previous, purge=purge)


def _index(send, folder, items, previous, purge, database) -> None:
    from portal_content.children import die_with_parent

    die_with_parent()
    try:
        send.send(("ok", _write(folder, items, previous, purge, database)))
    except OSError as error:
        send.send(("oserror", (error.errno, error.strerror, error.filename)))
    except BaseException:  # noqa: BLE001 - everything goes back to the build, which raises it
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()

"""What keeps builds of one output from hurting each other or the server.

- One build at a time per output folder (a lock file beside it): a build started while
  another runs waits for it, so the newest content is always the last swapped in.
- Leftovers of a build that was killed (its staging folder) are removed by the next one.
- The output is readable by the web server's user whatever the umask of whoever built it.
- A fault of the machine (a full disk, a read-only folder) becomes a message, not a traceback.
"""

import errno
import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

DIRECTORY_MODE = 0o755
FILE_MODE = 0o644


@contextmanager
def exclusive(output: Path):
    """Hold the output's build lock; wait (saying so) while another build holds it."""
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Đang có một lần xây dựng khác vào {output}; chờ lần đó xong rồi xây dựng tiếp…", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def remove_leftovers(output: Path) -> int:
    """Staging and old folders that a killed build left beside `output` (call with the lock held)."""
    removed = 0
    for pattern in (f".{output.name}.building-*", f".{output.name}.old-*", f".{output.name}.private.old-*"):
        for folder in output.parent.glob(pattern):
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed


def _umask() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def make_servable(folder: Path) -> None:
    """Every folder 0755 and file 0644 where the umask would keep the web server out.

    The staging folder comes from mkdtemp (0700); with the usual umask 022 everything else
    is already readable and only the top folder needs its mode.
    """
    os.chmod(folder, DIRECTORY_MODE)
    if not _umask() & 0o055:
        return
    for here, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(here, name), DIRECTORY_MODE)
        for name in files:
            path = os.path.join(here, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


_FAULTS = {
    errno.ENOSPC: ("ổ đĩa đã đầy", "Giải phóng dung lượng ổ đĩa (hoặc xin thêm) rồi chạy lại."),
    errno.EDQUOT: ("đã hết hạn mức dung lượng của tài khoản", "Giải phóng dung lượng rồi chạy lại."),
    errno.EROFS: ("thư mục nằm trên ổ đĩa chỉ đọc", "Chọn thư mục output trên ổ đĩa ghi được (--output …)."),
    errno.EACCES: ("không có quyền ghi", "Cấp quyền ghi thư mục cho tài khoản chạy lệnh, hoặc chọn --output khác."),
    errno.EPERM: ("không có quyền ghi", "Cấp quyền ghi thư mục cho tài khoản chạy lệnh, hoặc chọn --output khác."),
    errno.EMFILE: ("mở quá nhiều tệp cùng lúc", "Tăng giới hạn (ulimit -n) rồi chạy lại."),
}


def fault_problem(error: OSError, output: Path):
    """A machine fault as a problem staff can pass on (it is not a mistake in the content)."""
    from portal_content import Problem

    what, hint = _FAULTS.get(error.errno, (error.strerror or str(error), "Báo cho người quản trị hệ thống."))
    where = error.filename or output
    return Problem(
        "máy chủ",
        f"không ghi được {where}: {what}. Đây không phải lỗi nội dung.",
        hint + f" Thư mục {output} vẫn giữ nguyên như trước.",
    )


def mount_point_problem(output: Path):
    """The output folder must be replaceable in one rename: not when it is itself a mount point (its own
    partition, a container volume), where every swap would fail with "Device or resource busy"."""
    from portal_content import Problem

    if not (output.is_dir() and os.path.ismount(output)):
        return None
    return Problem(
        "máy chủ",
        f"thư mục xuất bản {output} là một điểm gắn ổ đĩa (mount point): cổng thay cả thư mục trong một bước "
        "(đổi tên), điều không làm được với một điểm gắn, nên không xuất bản gì. Đây không phải lỗi nội dung.",
        f"Gắn ổ đĩa (hoặc volume của container) vào thư mục cha, ví dụ {output.parent / 'cong'}/, xây dựng vào "
        f"một thư mục con của nó (invoke build --output {output.parent / 'cong' / 'output'}) và cho web server "
        "phục vụ thư mục con đó. Xem README, mục Publishing.",
    )


def content_folder_problem(content: Path):
    """Why `content` cannot be the content folder (missing, or a file), or None."""
    from portal_content import Problem

    if content.is_dir():
        return None
    return Problem(
        str(content),
        "đây là một tệp, không phải thư mục nội dung." if content.exists() else "không có thư mục nội dung này.",
        "Kiểm tra đường dẫn sau --content (thư mục chứa tin-tuc/, van-ban/, pages/ …), "
        "hoặc bỏ --content để dùng thư mục content/ của dự án.",
    )

"""Worker processes that never outlive the build that forked them."""

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a forked child: the kernel kills it when the build dies, even by SIGKILL (Linux).

    Call first thing in the child; a child whose parent already died exits at once.
    """
    parent = os.getppid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: nothing to ask for
        return
    if os.getppid() != parent or parent == 1:
        os._exit(1)

"""Review before publishing (duyệt): nothing reaches the public site until a reviewer signs it.

Not a Pelican plugin: the build (portal_build) asks `plan_build` which content folder to read (the
approved commit's, written by git into a folder of its own) before Pelican starts; staff commands
(`invoke cho-duyet`, `invoke duyet`) read the same state. The approved state is the newest commit on
HEAD's first-parent line that a reviewer in `.nguoi-duyet` signed (approval.py).
"""

from .publishing import PREVIEW_OUTPUT, Plan, plan_build
from .state import Review, ReviewStopped, review_enabled, review_for

__all__ = ["PREVIEW_OUTPUT", "Plan", "Review", "ReviewStopped", "plan_build", "review_enabled", "review_for"]

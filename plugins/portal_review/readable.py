"""A change to a content file told as a reader would tell it: which header fields changed, from what to
what, and which words of the text were removed and added. Not a diff of YAML."""

import difflib
import re

from portal_content import front_matter
from portal_content.problems import Invalid

CONTEXT = 4  # words shown either side of a change
LONGEST = 40  # words of a removed or added run shown; longer runs are cut in the middle


def describe(before: str | None, after: str | None) -> list[str]:
    """Lines saying what changed from `before` to `after` (None: the file is absent on that side)."""
    if before is None and after is None:
        return []
    if before is None:
        header, _ = parts(after)
        return ["Tệp mới: " + _title(header)]
    if after is None:
        header, _ = parts(before)
        return ["Xóa tệp: " + _title(header)]
    old_header, old_body = parts(before)
    new_header, new_body = parts(after)
    lines = field_changes(old_header, new_header) + word_changes(old_body, new_body)
    return lines or ["Không có thay đổi về nội dung (chỉ khoảng trắng hoặc cách viết YAML)."]


def word_changes(before: str, after: str) -> list[str]:
    """Each run of words removed or added, with a few words around it: «… bỏ: [-cũ-] thêm: {+mới+} …»."""
    old, new = before.split(), after.split()
    lines = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lead = " ".join(old[max(0, i1 - CONTEXT) : i1])
        tail = " ".join(old[i2 : i2 + CONTEXT])
        removed = f"[-{_cut(old[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{_cut(new[j1:j2])}+}}" if j2 > j1 else ""
        lines.append("Nội dung: «… " + " ".join(x for x in (lead, removed, added, tail) if x) + " …»")
    return lines


def field_changes(old: dict, new: dict) -> list[str]:
    """Each header field that differs: `title: «cũ» → «mới»`, in the order the file has them."""
    return [
        f"{key}: {_value(old.get(key))} → {_value(new.get(key))}"
        for key in sorted(set(old) | set(new), key=_key_order(old, new))
        if old.get(key) != new.get(key)
    ]


def parts(text: str) -> tuple[dict, str]:
    """(header as a dict, body) of a content file's text; a header that does not read is left in the body."""
    try:
        header = front_matter.parse(text)  # the build's own reader: it refuses what YAML can do to a reader
    except Invalid:
        return {}, text
    return header.data, header.body


def _title(header: dict) -> str:
    title = header.get("title")
    return f"«{title}»" if title else "(không có tiêu đề)"


def _value(value) -> str:
    if value is None:
        return "(không có)"
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value) or "(trống)"
    text = re.sub(r"\s+", " ", str(value)).strip()
    return f"«{text}»"


def _cut(words: list[str]) -> str:
    if len(words) <= LONGEST:
        return " ".join(words)
    half = LONGEST // 2
    return " ".join(words[:half]) + f" … ({len(words) - LONGEST} từ) … " + " ".join(words[-half:])


def _key_order(old: dict, new: dict):
    order = {key: n for n, key in enumerate([*old, *(k for k in new if k not in old)])}
    return lambda key: order[key]

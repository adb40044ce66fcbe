"""Content files for tests, as text: fill in only what a test is about."""

NEWS = """
---
title: {title}
date: {date}
summary: Tóm tắt của bản tin.
author: Lâm Cao
source: Sở TT&TT Quảng Ngãi
{extra}
---

Nội dung của {title}.
"""

DOCUMENT = """
---
title: {title}
number: {number}
doc_type: {doc_type}
issuer: Thủ tướng Chính phủ
issued: {issued}
{extra}
---

Nội dung văn bản {number}.
"""


def news(title="Tin mẫu", date="2024-01-10 09:30", extra="") -> str:
    return NEWS.format(title=title, date=date, extra=extra)


def document(
    number="15/CT-TTg",
    title="Về việc tăng cường sử dụng văn bản điện tử",
    doc_type="Chỉ thị",
    issued="2012-05-22",
    extra="",
) -> str:
    return DOCUMENT.format(number=number, title=title, doc_type=doc_type, issued=issued, extra=extra)

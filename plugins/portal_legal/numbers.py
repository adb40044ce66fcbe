"""Document numbers (số ký hiệu) in running text; `number_key` makes the ways of typing one agree."""

import re

from portal_text import number_key

__all__ = ["NUMBER_IN_TEXT", "number_key"]


# A number as it appears in running text: "15/CT-TTg", "số15/CT-TTg", "34/ 2008/CT-TTg",
# "42/2012/QĐ-UBND", "67/2006/QH11". Not preceded by a digit or slash (so "22/5/2012" is not
# read from its middle); the symbol starts with a letter, so dates never match.
NUMBER_IN_TEXT = re.compile(
    r"(?<![0-9/.])"
    r"\d{1,5}\s?/\s?(?:\d{4}\s?/\s?)?"
    r"[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:\s?-\s?[A-Za-zĐđ0-9]+)*"
)

"""The one module of document numbers (search/numbers.py): the grammar, the keys and which document a
citation means, as staff write them, as bodies cite them and as citizens type them."""

import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from search import numbers
from search.numbers import (
    IN_TEXT,
    ISSUE,
    ISSUE_AFTER,
    Cited,
    Issue,
    NumberGuesser,
    day_written,
    fitting,
    identity,
    issue_of,
    keys_in_text,
    near_key,
    number_key,
    number_keys,
    parse_cited,
    spaced_number,
    typed_keys,
    typed_number,
    typed_prefixes,
    typed_shorts,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_ways_of_typing_one_number_have_one_key():
    assert len({number_key(n) for n in ("15/CT-TTg", "15/ct-ttg", "15 / CT-TTg", "15/CT.TTg", "15/CT–TTg")}) == 1
    assert number_key("43/2011/NĐ-CP") == number_key("43/2011/ND-CP") == "43/2011/ND-CP"
    assert number_key("15/CT-TTg") != number_key("16/CT-TTg")
    # the year added or left out finds the same document
    assert number_keys("15/CT-TTg", 2012) == ["15/CT-TTG", "15/2012/CT-TTG"]
    assert number_keys("42/2012/QĐ-UBND", 2012) == ["42/2012/QD-UBND", "42/QD-UBND"]


def test_numbers_in_running_text_and_not_dates():
    text = "Căn cứ Chỉ thị số15/CT-TTg ngày 22/5/2012 và Nghị định 43/2011/NĐ-CP, Luật 67/2006/QH11."
    assert IN_TEXT.findall(text) == ["15/CT-TTg", "43/2011/NĐ-CP", "67/2006/QH11"]
    assert keys_in_text(text) == ("15/CT-TTG", "43/2011/ND-CP", "67/2006/QH11")


def test_the_day_or_year_written_beside_a_number():
    text = "Chỉ thị 08/CT-UBND, ngày 16-06-2014 và Quyết định 125/QĐ-STTTT năm 2025"
    first, second = IN_TEXT.finditer(text)
    assert issue_of(ISSUE_AFTER.match(text, first.end())) == Issue(day=date(2014, 6, 16))
    assert issue_of(ISSUE_AFTER.match(text, second.end())) == Issue(year=2025)
    assert issue_of(ISSUE.search("Ngày 31/2/2014, UBND tỉnh ban hành")) is None  # no such day
    assert ISSUE_AFTER.match("08/CT-UBND của UBND tỉnh", 10) is None


def test_a_citation_in_a_header_read_apart():
    assert parse_cited("15/CT-TTg") == Cited("15/CT-TTg")
    assert parse_cited("125/QĐ-STTTT  năm 2025") == Cited("125/QĐ-STTTT", year=2025)
    assert parse_cited("08/CT-UBND ngày 16/6/2014 của UBND tỉnh Quảng Trị") == Cited(
        "08/CT-UBND", day="16/6/2014", issuer="UBND tỉnh Quảng Trị"
    )
    assert parse_cited("88 QĐ STTTT") is None  # spaces inside the number: the header says how to write it
    assert spaced_number("88 QĐ STTTT") == "88/QĐ-STTTT"
    assert spaced_number("42 2012 QĐ UBND") == "42/2012/QĐ-UBND"
    assert day_written("16/6/2014") == day_written("16-06-2014") == day_written("16.6.2014") == date(2014, 6, 16)
    assert day_written("2014-06-16") is None  # the header's own form, read by the header
    with pytest.raises(ValueError):
        day_written("31/2/2014")


def test_which_document_a_citation_means():
    def doc(issued, *issuers):
        return SimpleNamespace(issued=issued, issuers=issuers)

    a = doc(date(2014, 6, 16), "UBND tỉnh Quảng Trị")
    b = doc(date(2019, 3, 1), "UBND tỉnh Quảng Ngãi")
    c = doc(date(2019, 3, 1), "UBND tỉnh Quảng Trị", "Sở Tài chính")
    carrying = [a, b, c]
    assert fitting(carrying) == carrying
    assert fitting(carrying, year=2019) == [b, c]
    assert fitting(carrying, day=date(2014, 6, 16)) == [a]
    assert fitting(carrying, year=2019, issuer="UBND Tỉnh Quảng trị") == [c]  # an issuer keyed like a number
    assert fitting(carrying, day=date(2014, 6, 17)) == []
    # a body's citation names no issuer, and its targets carry none: the same rule
    assert fitting([SimpleNamespace(issued=date(2014, 6, 16))], issuer="UBND tỉnh Quảng Trị") == []
    # one document twice: the same number, day and issuers, however typed
    assert identity("08/CT-UBND", a.issued, ["UBND tỉnh Quảng Trị"]) == identity(
        "08/ct-ubnd", date(2014, 6, 16), ["UBND Tỉnh Quảng Trị"]
    )
    assert identity("08/CT-UBND", b.issued, b.issuers) != identity("08/CT-UBND", c.issued, c.issuers)


def test_the_number_meant_by_one_that_no_document_carries():
    known = {number_key("88/QĐ-STTTT"), number_key("15/CT-TTg")}
    assert near_key(number_key("888/QĐ-STTTT"), known) == "88/QD-STTTT"
    assert near_key(number_key("89/QĐ-STTTT"), known) == "88/QD-STTTT"
    assert near_key(number_key("5/CT-TTg"), known) == "15/CT-TTG"
    assert near_key(number_key("77/QĐ-STTTT"), known) is None
    guess = NumberGuesser(["15/CT-TTg", "125/QĐ-STTTT"])
    assert guess("15/CT-TT") == "15/CT-TTg"
    assert guess("99/XYZ") is None


def test_what_a_citizen_types():
    assert number_key("15/CT-TTg") in typed_keys("chi thi 15 ct ttg ve go")
    assert number_key("34/2008/CT-TTg") in typed_keys("34/ 2008/CT-TTg")
    assert typed_prefixes("nghị định 43/2011 và số 125") == ["125", "43/2011"]
    assert typed_shorts(["nd43"]) == [] and typed_shorts(["nd", "43"]) == ["ND43"]
    assert "ND43" in typed_shorts(["nghi", "dinh", "43"]) and "QD125" in typed_shorts(["125", "qd"])
    assert typed_number("van ban 99/CT-TTg moi") == "99/CT-TTg"
    assert typed_number("ngay 22/5/2012") is None


def test_one_module_holds_the_grammar_of_a_number():
    """No other module of ours writes what a number, or the day written after it, looks like: the head of a
    number (`\\d{1,5}` before a slash) and "ngày …"/"năm …" appear in regular expressions only there."""
    shapes = re.compile(r"\\d\{1,5\}|ngày\\s|năm\\s")
    found = [
        str(path.relative_to(ROOT))
        for folder in ("plugins", "search")
        for path in (ROOT / folder).rglob("*.py")
        if path != Path(numbers.__file__) and shapes.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert shapes.search(Path(numbers.__file__).read_text(encoding="utf-8"))  # the check sees what it looks for

"""CSV that a spreadsheet opens as Vietnamese text: for open data and for staff's exports."""

import csv
import io
import re

# a cell starting with one of these is a formula to Excel and LibreOffice (=HYPERLINK(…) in a title)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# a sign after one of these starts a formula too when a spreadsheet splits the line on it: Excel splits on
# the computer's list separator (";" on most Vietnamese computers), whatever the file's own separator
_SPLIT_FORMULA = re.compile(r"([,;\t])([=+\-@])")


def spreadsheet_cell(value) -> str:
    """A cell shown as text: an apostrophe before a formula's first sign (OWASP), at its start and after
    any separator a spreadsheet might split it on."""
    if value is None:
        return ""
    text = _SPLIT_FORMULA.sub(r"\1'\2", str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def spreadsheet_csv(header, rows) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), CRLF, every cell quoted, no cell
    read as a formula."""
    out = io.StringIO()
    # every cell quoted: where Excel's separator is ";" (most Vietnamese computers), "Góp ý;=1+1" would
    # otherwise split into a second cell that starts a formula
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")

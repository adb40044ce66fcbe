"""CSV that a spreadsheet opens as Vietnamese text: for open data and for staff's exports."""

import csv
import io

# a cell starting with one of these is a formula to Excel and LibreOffice (=HYPERLINK(…) in a title)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """A cell shown as text: a leading apostrophe before a formula's first sign (OWASP)."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def spreadsheet_csv(header, rows) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), CRLF, no cell read as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")

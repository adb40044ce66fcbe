"""Numbers as Vietnamese readers write them: a decimal comma, a dot between thousands."""

UNITS = ("KB", "MB", "GB", "TB")


def vn_number(value: float, decimals: int = 0) -> str:
    """1234567.5 -> "1.234.567,5" (decimals=1); a trailing ",0" is left out."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",0") if decimals == 1 else text


def vn_size(size: int) -> str:
    """A file's size: "624 byte", "12,5 KB", "1,2 MB" (1 KB = 1024 byte)."""
    if size < 1024:
        return f"{size} byte"
    value = float(size)
    for unit in UNITS:
        value /= 1024
        if value < 1024 or unit == UNITS[-1]:
            return f"{vn_number(value, 1 if value < 100 else 0)} {unit}"
    raise AssertionError("unreachable")

"""Dates as Vietnamese portals print them: "Thứ tư, 25/06/2014 13:46"."""

from datetime import date, datetime

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def vn_date(value: date | datetime | None) -> str:
    """22/05/2012"""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def vn_datetime(value: datetime | None) -> str:
    """25/06/2014 13:46"""
    if value is None:
        return ""
    return f"{vn_date(value)} {value.hour:02d}:{value.minute:02d}"


def vn_weekday_datetime(value: datetime | None) -> str:
    """Thứ tư, 25/06/2014 13:46"""
    if value is None:
        return ""
    return f"{WEEKDAYS[value.weekday()]}, {vn_datetime(value)}"

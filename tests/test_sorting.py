"""Vietnamese alphabetical order, syllable by syllable, as ICU's Vietnamese collation sorts it."""

import random

from portal_text import sort_key

# the 63 provinces and cities in the order ICU's Vietnamese collator gives (PyICU 2.10, Debian's
# python3-icu): golden facts computed once, not our own output
ICU_ORDER = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lạng Sơn",
    "Lào Cai",
    "Lâm Đồng",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thành phố Hồ Chí Minh",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
]


def test_the_63_provinces_sort_as_icu_sorts_them():
    shuffled = ICU_ORDER[:]
    random.Random(63).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == ICU_ORDER


def test_a_syllable_that_starts_another_comes_first():
    assert sorted(["Hải Dương", "Hải Phòng", "Hà Giang"], key=sort_key) == ["Hà Giang", "Hải Dương", "Hải Phòng"]
    assert sorted(["Cao Bằng", "Cà Mau"], key=sort_key) == ["Cà Mau", "Cao Bằng"]
    assert sorted(["Bình Định", "Bình Dương"], key=sort_key) == ["Bình Dương", "Bình Định"]

"""The reviewers' file (`.nguoi-duyet`): git's allowed-signers format, one reviewer per line.

    # Ban biên tập Sở Thông tin và Truyền thông
    nguyen.van.a@stttt.gov.vn ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… Nguyễn Văn A
    tran.thi.b@stttt.gov.vn namespaces="git" ssh-ed25519 AAAAC3Nz…

Each line is read here before git is asked to trust it, so a broken line is reported with its number
and what to write, not taken as "nobody signed".
"""

import base64
import binascii
import re
import struct
from dataclasses import dataclass

KEY_TYPES = {
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
}
OPTIONS = re.compile(r'^(cert-authority|namespaces="[^"]*"|valid-after="?\d{8,14}Z?"?|valid-before="?\d{8,14}Z?"?)$')
EXAMPLE = "nguyen.van.a@stttt.gov.vn ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… Nguyễn Văn A"


@dataclass(frozen=True)
class Reviewer:
    principals: tuple[str, ...]
    key_type: str
    key: str  # base64, as in a .pub file
    line: int

    @property
    def public_key(self) -> str:
        return f"{self.key_type} {self.key}"


@dataclass(frozen=True)
class Mistake:
    line: int
    message: str


def read_reviewers(text: str) -> tuple[list[Reviewer], list[Mistake]]:
    """Every reviewer the file lists, and every line that is not one (with its number)."""
    reviewers, mistakes = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        if len(words) < 3:
            mistakes.append(Mistake(number, "thiếu khóa: mỗi dòng là địa chỉ thư của người duyệt, kiểu khóa và khóa"))
            continue
        principals, rest = words[0], words[1:]
        while rest and OPTIONS.match(rest[0]):
            rest = rest[1:]
        if not rest or rest[0] not in KEY_TYPES:
            found = rest[0] if rest else words[1]
            mistakes.append(Mistake(number, f'"{found[:40]}" không phải kiểu khóa SSH (ví dụ ssh-ed25519)'))
            continue
        if len(rest) < 2 or not _key_matches(rest[0], rest[1]):
            mistakes.append(Mistake(number, f"khóa {rest[0]} không đọc được (chép nguyên dòng trong tệp .pub)"))
            continue
        reviewers.append(Reviewer(tuple(principals.split(",")), rest[0], rest[1], number))
    return reviewers, mistakes


def _key_matches(key_type: str, key: str) -> bool:
    """The base64 key decodes and names its own type first, as every SSH public key does."""
    try:
        blob = base64.b64decode(key, validate=True)
        (length,) = struct.unpack(">I", blob[:4])
    except (binascii.Error, ValueError, struct.error):
        return False
    return blob[4 : 4 + length] == key_type.encode()

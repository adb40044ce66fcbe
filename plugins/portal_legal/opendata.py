"""Open data: every published document's metadata and every relation edge, as JSON and CSV.

Ids are stable: a document's id is its URL name, made of its type, number and day of issue
("chi-thi-15-ct-ttg-ngay-22-05-2012"); it does not change when a title, a file name or a folder
changes, nor when another document with the same number is published.
The fields are documented in docs/du-lieu-mo.md and on the /van-ban/du-lieu-mo/ page.
"""

import json

from portal_text.spreadsheet import spreadsheet_csv

DOCUMENT_FIELDS = [
    ("id", "mã ổn định của văn bản, từ loại, số ký hiệu và ngày ban hành (ví dụ chi-thi-15-ct-ttg-ngay-22-05-2012)"),
    ("number", "số ký hiệu"),
    ("doc_type", "loại văn bản"),
    ("title", "trích yếu"),
    ("issuers", "cơ quan ban hành (danh sách; văn bản liên tịch có nhiều cơ quan)"),
    ("signer", "người ký"),
    ("signer_title", "chức vụ người ký"),
    ("issued", "ngày ban hành, YYYY-MM-DD"),
    ("effective", "ngày có hiệu lực, YYYY-MM-DD"),
    ("expires", "ngày hết hiệu lực ghi trên văn bản, YYYY-MM-DD, hoặc trống"),
    ("topics", "lĩnh vực (danh sách)"),
    (
        "validity",
        (
            "tình trạng hiệu lực tại ngày xuất dữ liệu: Còn hiệu lực, Hết hiệu lực một phần, Ngưng hiệu lực một "
            "phần, Ngưng hiệu lực, Không còn phù hợp, Chưa có hiệu lực, Hết hiệu lực"
        ),
    ),
    ("validity_reason", "lý do, bằng lời"),
    (
        "history",
        (
            "lịch sử hiệu lực, cũ trước: date, event (Ban hành, Có hiệu lực, Được sửa đổi, bổ sung bởi, Bị thay thế "
            "bởi …), by_number và by_id (văn bản gây ra, nếu có), note (lý do, nếu có)"
        ),
    ),
    ("comment_until", "với Dự thảo: ngày cuối lấy ý kiến"),
    ("articles", "với Dự thảo lấy ý kiến: các điều (number, label), để góp ý theo điều; văn bản khác: trống"),
    ("modified", "lần sửa nội dung gần nhất (thời điểm, +07:00), hoặc trống"),
    ("url", "địa chỉ trang của văn bản"),
    ("attachments", "tệp đính kèm: title, url, format, size (byte), sha256"),
]
EDGE_FIELDS = [
    ("from_id", "mã văn bản khai báo quan hệ"),
    (
        "relation",
        (
            "based_on (căn cứ), implements (thực hiện, hướng dẫn), amends (sửa đổi, bổ sung), "
            "replaces (thay thế), repeals (bãi bỏ), partly_repeals (bãi bỏ một phần), suspends (đình chỉ), "
            "partly_suspends (ngưng hiệu lực một phần), consolidates (hợp nhất), responds_to (báo cáo tiếp thu, "
            "giải trình ý kiến về dự thảo)"
        ),
    ),
    ("to_number", "số ký hiệu văn bản được nêu, như đã ghi (kèm năm hoặc ngày ban hành nếu có)"),
    ("to_id", "mã của văn bản đó nếu có trên cổng, hoặc trống"),
]


def document_id(record) -> str:
    """A document's lasting id: its URL name (type, number and day of issue, or the `slug` staff set),
    which no later document with the same number changes."""
    return record.slug


DEFAULT_LICENCE = {
    "name": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.vi",
    "attribution": "",  # who to credit; the agency's name when empty
}


def export(documents: list[dict], edges: list[dict], generated: str, licence: dict | None = None) -> dict[str, bytes]:
    """File name -> bytes, for the JSON and the two CSV files."""
    payload = {
        "generated": generated,
        "license": licence or DEFAULT_LICENCE,
        "fields": dict(DOCUMENT_FIELDS),
        "edge_fields": dict(EDGE_FIELDS),
        "documents": documents,
        "edges": edges,
    }
    files = {"van-ban.json": json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False).encode()}
    files["van-ban.csv"] = _csv([name for name, _ in DOCUMENT_FIELDS], [_flat(d) for d in documents])
    files["quan-he.csv"] = _csv([name for name, _ in EDGE_FIELDS], edges)
    return files


def _flat(document: dict) -> dict:
    row = dict(document)
    row["issuers"] = "; ".join(document["issuers"])
    row["topics"] = "; ".join(document["topics"])
    row["attachments"] = "; ".join(f"{a['url']} ({a['sha256']})" for a in document["attachments"])
    row["articles"] = "; ".join(a["number"] for a in document["articles"])
    row["history"] = "; ".join(
        f"{e['date']} {e['event']}" + (f" {e['by_number']}" if e["by_number"] else "") for e in document["history"]
    )
    return {k: ("" if v is None else v) for k, v in row.items()}


def _csv(fields: list[str], rows: list[dict]) -> bytes:
    return spreadsheet_csv(fields, ([row.get(k) for k in fields] for row in rows))

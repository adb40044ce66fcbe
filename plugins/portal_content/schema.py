"""The YAML keys of each kind of content: converter, whether required, and help for staff.

The help texts are the ones `README.md` lists; keep them in step.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import fields
from .model import DOCUMENT, LEADER, NEWS, PAGE, QUESTION, UNIT


@dataclass(frozen=True)
class Key:
    convert: Callable
    required: bool = False
    help: str = ""


PUBLICATION = {
    "title": Key(fields.text, True, "tiêu đề (với văn bản: trích yếu)"),
    "date": Key(fields.moment, True, "thời điểm đăng, YYYY-MM-DD hoặc YYYY-MM-DD HH:MM; ngày tương lai = hẹn giờ đăng"),
    "modified": Key(fields.moment, False, "lần sửa nội dung gần nhất"),
    "summary": Key(fields.paragraph, False, "đoạn tóm tắt (sapo)"),
    "slug": Key(fields.slug, False, "tên trên đường dẫn; mặc định lấy từ tiêu đề"),
    "status": Key(fields.status, False, "published (mặc định), draft hoặc hidden"),
    "expires": Key(fields.until, False, "sau ngày này bài rời khỏi danh sách, trang của bài ghi đã hết hạn"),
    "tags": Key(fields.words, False, "danh sách từ khóa"),
    "changes": Key(
        fields.changes, False, "lịch sử cập nhật: mỗi dòng ngày và một câu, ví dụ - 2026-11-20: Bổ sung tệp"
    ),
}

NEWS_KEYS = {
    **PUBLICATION,
    "author": Key(fields.text, False, "tác giả"),
    "source": Key(fields.text, False, "nguồn tin"),
    "image": Key(fields.image, False, "ảnh đại diện, đường dẫn tương đối"),
    "image_caption": Key(fields.paragraph, False, "chú thích ảnh"),
    "category": Key(fields.text, False, "chuyên mục; mặc định theo thư mục con"),
    "uid": Key(fields.uid, False, "mã định danh của bài trong RSS/Atom, do invoke new ghi; giữ nguyên khi đổi tên tệp"),
}

DOCUMENT_KEYS = {
    **PUBLICATION,
    "date": Key(fields.moment, False, "thời điểm đăng; mặc định là ngày ban hành"),
    "expires": Key(fields.day, False, "ngày hết hiệu lực; văn bản vẫn đăng, ghi rõ Hết hiệu lực"),
    "number": Key(fields.number, True, "số ký hiệu, ví dụ 15/CT-TTg; cùng ngày ban hành xác định văn bản"),
    "doc_type": Key(fields.choice, True, "loại văn bản, theo danh sách trong pelicanconf.py"),
    "issuer": Key(fields.issuers, True, "cơ quan ban hành; danh sách nếu là văn bản liên tịch"),
    "signer": Key(fields.text, False, "người ký"),
    "signer_title": Key(fields.text, False, "chức vụ người ký"),
    "issued": Key(fields.day, True, "ngày ban hành, YYYY-MM-DD"),
    "effective": Key(fields.day, False, "ngày có hiệu lực; mặc định là ngày ban hành"),
    "topics": Key(fields.words, False, "lĩnh vực, danh sách"),
    "based_on": Key(fields.references, False, "căn cứ: danh sách số ký hiệu"),
    "implements": Key(fields.references, False, "văn bản được thực hiện, hướng dẫn: danh sách số ký hiệu"),
    "amends": Key(fields.references, False, "văn bản được sửa đổi, bổ sung: danh sách số ký hiệu"),
    "replaces": Key(fields.references, False, "văn bản bị thay thế toàn bộ: danh sách số ký hiệu"),
    "repeals": Key(fields.references, False, "văn bản bị bãi bỏ toàn bộ: danh sách số ký hiệu"),
    "partly_repeals": Key(fields.references, False, "văn bản bị bãi bỏ, thay thế một phần: danh sách số ký hiệu"),
    "suspends": Key(fields.references, False, "văn bản bị đình chỉ, ngưng hiệu lực: danh sách số ký hiệu"),
    "partly_suspends": Key(
        fields.references, False, "văn bản bị ngưng hiệu lực một phần (một số điều, khoản): danh sách số ký hiệu"
    ),
    "no_longer_applicable": Key(
        fields.declaration, False, "cơ quan xác định văn bản không còn phù hợp: {date: YYYY-MM-DD, reason: lý do}"
    ),
    "consolidates": Key(fields.references, False, "với văn bản hợp nhất: các văn bản được hợp nhất"),
    "attachments": Key(fields.attachments, False, "tệp đính kèm: đường dẫn, hoặc path và title"),
    "comment_until": Key(fields.day, False, "với Dự thảo: ngày cuối lấy ý kiến"),
    "responds_to": Key(
        fields.references, False, "với báo cáo tổng hợp, tiếp thu, giải trình ý kiến: số ký hiệu của Dự thảo"
    ),
    "comments": Key(
        fields.consultation,
        False,
        "với báo cáo đó: các ý kiến, mỗi ý kiến article, comment, answer (tiếp thu / giải trình), reply, name",
    ),
}

PAGE_KEYS = {
    **PUBLICATION,
    "lang": Key(fields.language, False, "ngôn ngữ: en cho bản tiếng Anh, cùng slug với bản tiếng Việt"),
}

QUESTION_KEYS = {
    **PUBLICATION,
    "title": Key(fields.text, True, "câu hỏi viết gọn trong một dòng, làm tiêu đề"),
    "date": Key(fields.moment, False, "thời điểm đăng; mặc định là ngày trả lời"),
    "question": Key(fields.passage, True, "câu hỏi như người hỏi gửi (sau dấu |, các đoạn cách nhau một dòng trống)"),
    "asker": Key(fields.text, False, "người hỏi, như cơ quan chọn ghi (không ghi thư điện tử, số điện thoại)"),
    "asked": Key(fields.day, True, "ngày hỏi, YYYY-MM-DD"),
    "answered": Key(fields.day, True, "ngày trả lời, YYYY-MM-DD"),
    "answered_by": Key(fields.text, True, "đơn vị trả lời"),
    "topics": Key(fields.words, False, "lĩnh vực, danh sách"),
    "receipt": Key(fields.text, False, "mã biên nhận của câu hỏi gửi qua cổng (invoke hoi-dap --to-content ghi)"),
}

# the agency itself (NĐ 42/2022): who leads it and how it is organised
AGENCY = {
    "title": PUBLICATION["title"],
    "date": Key(fields.moment, True, "ngày đăng hoặc cập nhật thông tin, YYYY-MM-DD"),
    "modified": PUBLICATION["modified"],
    "slug": PUBLICATION["slug"],
    "status": PUBLICATION["status"],
    "changes": PUBLICATION["changes"],
    "order": Key(fields.whole_number, False, "thứ tự trên trang, số nhỏ đứng trước (mặc định 100)"),
    "phone": Key(fields.phone, False, "điện thoại"),
    "email": Key(fields.email, False, "thư điện tử công vụ"),
}
LEADER_KEYS = {
    **AGENCY,
    "title": Key(fields.text, True, "họ và tên"),
    "position": Key(fields.text, True, "chức vụ, ví dụ Giám đốc Sở"),
    "photo": Key(fields.image, False, "ảnh chân dung, đường dẫn tương đối"),
    "portfolio": Key(fields.words, False, "nhiệm vụ, lĩnh vực phụ trách, danh sách"),
}
UNIT_KEYS = {
    **AGENCY,
    "title": Key(fields.text, True, "tên đơn vị"),
    "group": Key(fields.text, True, "khối, ví dụ Cơ quan tham mưu, Đơn vị sự nghiệp"),
    "head": Key(fields.text, False, "họ tên người đứng đầu"),
    "head_title": Key(fields.text, False, "chức vụ người đứng đầu, ví dụ Chánh Văn phòng"),
    "address": Key(fields.text, False, "địa chỉ"),
    "website": Key(fields.web_address, False, "cổng, trang thông tin điện tử của đơn vị, https://…"),
}

KEYS = {
    NEWS: NEWS_KEYS,
    DOCUMENT: DOCUMENT_KEYS,
    PAGE: PAGE_KEYS,
    QUESTION: QUESTION_KEYS,
    LEADER: LEADER_KEYS,
    UNIT: UNIT_KEYS,
}

# the folder under content/ decides the kind
FOLDERS = {
    "tin-tuc": NEWS,
    "van-ban": DOCUMENT,
    "pages": PAGE,
    "hoi-dap": QUESTION,
    "lanh-dao": LEADER,
    "co-cau-to-chuc": UNIT,
}
KIND_NAMES = {
    NEWS: "tin tức",
    DOCUMENT: "văn bản",
    PAGE: "trang",
    QUESTION: "hỏi đáp",
    LEADER: "lãnh đạo",
    UNIT: "đơn vị",
}

EXAMPLES = {
    "title": "title: Tăng cường sử dụng văn bản điện tử",
    "date": "date: 2014-06-25 13:46",
    "number": "number: 15/CT-TTg",
    "doc_type": "doc_type: Chỉ thị",
    "issuer": "issuer: UBND tỉnh Quảng Ngãi",
    "issued": "issued: 2014-06-16",
    "question": "question: Thủ tục cấp giấy phép gồm những gì?",
    "asked": "asked: 2024-03-02",
    "answered": "answered: 2024-03-12",
    "answered_by": "answered_by: Phòng Thông tin - Báo chí - Xuất bản",
    "position": "position: Giám đốc Sở",
    "group": "group: Cơ quan tham mưu",
}

# the body `invoke new` writes (document, news, page), and the answer `invoke hoi-dap --to-content`
# leaves to write: a file that still holds one of these is not published (loading.py says so)
PLACEHOLDERS = (
    "Nội dung văn bản (trích yếu, các điều khoản). Viết bằng Markdown: một dòng trống giữa hai đoạn.",
    "Nội dung bản tin. Viết bằng Markdown: một dòng trống giữa hai đoạn; `## Tiêu đề mục` cho tiêu đề mục.",
    "Nội dung trang. Viết bằng Markdown: một dòng trống giữa hai đoạn.",
    "VIẾT CÂU TRẢ LỜI Ở ĐÂY.",
    "Tiểu sử tóm tắt: năm sinh, quê quán, trình độ, quá trình công tác (không có thì xóa dòng này).",
    "Chức năng, nhiệm vụ của đơn vị.",
)
# the values `invoke new` (tin-tuc, hoi-dap, lanh-dao, co-cau-to-chuc) and `invoke hoi-dap --to-content` leave
# in a header to replace
FIELD_PLACEHOLDERS = {
    "summary": "Một đoạn ngắn tóm tắt bản tin (sapo).",  # invoke new tin-tuc: on the home page, the item and RSS
    "author": "Tên tác giả",
    "position": "Chức vụ",
    "group": "Khối",
    "answered_by": "Tên đơn vị trả lời",
    "reply": "Ghi nội dung tiếp thu hoặc lý do giải trình.",
    "number": "CHUA-GHI-SO/BC",  # invoke gop-y --bao-cao: the report's number, not known yet  # invoke gop-y --bao-cao: each comment's answer
    "question": "Chép câu hỏi như người hỏi gửi vào đây (không ghi thư điện tử, số điện thoại).",
}

"""What a citizen agrees to, purpose by purpose, and the notice they read before agreeing.

Under the Law on Personal Data Protection (91/2025/QH15, in force from 01/01/2026), as under
Decree 13/2023, silence is not consent, each purpose is agreed to separately, and the agency must
be able to prove what was agreed. So each purpose is its own unticked box, the notice has a version
(a digest of its words: any change to them is a new version), and a stored submission names its
purposes and the version its sender read; the store keeps each version's text (`notices`).
"""

from dataclasses import dataclass
from hashlib import sha256

LAW = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15"
NOTICE_PAGE = "phan-hoi/thong-bao-du-lieu/"
LOOKUP_PAGE = "phan-hoi/tra-cuu/"


@dataclass(frozen=True)
class Purpose:
    code: str  # stored: "tra-loi"
    field: str  # the form's field: "dong_y"
    kinds: tuple[str, ...]  # which forms ask it: "gop-y", "hoi-dap"
    required: bool  # without it nothing is sent (processing to answer)
    name: str  # the purpose in a few words, for lists
    sentence: str  # what the box says; "{controller}" is the agency


PURPOSES = (
    Purpose(
        "tra-loi",
        "dong_y",
        ("gop-y", "hoi-dap"),
        True,
        "Tiếp nhận và trả lời",
        "Tôi đồng ý để {controller} thu thập và xử lý họ tên, thư điện tử và nội dung tôi gửi để tiếp nhận, "
        "tổng hợp và trả lời (bắt buộc để gửi).",
    ),
    Purpose(
        "cong-khai-ten",
        "cong_khai_ten",
        ("gop-y", "hoi-dap"),
        False,
        "Công bố họ tên",
        "Tôi đồng ý để họ tên của tôi được ghi kèm ý kiến hoặc câu hỏi khi cơ quan công bố trên cổng "
        "(không bắt buộc; thư điện tử không bao giờ được công bố).",
    ),
    Purpose(
        "dang-cau-hoi",
        "dang_cau_hoi",
        ("hoi-dap",),
        False,
        "Đăng câu hỏi cùng câu trả lời",
        "Tôi đồng ý để câu hỏi của tôi (đã bỏ thông tin cá nhân) được đăng cùng câu trả lời trên cổng "
        "(không bắt buộc; không đồng ý thì chỉ trả lời qua thư điện tử).",
    ),
)
BY_CODE = {purpose.code: purpose for purpose in PURPOSES}
BY_FIELD = {purpose.field: purpose for purpose in PURPOSES}
CONSENT_FIELDS = tuple(BY_FIELD)
VERSION_FIELD = "thong_bao"  # the version of the notice the form showed


def purposes_for(kind: str) -> tuple[Purpose, ...]:
    return tuple(purpose for purpose in PURPOSES if kind in purpose.kinds)


@dataclass(frozen=True)
class FeedbackView:
    """What the forms say: who processes the data, for what, for how long, whom to ask; and the notice."""

    controller: str
    retention: str
    contact: str
    max_chars: dict

    def boxes(self, kind: str) -> tuple[tuple[Purpose, str], ...]:
        """Each purpose the form of `kind` asks, with the sentence its box says."""
        return tuple((purpose, purpose.sentence.format(controller=self.controller)) for purpose in purposes_for(kind))

    @property
    def notice(self) -> str:
        """The short form of the notice, under every form and on the receipt."""
        return (
            f"Dữ liệu được lưu trong {self.retention} kể từ ngày gửi rồi xóa; thư điện tử không bao giờ được công "
            f"bố, họ tên chỉ khi bạn chọn. Bạn xem hoặc yêu cầu xóa những gì đã gửi bằng mã biên nhận và thư điện "
            f"tử (trang Tra cứu nội dung đã gửi), hoặc liên hệ {self.contact}. Căn cứ: {LAW}."
        )

    @property
    def paragraphs(self) -> tuple[tuple[str, str], ...]:
        """The full notice, (heading, text) by section: the printable page, and what a version digests."""
        purposes = " ".join(
            f"({index}) {purpose.name}{'' if purpose.required else ' (không bắt buộc)'}: "
            + purpose.sentence.format(controller=self.controller)
            for index, purpose in enumerate(PURPOSES, 1)
        )
        return (
            ("Bên kiểm soát và xử lý dữ liệu", f"{self.controller}."),
            (
                "Dữ liệu thu thập",
                (
                    "Họ và tên, thư điện tử, nội dung bạn gửi; với góp ý dự thảo, dự thảo và điều được góp ý. "
                    "Cổng không lưu địa chỉ IP của bạn, chỉ lưu một mã băm có khóa của nó để chặn việc gửi tràn."
                ),
            ),
            (
                "Mục đích, mỗi mục đích bạn chọn riêng",
                purposes + " Không đánh dấu là không đồng ý; không đồng ý mục đích bắt buộc thì không gửi được "
                "và cổng không lưu gì.",
            ),
            (
                "Công bố",
                (
                    "Góp ý dự thảo được tổng hợp, tiếp thu, giải trình trong báo cáo cơ quan công bố trên cổng theo "
                    "pháp luật về ban hành văn bản quy phạm pháp luật; báo cáo chỉ ghi họ tên người đã chọn công bố "
                    "họ tên. Không có gì bạn gửi được đăng trước khi cán bộ xem."
                ),
            ),
            ("Thời hạn lưu", f"{self.retention} kể từ ngày gửi; hết thời hạn, dữ liệu bị xóa."),
            (
                "Quyền của bạn",
                (
                    "Xem những gì đã gửi, các mục đích đã đồng ý và phiên bản thông báo này, yêu cầu xóa (rút lại "
                    "đồng ý) tại trang Tra cứu nội dung đã gửi, bằng mã biên nhận và thư điện tử đã ghi; hoặc liên "
                    f"hệ {self.contact}. Việc xóa được ghi lại."
                ),
            ),
            ("Căn cứ", f"{LAW}."),
        )

    @property
    def version(self) -> str:
        """The notice's version: a digest of its words (any change is a new version)."""
        words = "\n".join(f"{heading}\n{text}" for heading, text in self.paragraphs)
        return sha256(words.encode()).hexdigest()[:10]

    @property
    def notice_text(self) -> str:
        """The full notice as plain text (what the store keeps under its version)."""
        return "\n\n".join(f"{heading}: {text}" for heading, text in self.paragraphs)

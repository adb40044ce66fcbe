"""The sanitizer against the OWASP filter-evasion vectors, on its own and through a real build."""

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from portal_sanitize import sanitize_html, sanitize_inline, to_text

# From the OWASP XSS Filter Evasion Cheat Sheet, and a few more that target allowlists.
OWASP_VECTORS = [
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    "<a onmouseover=alert(document.cookie)>xxs link</a>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC= onmouseover=\"alert('xxs')\">",
    "<IMG onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<SCRIPT/XSS SRC="http://xss.example/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<SCRIPT/SRC="http://xss.example/xss.js"></SCRIPT>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=http://xss.example/xss.js?< B >",
    "<SCRIPT SRC=//xss.example/.j>",
    "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
    "<iframe src=http://xss.example/scriptlet.html <",
    "\\\";alert('XSS');//",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<IMG DYNSRC=\"javascript:alert('XSS')\">",
    "<IMG LOWSRC=\"javascript:alert('XSS')\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<IMG SRC='vbscript:msgbox(\"XSS\")'>",
    "<svg/onload=alert('XSS')>",
    "<BODY ONLOAD=alert('XSS')>",
    "<BGSOUND SRC=\"javascript:alert('XSS');\">",
    "<BR SIZE=\"&{alert('XSS')}\">",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<STYLE>@import'http://xss.example/xss.css';</STYLE>",
    '<META HTTP-EQUIV="Link" Content="<http://xss.example/xss.css>; REL=stylesheet">',
    '<STYLE>BODY{-moz-binding:url("http://xss.example/xssmoz.xml#xss")}</STYLE>',
    "<STYLE>@im\\port'\\ja\\vasc\\ript:alert(\"XSS\")';</STYLE>",
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
    "<STYLE TYPE=\"text/javascript\">alert('XSS');</STYLE>",
    "<STYLE>.XSS{background-image:url(\"javascript:alert('XSS')\");}</STYLE><A CLASS=XSS></A>",
    '<STYLE type="text/css">BODY{background:url("javascript:alert(\'XSS\')")}</STYLE>',
    "<XSS STYLE=\"xss:expression(alert('XSS'))\">",
    '<XSS STYLE="behavior: url(xss.htc);">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>',
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.example/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
    '<SCRIPT a=">" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT =">" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT a=">" \'\' SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT "a=\'>\'" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT a=`>` SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT a=">\'>" SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="httx://xss.example/xss.js"></SCRIPT>',
    '<A HREF="http://66.102.7.147/">XSS</A>',
    "<A HREF=\"javascript:document.location='http://www.google.com/'\">XSS</A>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="  JAVASCRIPT:alert(1)">x</a>',
    '<a href="java&#x0000;script:alert(1)">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<template><script>alert(1)</script></template>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)">',
    '<p style="position:fixed;top:0">overlay</p>',
]

DANGEROUS_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "meta",
    "link",
    "base",
    "body",
    "template",
    "noscript",
    "video",
    "audio",
    "source",
    "details",
    "bgsound",
    "xss",
}
BAD_URL = re.compile(r"^\s*(javascript|vbscript|data|livescript)\s*:", re.IGNORECASE)


def assert_safe(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert element.name not in DANGEROUS_TAGS, html
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), html
            assert name.lower() not in {"style", "class", "background", "dynsrc", "lowsrc", "srcdoc", "formaction"}, (
                html
            )
            if name in ("href", "src", "cite"):
                assert not BAD_URL.match(value), html
                assert urlsplit(value).scheme.lower() in {"", "http", "https", "mailto", "tel"}, html


@pytest.mark.parametrize("vector", OWASP_VECTORS)
def test_owasp_vector_is_neutralised(vector):
    assert_safe(sanitize_html(vector))
    assert_safe(sanitize_inline(vector))


def test_script_content_is_removed_not_shown():
    assert sanitize_html("<p>Trước<script>alert('XSS')</script>sau</p>") == "<p>Trướcsau</p>"
    assert sanitize_html("<style>p{color:red}</style><p>chữ</p>") == "<p>chữ</p>"
    assert sanitize_html("<iframe src='https://x'>khung</iframe><p>chữ</p>") == "<p>chữ</p>"


def test_official_document_markup_is_kept():
    html = (
        '<h2 id="dieu-1">Điều 1</h2><p>Theo <abbr title="Ủy ban nhân dân">UBND</abbr> tỉnh, '
        "m<sup>2</sup>, H<sub>2</sub>O, <strong>đậm</strong>, <em>nghiêng</em>.</p>"
        '<ul><li>một</li></ul><ol start="3"><li>ba</li></ol>'
        '<table><caption>Bảng 1</caption><thead><tr><th scope="col" colspan="2">A</th></tr></thead>'
        '<tbody><tr><td rowspan="2">1</td><td>2</td></tr></tbody></table>'
        '<figure><img src="/files/a.jpg" alt="Ảnh" width="10" height="10"><figcaption>Chú thích</figcaption></figure>'
        "<blockquote><p>Trích dẫn</p></blockquote>"
        '<p><a href="https://chinhphu.vn/">chinhphu.vn</a> <a href="mailto:bbt@quangngai.gov.vn">thư</a> '
        '<a href="tel:02553822000">gọi</a> <a href="../van-ban/">văn bản</a> <a href="#dieu-1">Điều 1</a></p>'
    )
    assert sanitize_html(html) == html


def test_inline_drops_blocks_but_keeps_text():
    assert (
        sanitize_inline("<h2>Tiêu đề</h2><em>nhấn</em> <a href='https://a.vn'>a</a>")
        == 'Tiêu đề<em>nhấn</em> <a href="https://a.vn">a</a>'
    )


def test_title_is_plain_text():
    assert to_text("Chỉ thị <em>số</em> 15 &amp; <script>alert(1)</script>kế hoạch") == "Chỉ thị số 15 & kế hoạch"


def test_images_only_from_http_or_relative():
    assert sanitize_html('<img src="mailto:a@b.vn" alt="x">') == '<img alt="x">'
    assert sanitize_html('<img src="https://a.vn/x.png" alt="x">') == '<img src="https://a.vn/x.png" alt="x">'


def test_a_built_page_carries_no_script(site):
    body = "\n\n".join(OWASP_VECTORS) + '\n\n<script>alert("khong-hien")</script>\n'
    site.write(
        "tin-tuc/xss.md",
        "---\n"
        "title: 'Tiêu đề <script>alert(\"khong-hien\")</script> <img src=x onerror=alert(1)>'\n"
        "date: 2024-01-10 09:30\n"
        "summary: \"<a href='javascript:alert(3)'>Tóm</a> tắt <script>alert('khong-hien')</script>\"\n"
        "image: anh.svg\n"
        "image_caption: \"Ảnh <b onclick=alert(1)>minh họa</b> <script>alert('khong-hien')</script>\"\n"
        "---\n\n" + body,
    )
    site.write_bytes("tin-tuc/anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert site.build().ok, site.messages()
    for path in site.output.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        # the only scripts are JSON-LD data (never run), written through tojson: not one "<" in them
        # and the theme's own "In trang" file; nothing staff wrote
        for script in soup.find_all("script"):
            if script.get("src", "").startswith("/theme/js/print.") and not script.string:
                continue
            assert script.get("type") == "application/ld+json" and not script.get("src"), (path, script)
            assert "<" not in script.string and json.loads(script.string), (path, script)
        for article in soup.select("main article"):  # what staff wrote; the theme has its own search form
            assert article.find_all(["iframe", "object", "embed", "form", "input", "svg", "math", "style"]) == []
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (path, element)
                if name in ("href", "src"):
                    assert not BAD_URL.match(value), (path, element)
                    assert urlsplit(value).scheme.lower() in {"", "http", "https", "mailto", "tel"}, (path, element)
        assert "khong-hien" not in soup.get_text(), path
    page = site.page("/tin-tuc/tin-tong-hop/tieu-de/")
    assert page.h1.get_text() == "Tiêu đề"
    assert page.find("figcaption").decode_contents() == "Ảnh <b>minh họa</b>"

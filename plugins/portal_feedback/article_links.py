""" "Góp ý Điều này": a link after each article of a draft taking comments, to the comment form with that
article chosen (the write path renders it, so it works without JavaScript)."""

import re
from urllib.parse import urlencode

from markupsafe import Markup

_ARTICLE_BLOCK = re.compile(r'<(p|h[2-6])\b[^>]*\sid="dieu-(\d+)">.*?</\1>', re.DOTALL)
COMMENT_PAGE = "/phan-hoi/gop-y/"


def comment_links(html: str, draft: str, siteurl: str = "") -> Markup:
    """The draft's anchored text (portal_content.articles) with, after each article's first block, a link
    to comment on that article; `draft` is the draft as cited ("07/2024/DT-UBND ngày 10/5/2024")."""

    def linked(match: re.Match) -> str:
        query = urlencode({"van_ban": draft, "dieu": match[2]})
        return (
            f'{match[0]}<p class="article-comment"><a href="{siteurl}{COMMENT_PAGE}?{query}">Góp ý Điều này'
            f'<span class="visually-hidden"> (Điều {match[2]})</span></a></p>'
        )

    return Markup(_ARTICLE_BLOCK.sub(linked, str(html)))

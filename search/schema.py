"""The index: one document per published item (news, legal document, page).

Every text is indexed twice, accented and folded; field boosts make a match in a
document's number weigh most, then its title, its summary, its body.
"""

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, SchemaClass

from .analysis import accented, folded, values


class ValuesField(KEYWORD):
    """Several exact values, one per line (issuers, topics), for filters and facets."""

    def __init__(self, **kwargs):
        super().__init__(stored=True, scorable=False, **kwargs)
        self.analyzer = values()


class PortalSchema(SchemaClass):
    id = ID(stored=True, unique=True)  # the content file, from the content root
    content_hash = STORED
    url = STORED
    kind = ID(stored=True)  # news | document | page
    number = STORED  # as written
    # search.numbers.number_key of the number, and of it with its year added or left out ("15/2012/CT-TTg")
    number_key = KEYWORD(field_boost=20.0)
    number_prefix = KEYWORD()  # "43/2011", "43": a number typed without its symbol
    number_short = KEYWORD()  # "ND43", "QD125": a symbol glued to the number (search.numbers.short_keys)
    doc_type = ID(stored=True, sortable=True)
    issuer = ValuesField()
    topic = ValuesField()
    year = ID(stored=True, sortable=True)
    validity = ID(stored=True, sortable=True)  # slug: con-hieu-luc, chua-co-hieu-luc, het-hieu-luc
    validity_label = STORED
    date = DATETIME(stored=True, sortable=True)
    issued = STORED  # a document's day of issue, YYYY-MM-DD: its result says "Ban hành dd/mm/yyyy"
    # accented fields reward exact diacritics word by word; phrases are matched on the folded ones
    label = TEXT(analyzer=accented(), phrase=False, field_boost=6.0)  # "Chỉ thị 15/CT-TTg"
    label_ascii = TEXT(analyzer=folded(), field_boost=5.0)
    title = TEXT(analyzer=accented(), phrase=False, stored=True, field_boost=5.0)
    title_ascii = TEXT(analyzer=folded(), field_boost=4.0)
    summary = TEXT(analyzer=accented(), phrase=False, stored=True, field_boost=2.0)
    summary_ascii = TEXT(analyzer=folded(), field_boost=1.6)
    body = TEXT(analyzer=accented(), phrase=False, stored=True)
    body_ascii = TEXT(analyzer=folded(), phrase=False, field_boost=0.8)
    # names citizens search by: issuer, signer and position, author, source, topics, tags, type, section
    meta = TEXT(analyzer=accented(), phrase=False, field_boost=6.0)
    meta_ascii = TEXT(analyzer=folded(), phrase=False, field_boost=5.0)
    # the folded words of the number, title and summary two by two ("title_ascii:quy dinh", one per
    # line; analysis.word_pairs): words typed side by side are found as a set, without walking positions
    pairs = KEYWORD(analyzer=values())


ASCII_FIELDS = ("label_ascii", "title_ascii", "summary_ascii", "meta_ascii", "body_ascii")
ACCENTED_FIELDS = ("label", "title", "summary", "meta", "body")
PHRASE_FIELDS = ("label_ascii", "title_ascii", "summary_ascii")
FACETS = {
    "kind": "kind",
    "type": "doc_type",
    "issuer": "issuer",
    "topic": "topic",
    "year": "year",
    "validity": "validity",
}
# what the index holds and how it is analysed: a new version makes the next build index everything anew
VERSION = 6

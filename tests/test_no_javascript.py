"""With JavaScript off, on a phone (360 px), in Chromium (issue 17): the documents table fits the screen,
the menu opens from its button, and the filter form, filled in and sent, lists the documents asked for."""

import json
import urllib.parse
import urllib.request

from conftest import ROOT
from quality import browser_facts

SCRIPT = ROOT / "tests" / "gates" / "no_javascript.mjs"


def test_the_documents_table_menu_and_filter_work_without_javascript_at_360_px(portal):
    facts = browser_facts(SCRIPT, portal, "Chỉ thị")
    assert facts["printButtonHidden"]  # the page's own script did not run
    assert facts["pageWidth"] == 360  # nothing wider than the phone: no sideways scrolling
    assert facts["rows"] >= 10 and facts["firstRow"]["x"] >= 0 and sum(facts["firstRow"].values()) <= 360
    assert (facts["menuVisibleBefore"], facts["menuVisibleAfter"]) == (False, True)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(facts["url"]).query)
    assert query["type"] == ["Chỉ thị"] and query["kind"] == ["van-ban"]
    assert facts["chosen"] == "Chỉ thị"  # the answer keeps the reader's choice
    api = portal + "/api/search?" + urllib.parse.urlencode({"kind": "van-ban", "type": "Chỉ thị", "q": ""})
    with urllib.request.urlopen(api, timeout=10) as response:
        expected = json.loads(response.read())
    assert expected["total"] == len(facts["hits"]) >= 3
    numbers = sorted(hit.split()[0] for hit in facts["hits"])
    assert numbers == sorted(r["number"] for r in expected["results"]) and all("/CT-" in n for n in numbers)

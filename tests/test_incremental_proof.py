"""Proof, not hope: after any sequence of edits, a rebuild publishes what a cold build publishes.

A seeded generator makes a small portal (documents that cite and replace each other, news in
sections, pages, a collection) and applies random edits: any field of any kind of item, additions,
deletions, renames, `status` changes, relations, a date crossing "today", the collection, a
template and a setting. After each edit the live site is rebuilt (render cache, fingerprints, pages
linked from the live output, the live index) and the same content is built cold into an empty
folder with an empty cache; the two must hold the same files with the same bytes (the pages'
fingerprints included) and the search service must answer the same.

CI runs one sequence with a fixed seed; by hand, more: `pytest tests/test_incremental_proof.py
--runs 20` (each run a new seed, printed on failure; `--seed N` replays one).
"""

import random
import shutil
from pathlib import Path

from conftest import ROOT, Site, release_digest
from search_server import answers as search_answers

TODAY = "2024-06-01"
SECTIONS = ["dia-phuong", "chi-dao-dieu-hanh", "cong-nghe"]
TYPES = [("Quyết định", "QĐ-UBND"), ("Kế hoạch", "KH-UBND"), ("Chỉ thị", "CT-UBND"), ("Thông báo", "TB-STTTT")]
WORDS = [
    "chuyển",
    "đổi",
    "số",
    "văn",
    "bản",
    "điện",
    "tử",
    "hội",
    "nghị",
    "triển",
    "khai",
    "kế",
    "hoạch",
    "năm",
    "học",
    "mới",
    "cải",
    "cách",
    "hành",
    "chính",
]
QUERIES = [{"q": "chuyen doi so"}, {"q": "van ban"}, {"q": "ke hoach", "sort": "date"}, {"type": "Quyết định"}]


def _listings() -> dict:
    from pelican.settings import read_settings

    return dict(read_settings(str(ROOT / "pelicanconf.py"))["PORTAL_LISTINGS"])


class Portal:
    """The content as data (so edits are easy to make at random), written out as files."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.documents: dict[str, dict] = {}
        self.news: dict[str, dict] = {}
        self.serial = 0
        for _ in range(12):
            self.add_document()
        for _ in range(10):
            self.add_news()
        self.questions: dict[str, dict] = {}
        for _ in range(3):
            self.add_question()
        self.collection = {"tags": ["chuyển đổi số"], "sort": "newest"}
        self.page_text = "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi."
        self.template_note = ""
        # small pages: every listing has pages numbered from the oldest behind its front page, which
        # additions, deletions and dates moving must leave as a cold build makes them
        self.settings = {"PORTAL_LISTINGS": {**_listings(), "per_page": 3, "documents_per_page": 4}}

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def add_document(self) -> str:
        self.serial += 1
        doc_type, suffix = self.rng.choice(TYPES)
        year = self.rng.choice([2022, 2023, 2024])
        path = f"van-ban/vb-{self.serial:03d}.md"
        self.documents[path] = {
            "number": f"{self.rng.randint(1, 40)}/{suffix}",
            "doc_type": doc_type,
            "issued": f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
            "title": f"Về việc {self.words(5)}",
            "status": "published",
            "topics": self.rng.sample(["Chuyển đổi số", "Giáo dục", "Hành chính"], 1),
            "replaces": None,
            "body": f"Nội dung {self.words(12)}.",
            "attachment": None,  # bytes of files/<name>.pdf, named under `attachments`
        }
        if self.identity_clash(path):
            del self.documents[path]
            return self.add_document()
        return path

    def identity_clash(self, path: str) -> bool:
        mine = self.documents[path]
        return any(
            (d["number"], d["issued"]) == (mine["number"], mine["issued"]) or d["number"] == mine["number"]
            for p, d in self.documents.items()
            if p != path
        )

    def add_news(self) -> str:
        self.serial += 1
        path = f"tin-tuc/{self.rng.choice(SECTIONS)}/tin-{self.serial:03d}.md"
        self.news[path] = {
            "title": f"Tin {self.words(4)} {self.serial}",
            "date": f"2024-0{self.rng.randint(1, 5)}-{self.rng.randint(10, 28)} 0{self.rng.randint(7, 9)}:30",
            "status": "published",
            "tags": self.rng.sample(["chuyển đổi số", "giáo dục", "hành chính"], self.rng.randint(0, 2)),
            "expires": None,
            "body": f"Bài viết {self.words(15)}.",
        }
        return path

    def add_question(self) -> str:
        self.serial += 1
        path = f"hoi-dap/hd-{self.serial:03d}.md"
        self.questions[path] = {
            "title": f"Hỏi {self.words(4)} {self.serial}?",
            "question": f"Xin hỏi {self.words(8)}.",
            "answered": f"2024-0{self.rng.randint(6, 9)}-{self.rng.randint(10, 28)}",
            "answered_by": self.rng.choice(["Phòng Hành chính", "Phòng Công nghệ thông tin"]),
            "status": "published",
            "body": f"Trả lời {self.words(10)}.",
        }
        return path

    def edit_question(self) -> str:
        path = self.rng.choice(sorted(self.questions))
        q = self.questions[path]
        field = self.rng.choice(["title", "question", "answered", "answered_by", "status", "body", "cite"])
        if field == "answered":
            q["answered"] = f"2024-{self.rng.randint(6, 12):02d}-{self.rng.randint(10, 28)}"
        elif field == "answered_by":
            q["answered_by"] = f"Phòng {self.words(2)}"
        elif field == "status":
            q["status"] = self.rng.choice(["published", "hidden", "draft"])
        elif field == "cite":
            target = self.rng.choice(list(self.documents.values()))
            day = target["issued"].split("-")
            q["body"] += f" Theo {target['doc_type']} số {target['number']} ngày {day[2]}/{day[1]}/{day[0]}."
        else:
            q[field] = f"{self.words(5)} {self.serial}" + ("?" if field == "title" else ".")
        return f"{path}: question's {field}"

    def write(self, content: Path) -> None:
        if content.exists():
            shutil.rmtree(content)
        for path, d in self.documents.items():
            lines = [
                "---",
                f"title: {d['title']}",
                f"number: {d['number']}",
                f"doc_type: {d['doc_type']}",
                "issuer: UBND tỉnh Quảng Ngãi",
                f"issued: {d['issued']}",
                f"status: {d['status']}",
                f"topics: [{', '.join(d['topics'])}]",
            ]
            if d["replaces"]:
                lines.append(f"replaces: ['{d['replaces']}']")
            if d["attachment"] is not None:
                name = f"files/{Path(path).stem}.pdf"
                (content / "files").mkdir(parents=True, exist_ok=True)
                (content / name).write_bytes(d["attachment"])
                lines.append(f"attachments: [{name}]")
            _write(content / path, "\n".join([*lines, "---", "", d["body"], ""]))
        for path, n in self.news.items():
            lines = ["---", f"title: {n['title']}", f"date: {n['date']}", f"status: {n['status']}"]
            if n["tags"]:
                lines.append(f"tags: [{', '.join(n['tags'])}]")
            if n["expires"]:
                lines.append(f"expires: {n['expires']}")
            _write(content / path, "\n".join([*lines, "---", "", n["body"], ""]))
        for path, q in self.questions.items():
            lines = [
                "---",
                f"title: {q['title']}",
                f"question: {q['question']}",
                "asked: 2024-06-01",
                f"answered: {q['answered']}",
                f"answered_by: {q['answered_by']}",
                f"status: {q['status']}",
            ]
            _write(content / path, "\n".join([*lines, "---", "", q["body"], ""]))
        _write(
            content / "pages/gioi-thieu.md",
            f"---\ntitle: Giới thiệu\nslug: gioi-thieu\ndate: 2024-01-01\n---\n\n{self.page_text}\n",
        )
        criteria = "\n".join(f"  {k}: [{', '.join(v)}]" for k, v in self.collection.items() if k != "sort")
        _write(
            content / "collections/chu-de.yml",
            f"title: Chủ đề theo dõi\ncriteria:\n{criteria}\nsort: {self.collection['sort']}\n",
        )

    # ---------------------------------------------------------------- the edits

    def edit(self) -> str:
        """One random edit; its description, for the failure message."""
        choices = [
            self.edit_document_field,
            self.edit_news_field,
            self.add_one,
            self.delete_one,
            self.rename_one,
            self.change_status,
            self.change_relation,
            self.cross_today,
            self.edit_collection,
            self.edit_page,
            self.edit_template,
            self.edit_setting,
            self.cite,
            self.edit_attachment,
            self.edit_question,
        ]
        return self.rng.choice(choices)()

    def edit_document_field(self) -> str:
        path = self.rng.choice(sorted(self.documents))
        d = self.documents[path]
        field = self.rng.choice(["title", "body", "issued", "doc_type", "topics"])
        if field == "title":
            d["title"] = f"Về việc {self.words(6)}"
        elif field == "body":
            d["body"] += f" {self.words(5)}."
        elif field == "issued":
            old = d["issued"]
            d["issued"] = f"{self.rng.choice([2021, 2023])}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
            if self.identity_clash(path):
                d["issued"] = old
        elif field == "doc_type":
            d["doc_type"] = self.rng.choice(TYPES)[0]
        else:
            d["topics"] = self.rng.sample(["Chuyển đổi số", "Giáo dục", "Hành chính", "Y tế"], 2)
        return f"document {path}: {field}"

    def edit_news_field(self) -> str:
        path = self.rng.choice(sorted(self.news))
        n = self.news[path]
        field = self.rng.choice(["title", "body", "date", "tags"])
        if field == "title":
            n["title"] = f"Tin {self.words(5)}"
        elif field == "body":
            n["body"] = f"Bài viết {self.words(20)}."
        elif field == "date":
            n["date"] = f"2024-0{self.rng.randint(1, 5)}-{self.rng.randint(10, 28)} 10:15"
        else:
            n["tags"] = self.rng.sample(["chuyển đổi số", "giáo dục", "hành chính"], self.rng.randint(0, 3))
        return f"news {path}: {field}"

    def add_one(self) -> str:
        return f"added {self.add_document() if self.rng.random() < 0.5 else self.add_news()}"

    def delete_one(self) -> str:
        pool = self.documents if self.rng.random() < 0.5 and len(self.documents) > 3 else self.news
        path = self.rng.choice(sorted(pool))
        del pool[path]
        for d in self.documents.values():  # a relation to a deleted document would be a warning only
            if d["replaces"] and not any(o["number"] == d["replaces"] for o in self.documents.values()):
                d["replaces"] = None
        return f"deleted {path}"

    def rename_one(self) -> str:
        path = self.rng.choice(sorted(self.news))
        section = self.rng.choice(SECTIONS)
        self.serial += 1
        new = f"tin-tuc/{section}/doi-ten-{self.serial:03d}.md"
        self.news[new] = self.news.pop(path)
        return f"renamed {path} -> {new}"

    def change_status(self) -> str:
        pool = self.rng.choice([self.documents, self.news])
        path = self.rng.choice(sorted(pool))
        pool[path]["status"] = self.rng.choice(["published", "hidden", "draft"])
        return f"{path}: status {pool[path]['status']}"

    def change_relation(self) -> str:
        path = self.rng.choice(sorted(self.documents))
        others = [d["number"] for p, d in self.documents.items() if p != path]
        d = self.documents[path]
        d["replaces"] = None if d["replaces"] or not others else self.rng.choice(others)
        if d["replaces"]:  # no loops: the replaced one replaces nothing that leads back
            for other in self.documents.values():
                if other["number"] == d["replaces"]:
                    other["replaces"] = None
        return f"{path}: replaces {d['replaces']}"

    def cross_today(self) -> str:
        path = self.rng.choice(sorted(self.news))
        n = self.news[path]
        if self.rng.random() < 0.5:
            n["date"] = "2024-06-02 08:00" if n["date"] < "2024-06-02" else "2024-05-30 08:00"  # scheduled, or live
        else:
            n["expires"] = None if n["expires"] else "2024-05-31"  # expired yesterday, or back
        return f"{path}: date {n['date']}, expires {n['expires']}"

    def edit_collection(self) -> str:
        if self.rng.random() < 0.5:
            self.collection["sort"] = "oldest" if self.collection["sort"] == "newest" else "newest"
        else:
            self.collection["tags"] = self.rng.sample(["chuyển đổi số", "giáo dục", "hành chính"], 2)
        return f"collection {self.collection}"

    def edit_page(self) -> str:
        self.page_text += f" {self.words(3)}."
        return "page gioi-thieu"

    def edit_template(self) -> str:
        self.template_note = "" if self.template_note else f"Ghi chú {self.serial}"
        return f"template footer note {self.template_note!r}"

    def edit_setting(self) -> str:
        """The home page's news, or the size of a listing's pages (every page of the archive moves)."""
        listings = self.settings["PORTAL_LISTINGS"]
        if self.rng.random() < 0.5:
            listings["home_news"] = 3 if listings["home_news"] != 3 else _listings()["home_news"]
        else:
            listings["per_page"], listings["documents_per_page"] = self.rng.sample([2, 3, 4, 5], 2)
        return f"setting {self.settings}"

    def edit_attachment(self) -> str:
        """A document gains its PDF, or the PDF's bytes (and size) change, or it loses it."""
        path = self.rng.choice(sorted(self.documents))
        d = self.documents[path]
        if d["attachment"] is None or self.rng.random() < 0.6:
            d["attachment"] = b"%PDF-1.4\n" + bytes(self.rng.randrange(256) for _ in range(self.rng.randint(10, 3000)))
            return f"{path}: attachment of {len(d['attachment'])} bytes"
        d["attachment"] = None
        return f"{path}: attachment removed"

    def cite(self) -> str:
        path = self.rng.choice(sorted(self.news))
        target = self.rng.choice(list(self.documents.values()))
        day = target["issued"].split("-")
        self.news[path]["body"] += (
            f" Thực hiện {target['doc_type']} số {target['number']} ngày {day[2]}/{day[1]}/{day[0]}."
        )
        return f"{path} cites {target['number']}"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def theme_with(note: str, folder: Path) -> Path:
    """A copy of the theme whose footer carries `note` (an edit of a template)."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(ROOT / "theme", folder)
    base = folder / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</footer>", f"<p>{note}</p></footer>" if note else "</footer>"),
        encoding="utf-8",
    )
    return folder


def build(site: Site, portal: Portal, cache: Path, theme: Path):
    portal.write(site.content)
    result = site.build(TODAY, PORTAL_CACHE_PATH=str(cache), THEME=str(theme), **portal.settings)
    assert result.ok, site.messages()
    return result


def published(site: Site) -> dict[str, str]:
    return release_digest(site.output)


def answers(site: Site) -> list[dict]:
    return search_answers(site.output, QUERIES)


def _difference(a: dict, b: dict) -> dict:
    """What differs between two answers of the search API, briefly."""
    keys = [k for k in a if a[k] != b.get(k) and k != "results"]
    rows = [(x["url"], y["url"]) for x, y in zip(a["results"], b["results"], strict=False) if x != y]
    return {"fields": {k: (a[k], b.get(k)) for k in keys}, "results (rebuilt, cold)": rows[:5]}


def seeds(config) -> list[int]:
    if config.getoption("--seed") is not None:
        return [config.getoption("--seed")]
    runs = config.getoption("--runs")
    return [20261130] if runs <= 1 else [random.randrange(1 << 30) for _ in range(runs)]


def pytest_generate_tests(metafunc):
    if "seed" in metafunc.fixturenames:
        metafunc.parametrize("seed", seeds(metafunc.config))


def test_any_sequence_of_edits_rebuilds_to_the_cold_build(tmp_path, seed):
    rng = random.Random(seed)
    portal = Portal(rng)
    live = Site(tmp_path / "live")
    theme = theme_with("", tmp_path / "theme")
    build(live, portal, tmp_path / "cache-live", theme)
    reused_some = False
    for step in range(12):
        what = portal.edit()
        theme = theme_with(portal.template_note, tmp_path / "theme")
        result = build(live, portal, tmp_path / "cache-live", theme)
        reused_some |= result.pages_reused > 0
        cold = Site(tmp_path / f"cold-{step}")
        cold_result = build(cold, portal, tmp_path / f"cache-cold-{step}", theme)
        assert cold_result.pages_reused == 0
        context = f"seed {seed}, step {step}: {what}"
        mine, theirs = published(live), published(cold)
        assert mine.keys() == theirs.keys(), (context, sorted(mine.keys() ^ theirs.keys()))
        differing = sorted(p for p in mine if mine[p] != theirs[p])
        assert not differing, (context, differing)
        assert any("/luu-tru/" in path for path in mine)  # listings' pages numbered from the oldest, compared too
        mine_answers, cold_answers = answers(live), answers(cold)
        for query, a, b in zip(QUERIES, mine_answers, cold_answers, strict=True):
            assert a == b, (context, query, _difference(a, b))
        shutil.rmtree(cold.root)
    assert reused_some  # the rebuilds did reuse pages: the comparison is not cold against cold


def test_with_review_any_sequence_of_writes_waits_and_approvals_rebuilds_to_a_fresh_clones_cold_build(
    tmp_path, seed, keys
):
    """Issue 25, item 7: the same proof with review on. Each step a writer edits, commits or not, and a
    reviewer approves or not; the live site (rebuilt, with the approved content written by git, the history
    read) must hold what a cold build of a fresh clone holds, byte for byte, and search must answer the same.
    Work a reviewer has not approved is in neither."""
    import subprocess

    from office import Office

    rng = random.Random(seed)
    portal = Portal(rng)
    live = Site(tmp_path / "live")
    office = Office(live, keys)
    office.reviewers(office.line("duyet@stttt.gov.vn", office.reviewer))
    portal.write(live.content)
    office.commit("Kho nội dung")
    office.commit("Duyệt", key=office.reviewer)
    theme = theme_with("", tmp_path / "theme")
    settings = {"PORTAL_CACHE_PATH": str(tmp_path / "cache-live"), "THEME": str(theme)}
    assert live.build(TODAY, **settings).ok, live.messages()
    waited = approved = 0
    for step in range(8):
        what = portal.edit()
        theme = theme_with(portal.template_note, tmp_path / "theme")
        portal.write(live.content)
        if rng.random() < 0.75:
            office.commit(what)
        if step == 3 or (step != 4 and rng.random() < 0.5):  # at least one approval, and one step that waits
            office.commit("Duyệt", key=office.reviewer)
            approved += 1
        else:
            waited += 1
        result = live.build(TODAY, PORTAL_CACHE_PATH=str(tmp_path / "cache-live"), THEME=str(theme), **portal.settings)
        assert result.ok, live.messages()
        subprocess.run(["git", "clone", "-q", f"file://{office.root}", str(tmp_path / f"clone-{step}")], check=True)
        clone = Site(tmp_path / f"clone-{step}")  # its content/ is the clone's
        cold = clone.build(
            TODAY, PORTAL_CACHE_PATH=str(tmp_path / f"cache-{step}"), THEME=str(theme), **portal.settings
        )
        assert cold.ok and cold.pages_reused == 0, clone.messages()
        assert cold.review.approved.commit == result.review.approved.commit
        context = f"seed {seed}, step {step}: {what}"
        mine, theirs = published(live), published(clone)
        assert mine.keys() == theirs.keys(), (context, sorted(mine.keys() ^ theirs.keys()))
        differing = sorted(p for p in mine if mine[p] != theirs[p])
        assert not differing, (context, differing)
        for query, a, b in zip(QUERIES, answers(live), answers(clone), strict=True):
            assert a == b, (context, query, _difference(a, b))
        shutil.rmtree(clone.root)
    assert waited and approved  # the sequence had both: steps that waited and approvals

"""Readers, format by format, on small news-like fixtures of our own (tests/fixtures/read/)."""

from __future__ import annotations

import gzip
import io
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

import brinkwatch.read
from brinkwatch.errors import InputError
from brinkwatch.read import FORMATS, Deduplicator, detect_format, parse_format, read_inputs
from brinkwatch.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def split(items: Iterable[Article | InputError]) -> tuple[list[Article], list[str]]:
    articles, errors = [], []
    for item in items:
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            articles.append(item)
    return articles, errors


def fixture(tmp_path: Path, name: str) -> str:
    """A copy of fixture ``name`` in ``tmp_path``; returns its path as a string."""
    target = tmp_path / name
    shutil.copyfile(FIXTURES / name, target)
    return str(target)


def test_public_surface_is_pinned() -> None:
    assert brinkwatch.read.__all__ == [
        "FORMATS",
        "Deduplicator",
        "detect_format",
        "parse_format",
        "read_inputs",
    ]
    assert FORMATS == ("csv", "feed", "html", "json", "jsonl", "text", "tsv")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("a.TEXT", "text"),
        ("page.htm", "html"),
        ("page.html.gz", "html"),
        ("corpus.jsonl", "jsonl"),
        ("corpus.ndjson.gz", "jsonl"),
        ("records.json", "json"),
        ("table.csv", "csv"),
        ("table.tsv", "tsv"),
        ("news.rss", "feed"),
        ("news.atom", "feed"),
        ("-", "stdin"),
        ("https://example.org/story", "url"),
        ("HTTP://example.org/feed.rss", "url"),
    ],
)
def test_detect_format_by_name(name: str, expected: str) -> None:
    assert detect_format(name) == expected


def test_detect_format_sniffs_xml_and_unknown_names(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes((FIXTURES / "wire.rss").read_bytes())
    (tmp_path / "page.xml").write_text("<?xml version='1.0'?><html><body>Hi</body></html>")
    (tmp_path / "story").write_text("Plain words about a meeting.")
    (tmp_path / "lines").write_text('{"text": "a"}\n{"text": "b"}\n')
    (tmp_path / "zipped.gz").write_bytes(gzip.compress((FIXTURES / "ministry.atom").read_bytes()))
    assert detect_format(tmp_path / "feed.xml") == "feed"
    assert detect_format(tmp_path / "page.xml") == "html"
    assert detect_format(tmp_path / "story") == "text"
    assert detect_format(tmp_path / "lines") == "jsonl"
    assert detect_format(tmp_path / "zipped.gz") == "feed"
    assert detect_format(tmp_path) == "folder"


def test_parse_format_accepts_aliases_and_refuses_unknown() -> None:
    assert parse_format("RSS") == "feed"
    assert parse_format("ndjson") == "jsonl"
    with pytest.raises(ValueError, match="unknown input format 'docx'"):
        parse_format("docx")
    with pytest.raises(ValueError, match="unknown input format"):
        read_inputs(["x"], input_format="docx")


def test_plain_text_is_one_article_with_the_path_as_id(tmp_path: Path) -> None:
    path = fixture(tmp_path, "border-talks.txt")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.doc_id == path
    assert article.origin == path
    assert article.text == (FIXTURES / "border-talks.txt").read_text(encoding="utf-8")
    assert (article.published, article.outlet, article.title, article.url) == (None,) * 4


def test_text_newlines_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfTroops left the city.\r\nThe mayor thanked them.\r\n")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text == "Troops left the city.\nThe mayor thanked them.\n"


def test_options_fill_only_what_the_input_lacks(tmp_path: Path) -> None:
    text = fixture(tmp_path, "border-talks.txt")
    html = fixture(tmp_path, "port-strike.html")
    articles, errors = split(
        read_inputs([text, html], published="March 3, 2023", outlet="Backup Desk")
    )
    assert errors == []
    assert [(a.published, a.outlet) for a in articles] == [
        ("2023-03-03", "Backup Desk"),
        ("2023-09-14", "The Harbour Courier"),
    ]
    with pytest.raises(ValueError, match="is not a date"):
        read_inputs([text], published="someday")


def test_html_loses_boilerplate_and_keeps_metadata(tmp_path: Path) -> None:
    path = fixture(tmp_path, "port-strike.html")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.doc_id == path
    assert article.title == "Dock workers walk out as port talks collapse"
    assert article.published == "2023-09-14"
    assert article.url == "https://courier.example/business/port-strike"
    assert article.outlet == "The Harbour Courier"
    assert "Thousands of dock workers walked off the job" in article.text
    assert "appoint an independent mediator" in article.text
    for boilerplate in ("Subscribe", "Ten recipes", "All rights reserved", "dataLayer", "serif"):
        assert boilerplate not in article.text


def test_html_fragment_falls_back_to_tag_stripping(tmp_path: Path) -> None:
    path = tmp_path / "fragment.html"
    path.write_text("<p>The army said it had moved <b>troops</b> closer to the frontier.</p>")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text == "The army said it had moved troops closer to the frontier."


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    path = fixture(tmp_path, "wire.rss")
    articles, errors = split(read_inputs([path]))
    assert errors == []
    assert [a.doc_id for a in articles] == [
        "wire-2024-0311-001",
        "wire-2024-0312-002",
        "https://wire.example/world/aid-convoy",  # no guid: the link
    ]
    first, second, third = articles
    assert first.text == (
        "Navy shadows cargo ship near disputed waters\n\n"
        "A navy frigate followed a foreign cargo ship for several hours on Monday as it "
        "crossed waters claimed by both countries, the defence ministry said."
    )
    assert first.published == "2024-03-11"  # the publisher's day, not UTC's 2024-03-12
    assert second.published == "2024-03-12"  # "9:55 AM ET, Tue March 12, 2024"
    assert "update voter rolls" in second.text  # content:encoded beats the cut summary
    assert "<p>" not in second.text
    assert {a.outlet for a in articles} == {"Coastal Wire Service"}
    assert third.url == "https://wire.example/world/aid-convoy"
    assert third.origin == f"{path}#3"


def test_atom_entries_use_published_then_updated(tmp_path: Path) -> None:
    path = fixture(tmp_path, "ministry.atom")
    articles, errors = split(read_inputs([path], outlet="Ignored When The Feed Has One"))
    assert errors == []
    assert [(a.published, a.outlet, a.title) for a in articles] == [
        ("2022-06-01", "Ministry Press Office", "Minister meets visiting delegation"),
        ("2022-06-02", "Ministry Press Office", "Statement on the fishing agreement"),
    ]
    assert articles[1].text.endswith("for another five years.")


def test_jsonl_lines_stream_with_bad_lines_reported(tmp_path: Path) -> None:
    path = fixture(tmp_path, "corpus.jsonl")
    articles, errors = split(read_inputs([path], outlet="Wire"))
    assert errors == [
        f"E104 {path}:3: malformed record (not JSON: Expecting value at column 1)",
        f"E104 {path}:4: malformed record (no 'text')",
    ]
    assert [a.doc_id for a in articles] == ["c-1", "c-2", f"{path}:6"]
    assert [a.published for a in articles] == ["2021-05-06", "2021-05-07", None]
    assert [a.outlet for a in articles] == ["Money Desk", "Wire", "Wire"]
    assert articles[0].title == "Central bank raises rates"
    assert articles[1].url == "https://news.example/quake"
    assert articles[2].origin == f"{path}:6"


def test_json_array_and_json_lines_under_a_json_name(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text('[{"id": "a", "text": "Ships left port."}, {"id": "b", "text": "Rain."}]')
    lines = tmp_path / "lines.json"
    lines.write_text('{"id": "c", "text": "Talks began."}\n{"id": "d", "text": "Talks ended."}\n')
    articles, errors = split(read_inputs([array, lines]))
    assert errors == []
    assert [a.doc_id for a in articles] == ["a", "b", "c", "d"]


def test_csv_rows_with_quotes_multiline_and_bad_rows(tmp_path: Path) -> None:
    path = fixture(tmp_path, "corpus.csv")
    articles, errors = split(read_inputs([path], outlet="Wire"))
    assert errors == [f"E104 {path}:4: malformed record (no 'text')"]
    assert [a.doc_id for a in articles] == ["r-1", "r-2", f"{path}:5"]
    assert articles[1].text == (
        'The city council voted to build a new hospital, "a long overdue decision", '
        "the mayor said.\nThe vote was 9 to 2."
    )
    assert [a.published for a in articles] == ["2020-02-11", "2020-02-12", "2020-02-14"]
    assert [a.outlet for a in articles] == ["Valley Times", "Wire", "Wire"]


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "nocol.csv"
    path.write_text("id,title\n1,Hello\n")
    good = fixture(tmp_path, "border-talks.txt")
    articles, errors = split(read_inputs([path, good]))
    assert errors == [
        f"E105 {path}: cannot be read (no 'text' column in the header ['id', 'title'])"
    ]
    assert [a.doc_id for a in articles] == [good]


def test_tsv(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("id\ttext\nx1\tThe talks, which began in May, ended.\n")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert (article.doc_id, article.text) == ("x1", "The talks, which began in May, ended.")


def test_gzip_files_of_each_kind(tmp_path: Path) -> None:
    for name in ("border-talks.txt", "port-strike.html", "wire.rss", "corpus.jsonl"):
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
    sources = [tmp_path / f"{n}.gz" for n in ("border-talks.txt", "port-strike.html")]
    sources += [tmp_path / "wire.rss.gz", tmp_path / "corpus.jsonl.gz"]
    articles, errors = split(read_inputs(sources))
    assert [a.doc_id for a in articles] == [
        str(sources[0]),
        str(sources[1]),
        "wire-2024-0311-001",
        "wire-2024-0312-002",
        "https://wire.example/world/aid-convoy",
        "c-1",
        "c-2",
        f"{sources[3]}:6",
    ]
    assert len(errors) == 2  # the two bad lines of the corpus
    assert articles[0].text.startswith("Border talks stall")
    assert articles[1].title == "Dock workers walk out as port talks collapse"


def test_gzip_content_without_gz_name_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "disguised.txt"
    path.write_bytes(gzip.compress(b"Negotiators agreed on a prisoner exchange."))
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text == "Negotiators agreed on a prisoner exchange."


def test_folders_recurse_sorted_mixed_and_skip_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b-sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copyfile(FIXTURES / "border-talks.txt", root / "a-talks.txt")
    shutil.copyfile(FIXTURES / "port-strike.html", root / "b-sub" / "port.html")
    (root / "b-sub" / "deeper" / "feed.rss.gz").write_bytes(
        gzip.compress((FIXTURES / "ministry.atom").read_bytes())
    )
    (root / "c.jsonl").write_text('{"id": "j1", "text": "Border guards exchanged fire."}\n')
    (root / "d-notes").write_text("Extensionless notes about the ceasefire talks.")
    (root / "e-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not a format: skipped
    (root / ".hidden.txt").write_text("Hidden draft about the summit.")
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main")

    articles, errors = split(read_inputs([str(root)]))
    assert errors == []
    assert [a.doc_id for a in articles] == [
        f"{root}/a-talks.txt",
        "urn:example:ministry-press:2022-06-01-a",  # b-sub/deeper/ sorts before b-sub/port
        "urn:example:ministry-press:2022-06-02-b",
        f"{root}/b-sub/port.html",
        "j1",
        f"{root}/d-notes",
    ]


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert [str(e) for e in read_inputs([tmp_path / "empty"])] == [
        f"E102 {tmp_path / 'empty'}: empty document (no files to read in the folder)"
    ]


def test_stdin_is_plain_text_unless_told(tmp_path: Path) -> None:
    story = b"The ceasefire held overnight, residents said."
    [article] = read_inputs(["-"], stdin=io.BytesIO(story), outlet="Pipe")
    assert isinstance(article, Article)
    assert (article.doc_id, article.text, article.outlet) == ("-", story.decode(), "Pipe")

    lines = b'{"id": "s1", "text": "Talks resumed."}\nnot json\n'
    articles, errors = split(read_inputs(["-"], stdin=io.BytesIO(lines), input_format="jsonl"))
    assert [a.doc_id for a in articles] == ["s1"]
    assert errors == ["E104 <stdin>:2: malformed record (not JSON: Expecting value at column 1)"]


def test_jsonl_is_streamed_not_loaded(tmp_path: Path) -> None:
    class EndlessCorpus(io.RawIOBase):
        """An unending JSON Lines stream that counts what it has handed out."""

        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            line = b'{"text": "Another day of talks between the parties."}\n'
            chunk = (line * (len(buffer) // len(line) + 1))[: len(buffer)]
            buffer[: len(chunk)] = chunk
            self.served += len(chunk)
            return len(chunk)

    endless = EndlessCorpus()
    stream = io.BufferedReader(endless)
    items = read_inputs(["-"], stdin=stream, input_format="jsonl", dedup=Deduplicator(False))
    first = [next(items) for _ in range(3)]
    assert all(isinstance(item, Article) for item in first)
    assert endless.served < 64 * 1024


def test_duplicates_dropped_by_text_and_by_url(tmp_path: Path) -> None:
    one = fixture(tmp_path, "border-talks.txt")
    copy = tmp_path / "copy.txt"  # same article, Windows line endings
    copy.write_bytes((FIXTURES / "border-talks.txt").read_bytes().replace(b"\n", b"\r\n"))
    lines = tmp_path / "urls.jsonl"
    lines.write_text(
        '{"id": "u1", "text": "First version of the story.", "url": "https://n.example/s"}\n'
        '{"id": "u2", "text": "Updated story.", "url": "https://www.n.example/s/#top"}\n'
        '{"id": "u3", "text": "Other story.", "url": "https://n.example/s?id=2"}\n'
    )
    dedup = Deduplicator()
    articles, _ = split(read_inputs([one, copy, lines], dedup=dedup))
    assert [a.doc_id for a in articles] == [one, "u1", "u3"]
    assert dedup.dropped == 2

    # the same Deduplicator across calls; a fresh one per call otherwise
    assert list(read_inputs([one], dedup=dedup)) == []
    assert len(list(read_inputs([one]))) == 1
    everything = Deduplicator(by_content=False, by_url=False)
    assert len(list(read_inputs([one, copy], dedup=everything))) == 2


def test_record_field_aliases(tmp_path: Path) -> None:
    path = tmp_path / "api.jsonl"
    path.write_text(
        '{"doc_id": "n1", "content": "Officials said the border would reopen on Monday.",'
        ' "date": "2022-08-01T10:00:00Z", "source": {"id": "dw", "name": "Daily Wire Desk"},'
        ' "headline": "Border to reopen", "link": "https://n.example/border"}\n'
    )
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.model_dump() == {
        "doc_id": "n1",
        "text": "Officials said the border would reopen on Monday.",
        "published": "2022-08-01",
        "outlet": "Daily Wire Desk",
        "title": "Border to reopen",
        "url": "https://n.example/border",
        "origin": f"{path}:1",
    }

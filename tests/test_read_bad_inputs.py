"""Bad inputs: each gives one InputError whose one-line message names it, and the good
inputs of the same call still come through."""

from __future__ import annotations

import gzip
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from brinkwatch.errors import InputError
from brinkwatch.read import read_inputs
from brinkwatch.read.language import not_english_reason
from brinkwatch.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture
def good(tmp_path: Path) -> str:
    target = tmp_path / "good.txt"
    shutil.copyfile(FIXTURES / "border-talks.txt", target)
    return str(target)


@pytest.fixture(autouse=True)
def default_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRINKWATCH_MAX_BYTES", raising=False)


def run(sources: Iterable[str | Path], **options: object) -> tuple[list[str], list[str]]:
    """(doc_ids of the Articles, messages of the errors) of one read."""
    ids, messages = [], []
    for item in read_inputs(sources, **options):  # type: ignore[arg-type]
        if isinstance(item, InputError):
            message = str(item)
            assert "\n" not in message
            messages.append(message)
        else:
            assert isinstance(item, Article)
            ids.append(item.doc_id)
    return ids, messages


def test_binary_file(tmp_path: Path, good: str) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"Some words\x00\x01\x02 and then bytes" * 50)
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 65]) * 100)
    ids, messages = run([blob, good, image, controls])
    assert ids == [good]
    assert messages == [
        f"E101 {blob}: binary file, not text (contains NUL bytes)",
        f"E101 {image}: binary file, not text (looks like JPEG)",
        f"E101 {controls}: binary file, not text (88% control characters)",
    ]


def test_binary_corpus_file(tmp_path: Path, good: str) -> None:
    corpus = tmp_path / "dump.jsonl"
    corpus.write_bytes(b'{"text": "x"}\x00\x00\x00' * 10)
    assert run([corpus, good]) == (
        [good],
        [f"E101 {corpus}: binary file, not text (contains NUL bytes)"],
    )


def test_empty_and_whitespace_only(tmp_path: Path, good: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.html"
    blank.write_bytes(b"  \n\t \r\n ")
    page = tmp_path / "page.html"
    page.write_text("<html><body><script>var x = 1;</script></body></html>")
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_text('{"id": "e1", "text": "   "}\n{"id": "e2", "text": "Guards fired shots."}\n')
    ids, messages = run([empty, blank, good, page, jsonl])
    assert ids == [good, "e2"]
    assert messages == [
        f"E102 {empty}: empty document",
        f"E102 {blank}: empty document",
        f"E102 {page}: empty document (no text in the page)",
        f"E102 {jsonl}:1: empty document",
    ]


def test_cp1252_text_is_decoded_sensibly(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(
        "The minister said \u201cwe will not retreat\u201d \u2014 and the caf\u00e9 owners\u2019"
        " union agreed.".encode("cp1252")
    )
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "The na\u00efve r\u00e9sum\u00e9 of the envoy was read out.".encode("latin-1")
    )
    [first, second] = read_inputs([legacy, latin])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == (
        "The minister said \u201cwe will not retreat\u201d \u2014 and the caf\u00e9 owners\u2019"
        " union agreed."
    )
    assert second.text == "The na\u00efve r\u00e9sum\u00e9 of the envoy was read out."


def test_undecodable_bytes(tmp_path: Path, good: str) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(128, 256)) * 4)
    assert run([good, noise]) == (
        [good],
        [f"E105 {noise}: cannot be read (not UTF-8 and no known encoding fits)"],
    )


def test_malformed_jsonl_lines_do_not_stop_the_file(tmp_path: Path, good: str) -> None:
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text(
        '{"id": "m1", "text": "Protesters marched to parliament."}\n'
        '{"id": "m2", "text": "unterminated\n'
        '["a", "list"]\n'
        '{"id": "m4", "text": 42}\n'
        '{"id": "m5", "text": "Police used tear gas."}\n'
    )
    ids, messages = run([corpus, good])
    assert ids == ["m1", "m5", good]
    assert messages == [
        f"E104 {corpus}:2: malformed record (not JSON: Invalid control character at column 35)",
        f"E104 {corpus}:3: malformed record (a list, not an object)",
        f"E104 {corpus}:4: malformed record ('text' is not a string)",
    ]


def test_twenty_megabyte_file_is_refused_quickly(tmp_path: Path, good: str) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        line = b"The convoy moved slowly along the coast road towards the port.\n"
        stream.write(line * (20 * 1024 * 1024 // len(line) + 1))
    started = time.monotonic()
    ids, messages = run([big, good])
    assert time.monotonic() - started < 2.0
    assert ids == [good]
    assert messages == [f"E103 {big}: too large (20.0 MB; the limit is 8.0 MB)"]


def test_size_limit_option_and_decompression_bomb(tmp_path: Path, good: str) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * 5_000_000))  # ~10 KB that inflates to 10 MB
    ids, messages = run([bomb, good], max_bytes=1_000_000)
    assert ids == [good]
    assert messages == [f"E103 {bomb}: too large (more than the limit of 976.6 KB)"]


def test_long_corpus_line_is_refused_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "long.jsonl"
    corpus.write_text(
        '{"id": "l1", "text": "Short line about talks."}\n'
        + '{"id": "l2", "text": "'
        + "word " * 1000
        + '"}\n'
        + '{"id": "l3", "text": "Another short line."}\n'
    )
    ids, messages = run([corpus], max_bytes=2000)
    assert ids == ["l1", "l3"]
    assert messages == [f"E103 {corpus}:2: too large (line longer than 2.0 KB)"]


def test_broken_feed(tmp_path: Path, good: str) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><title>Half a feed")
    truncated = tmp_path / "truncated.rss"
    truncated.write_text(
        "<rss><channel><title>Wire</title><item><title>Troops withdraw from border town"
        "</title><description>Soldiers left the town on Friday.</description></item><item><ti"
    )
    hollow = tmp_path / "hollow.atom"
    hollow.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>')
    ids, messages = run([broken, truncated, hollow, good])
    assert messages == [
        f"E105 {broken}: cannot be read (broken feed: no element found)",
        f"E102 {truncated}#2: empty document",  # the cut-off second entry
        f"E102 {hollow}: empty document (a feed with no entries)",
    ]
    assert ids == [f"{truncated}#1", good]  # the truncated feed still gives what it holds


def test_missing_file(tmp_path: Path, good: str) -> None:
    missing = tmp_path / "missing.txt"
    assert run([missing, good]) == ([good], [f"E105 {missing}: cannot be read (no such file)"])


def test_corrupt_gzip(tmp_path: Path, good: str) -> None:
    corrupt = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(b'{"text": "Rebels took the airport."}\n' * 2000)
    corrupt.write_bytes(whole[: len(whole) // 2])
    ids, messages = run([corrupt, good])
    assert ids[-1] == good
    assert messages[-1].startswith(f"E105 {corrupt}: cannot be read (corrupt or unreadable: ")


def test_non_english_text(tmp_path: Path, good: str) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "Les responsables de la capitale ont déclaré mardi que les négociations avec le "
        "gouvernement voisin étaient bloquées après un différend sur la frontière fluviale. "
        "Le ministre a dit que son pays n'accepterait aucun accord sur les îles."
    )
    russian = tmp_path / "ru.txt"
    russian.write_text("Министр иностранных дел заявил во вторник, что переговоры зашли в тупик.")
    headline = tmp_path / "headline.txt"
    headline.write_text("Iran warns Israel over strikes on Syria")
    ids, messages = run([french, russian, headline, good])
    assert ids == [str(headline), good]
    assert messages == [
        f"E105 {french}: cannot be read (not English: 0% English against 38% other function words)",
        f"E105 {russian}: cannot be read (not English: mostly non-Latin script)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Army moves tanks to border",
        "Talks collapse in Geneva. Rebels seize northern town. UN envoy urges restraint. "
        "Oil prices jump on strike fears. Ceasefire holds despite sporadic shelling.",
        "Iran, Iraq, Israel, Syria, Lebanon, Jordan, Egypt, Turkey, Saudi Arabia, Qatar, "
        "Kuwait, Bahrain, Oman, Yemen, Cyprus, Greece, Armenia, Azerbaijan, Georgia",
        "Prime Minister Abdel Fattah el-Sisi met Mohammed al-Sudani and Ursula von der Leyen "
        "in Cairo on Monday to discuss the crisis in the region.",
    ],
)
def test_english_headlines_lists_and_names_pass(text: str) -> None:
    assert not_english_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Beamte in der Hauptstadt sagten am Dienstag, die Gespräche mit der Nachbarregierung "
        "seien nach einem Streit über die Flussgrenze ins Stocken geraten.",
        "Funcionarios de la capital dijeron el martes que las conversaciones con el gobierno "
        "vecino se habían estancado tras una disputa sobre la frontera.",
        "Ambtenaren in de hoofdstad zeiden dinsdag dat de gesprekken met de buurregering "
        "waren vastgelopen na een geschil over de grens.",
    ],
)
def test_other_languages_are_refused(text: str) -> None:
    reason = not_english_reason(text)
    assert reason is not None and reason.startswith("not English")


def test_english_check_can_be_switched_off(tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text("Le ministre a dit que les négociations avec le gouvernement sont bloquées.")
    [article] = read_inputs([french], require_english=False)
    assert isinstance(article, Article)

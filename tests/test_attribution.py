"""Attributions: cue families, sources (count, named, code, pronouns), outlets, quotes."""

from __future__ import annotations

import pytest

from brinkwatch.extractors.attribution_cues import outlet_lexicon
from brinkwatch.extractors.attribution_quotes import QuoteIndex, quote_spans
from brinkwatch.records import Attribution, Document


def by_cue(doc: Document, cue: str) -> Attribution:
    found = [a for a in doc.attributions if a.cue.text.startswith(cue)]
    assert found, f"no attribution with cue {cue!r}: {[a.cue.text for a in doc.attributions]}"
    return found[0]


def content_text(doc_text: str, attribution: Attribution) -> str:
    start, end = attribution.content.span
    return doc_text[start:end]


# --- no model needed ---------------------------------------------------------------------


def test_quote_spans_pair_curly_and_straight_quotes() -> None:
    text = 'He said “no way” and then "maybe".'
    spans = quote_spans(text)
    assert [text[s:e] for s, e in spans] == ["“no way”", '"maybe"']
    index = QuoteIndex(spans)
    assert index.covering(text.index("way")) is not None
    assert index.covering(text.index("then")) is None


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“We will go on,\nnot a word here."
    assert quote_spans(text) == [(0, text.index("\n"))]


def test_outlet_names_match_aliases_and_articles() -> None:
    outlets = outlet_lexicon()
    assert outlets.canonical("the AP") == "Associated Press"
    assert outlets.canonical("The New York Times") == "The New York Times"
    assert outlets.canonical("New York Times") == "The New York Times"
    assert outlets.canonical("the committee") is None


# --- cue families --------------------------------------------------------------------------


@pytest.mark.models
def test_told_outlet_with_counted_anonymous_source(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Turkey has closed its airspace, three Turkish officials told Reuters on Monday."
    doc = extract(text)
    told = by_cue(doc, "told")
    assert told.source is not None
    assert told.source.text == "three Turkish officials"
    assert (told.source.count, told.source.named, told.source.code) == (3, False, "TUR")
    assert told.outlet == "Reuters"
    assert content_text(text, told) == "Turkey has closed its airspace"
    assert told.direct is False


@pytest.mark.models
def test_unlisted_outlet_is_known_by_its_last_word(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Chad will close the border, two Chadian officials told Sahel Wire on Monday."
    assert by_cue(extract(text), "told").outlet == "Sahel Wire"
    text = "Chad will close the border, two Chadian officials told Emmanuel Macron on Monday."
    assert by_cue(extract(text), "told").outlet is None


@pytest.mark.models
def test_single_official_counts_one_and_plural_counts_none(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        "The ministry is reviewing the deal, a Greek official said. "
        "Athens will wait, Greek officials said."
    )
    counts = [a.source.count for a in doc.attributions if a.source]
    assert counts == [1, None]


@pytest.mark.models
def test_parenthetical_officials_say(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Egypt will reopen the crossing, officials say, but only for aid convoys."
    doc = extract(text)
    say = by_cue(doc, "say")
    assert say.source is not None and say.source.text == "officials"
    assert "Egypt will reopen the crossing" in content_text(text, say)


@pytest.mark.models
def test_as_one_diplomat_noted(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Kenya, as one diplomat noted, has kept its troops in place."
    doc = extract(text)
    noted = by_cue(doc, "noted")
    assert noted.source is not None and noted.source.count == 1
    assert "kept its troops" in content_text(text, noted)


@pytest.mark.models
def test_according_to_a_report_names_the_outlet(extract) -> None:  # type: ignore[no-untyped-def]
    text = "According to a report in The Washington Post, Jordan recalled its ambassador."
    doc = extract(text)
    according = by_cue(doc, "According to")
    assert according.source is not None
    assert according.source.text == "a report in The Washington Post"
    assert according.outlet == "The Washington Post"
    assert content_text(text, according) == "Jordan recalled its ambassador"
    assert [a.cue.text for a in doc.attributions] == ["According to"]


@pytest.mark.models
def test_said_in_a_statement(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Germany's foreign minister said in a statement that Berlin would send more aid."
    doc = extract(text)
    said = by_cue(doc, "said")
    assert said.cue.text == "said in a statement"
    assert content_text(text, said) == "that Berlin would send more aid"
    assert said.source is not None and said.source.code == "DEU"


@pytest.mark.models
def test_reports_indicated_is_an_anonymous_source(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract("Reports last month indicated that Chile had closed the mine.")
    indicated = by_cue(doc, "indicated")
    assert indicated.source is not None
    assert indicated.source.text == "Reports"
    assert (indicated.source.named, indicated.source.count) == (False, None)


@pytest.mark.models
def test_direct_quote_with_resolved_pronoun(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        "On Friday, Germany's Chancellor Olaf Scholz said Berlin would send more aid. "
        "“We will not back down,” he added."
    )
    added = by_cue(doc, "added")
    assert added.direct is True
    assert added.source is not None and added.source.text == "he"
    assert added.source.code == "DEU"
    assert added.source.named is True


@pytest.mark.models
def test_quote_attributed_before_and_after(extract) -> None:  # type: ignore[no-untyped-def]
    text = '"The talks are over," said the prime minister, "and nothing will change that."'
    doc = extract(text)
    said = by_cue(doc, "said")
    assert said.direct is True
    assert content_text(text, said).startswith("The talks are over")


@pytest.mark.models
def test_transcript_label(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract("The hearing opened late.\nMR. JONES: We are ready to talk.\n")
    label = by_cue(doc, ":")
    assert label.source is not None and label.source.text == "MR. JONES"
    assert label.direct is True


@pytest.mark.models
def test_cue_inside_a_quotation_is_the_speakers_words(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract('"I never said we would leave," the mayor told reporters.')
    assert [a.cue.text for a in doc.attributions] == ["told"]


@pytest.mark.models
def test_nested_chain_and_innermost_attribution_for(nlp) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from brinkwatch.extractors.actors import extract_actors
    from brinkwatch.extractors.attribution import attribution_for, extract_attributions
    from brinkwatch.extractors.base import Extraction

    text = "Canadian officials said a senior aide told the BBC that the talks had collapsed."
    state = Extraction(doc=nlp(text), doc_id="t", published=dt.date(2024, 1, 2))
    extract_actors(state)
    extract_attributions(state)
    outer = by_cue_in(state.attributions, "said")
    inner = by_cue_in(state.attributions, "told")
    assert inner.outlet == "BBC"
    assert outer.source is not None and outer.source.code == "CAN"
    collapsed = text.index("collapsed")
    assert attribution_for(state, collapsed, collapsed + len("collapsed")) == inner.id
    aide = text.index("senior aide")
    assert attribution_for(state, aide, aide + len("senior aide")) == outer.id
    assert attribution_for(state, 0, len("Canadian")) is None


def by_cue_in(attributions: list[Attribution], cue: str) -> Attribution:
    return next(a for a in attributions if a.cue.text.startswith(cue))


@pytest.mark.models
def test_intentions_do_not_source_the_claims_inside_them(nlp) -> None:  # type: ignore[no-untyped-def]
    from brinkwatch.extractors.attribution import (
        attribution_for,
        attribution_kind,
        extract_attributions,
    )
    from brinkwatch.extractors.base import Extraction

    text = "Peru plans to expel the ambassador."
    state = Extraction(doc=nlp(text), doc_id="t", published=None)
    extract_attributions(state)
    plans = by_cue_in(state.attributions, "plans")
    assert attribution_kind(state, plans.id) == "intent"
    expel = text.index("expel")
    assert attribution_for(state, expel, expel + len("expel")) is None


# --- the seed report -----------------------------------------------------------------------


@pytest.mark.models
def test_seed_attributions(seed_record: Document) -> None:
    sources: dict[str, Attribution] = {}
    for a in seed_record.attributions:
        if a.source is not None:
            sources.setdefault(a.source.text, a)
    two = sources["two US officials"]
    assert (two.source.count, two.source.code, two.outlet) == (2, "USA", "Axios")  # type: ignore[union-attr]
    one = sources["a US official"]
    assert (one.source.count, one.outlet) == (1, "Axios")  # type: ignore[union-attr]
    reports = sources["Reports"]
    assert reports.source.named is False  # type: ignore[union-attr]
    times = sources["a report in The New York Times"]
    assert times.outlet == "The New York Times"
    israeli = sources["An Israeli military source"]
    assert (israeli.source.code, israeli.source.sector, israeli.outlet) == ("ISR", "MIL", "CNN")  # type: ignore[union-attr]
    pezeshkian = next(a for t, a in sources.items() if "Pezeshkian" in t)
    assert pezeshkian.cue.text == "stated"
    assert (pezeshkian.source.named, pezeshkian.source.code, pezeshkian.source.sector) == (  # type: ignore[union-attr]
        True,
        "IRN",
        "GOV",
    )
    claimed = by_cue(seed_record, "claimed")
    assert claimed.direct is True
    assert claimed.source is not None and claimed.source.code == "IRN"
    assert sources["US and Israeli officials"].source.code == "USA"  # type: ignore[union-attr]
    assert "officials" in sources
    assert sources["one US official"].cue.text in ("noted", "relayed")
    cues = {a.cue.text for a in seed_record.attributions}
    assert {"noted", "relayed", "say"} <= cues
    officials = [
        a for a in seed_record.attributions if a.source and a.source.text == "the officials"
    ]
    assert officials and officials[0].outlet == "Axios"

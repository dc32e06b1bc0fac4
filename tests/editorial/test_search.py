"""Full-text search over claim statements and source texts (sources.search, editorial.claims.search)."""

import pytest
from django.db import connection

from editorial.claims import selectors as claim_selectors
from editorial.claims import services as claim_services
from editorial.intake import selectors as intake_selectors
from sources import search


def test_search_words_are_lowercased_unique_and_without_punctuation():
    assert search.search_words('Envoy, "MET" envoy; Kyiv’s') == [
        "envoy",
        "met",
        "kyiv",
        "s",
    ]
    assert search.search_words("  — !! ") == []


def test_query_strings_quote_every_word_so_none_becomes_syntax():
    words = search.search_words('coal OR NEAR(x) "nation" AND')
    assert search.fts5_query(words) == '"coal"* "or"* "near"* "x"* "nation"* "and"*'
    assert search.tsquery(["coal", "nation"]) == "'coal':* & 'nation':*"


@pytest.fixture
def claims(editor):
    make = claim_services.claim_create
    return {
        "envoy": make(
            statement="The US special envoy met the Ukrainian president in Paris.",
            user=editor,
            reason="Test",
        ),
        "coalition": make(
            statement="Twenty-six nations joined the coalition of the willing.",
            user=editor,
            reason="Test",
        ),
        "other": make(statement="Something else entirely.", user=editor, reason="Test"),
    }


def found(text):
    return set(
        claim_selectors.claims_for_list(search=text).values_list("statement", flat=True)
    )


def test_claims_are_found_by_every_word_in_any_case_and_by_word_beginnings(claims):
    assert found("envoy MET") == {claims["envoy"].statement}
    assert found("coal nations") == {claims["coalition"].statement}
    assert found("envoy coalition") == set()
    assert found("") == {claim.statement for claim in claims.values()}


def test_search_syntax_typed_by_a_person_is_only_words(claims):
    assert found('envoy" OR "coalition') == set()
    assert found("NEAR(envoy met)") == set()
    assert found("statement:envoy") == set()
    assert found("*") == {claim.statement for claim in claims.values()}


def test_an_edited_statement_is_found_by_its_new_words_only(claims, editor):
    claim_services.claim_update(
        claim=claims["other"],
        statement="Witkoff was named envoy in November.",
        user=editor,
        reason="Reworded",
    )
    assert found("Witkoff") == {"Witkoff was named envoy in November."}
    assert found("entirely") == set()


def test_a_deleted_claim_is_no_longer_found(claims, editor):
    claim_services.claim_delete(claim=claims["envoy"], user=editor, reason="Duplicate")
    assert found("envoy") == set()


def test_sources_are_found_by_words_of_their_text_title_or_publisher(source_factory):
    kyiv = source_factory(
        "Talks in Kyiv\nThe delegation discussed security guarantees at length.",
        publisher="Morning Herald",
    )
    paris = source_factory("Summit in Paris\nLeaders signed a declaration.")

    def sources(text):
        return set(intake_selectors.sources_for_list(search=text))

    assert sources("guarantee security") == {kyiv}
    assert sources("declaration") == {paris}
    assert sources("Summit in") == {paris}
    assert sources("morning herald") == {kyiv}
    assert sources("guarantees declaration") == set()


def test_a_source_is_found_by_its_current_text_not_an_older_one(source_factory, editor):
    from editorial.intake.services import revision_create

    source = source_factory("Report\nThe minister resigned on Tuesday.")
    revision_create(
        source=source,
        body="Report\nThe minister stayed in office.",
        user=editor,
        reason="Correction",
    )
    assert list(intake_selectors.sources_for_list(search="stayed")) == [source]
    assert list(intake_selectors.sources_for_list(search="resigned")) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
@pytest.mark.django_db
def test_sqlite_keeps_the_fts5_triggers_after_every_migration():
    """A migration that rebuilds the claim or revision table drops its triggers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    for table in ("editorial_claim_fts", "sources_revision_fts"):
        assert {f"{table}_insert", f"{table}_update", f"{table}_delete"} <= triggers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_postgres_search_reads_the_gin_indexes(claims, source_factory):
    source_factory("Report\nThe minister resigned.")
    plans = []
    with connection.cursor() as cursor:
        # Leave the planner no way but bitmap scans, GIN's way in: without this, a tiny
        # table's plan may walk the list's ordering index instead, depending on stats.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        for queryset in (
            claim_selectors.claims_for_list(search="envoy"),
            intake_selectors.sources_for_list(search="minister"),
        ):
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert "editorial_claim_statement_search" in plans[0]
    assert "sources_revision_body_fts" in plans[1]

"""The desk's home at /: open disputes, new suggestions, claims by status and charts
drawn in the page, in a fixed number of queries."""

import datetime

from django.urls import reverse

from editorial.home import charts
from editorial.models import Claim, Dispute


def test_a_visitor_at_the_root_is_sent_to_log_in_as_before(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_home_shows_open_disputes_claims_by_status_and_the_sources_link(
    shipped_desk, editor_client
):
    page = editor_client.get(reverse("home")).content.decode()
    assert "The desk at a glance" in page
    for dispute in Dispute.objects.filter(status="open"):
        assert dispute.question[:40] in page
    assert f'href="{reverse("sources:list")}"' in page
    statuses = page[page.index('class="status-rows"') :]
    for status, label in Claim.Status.choices:
        count = Claim.objects.filter(status=status).count()
        assert f'data-status="{status}"' in statuses
        assert label in statuses  # the legend says it in words, not colour only
        assert f'<strong class="bar-count">{count}</strong>' in statuses


def test_each_chart_is_an_svg_with_title_description_and_a_data_table(
    shipped_desk, editor_client
):
    page = editor_client.get(reverse("home")).content.decode()
    for slug, title in [
        ("claims-per-week", "Claims opened and verdicts given per week"),
        ("verdicts-by-rating", "Verdicts by rating"),
        ("sources-per-week", "Sources imported per week"),
    ]:
        figure = page[page.index(f'id="chart-{slug}"') :]
        figure = figure[: figure.index("</figure>")]
        assert f'<title id="chart-{slug}-title">{title}</title>' in figure
        assert f'<desc id="chart-{slug}-desc">' in figure
        assert 'role="img"' in figure
        assert "<table" in figure and '<th scope="col">' in figure
    ratings = page[page.index('id="chart-verdicts-by-rating"') :]
    false_count = Claim.objects.filter(status="false").count()
    assert f'<th scope="row">False</th><td>{false_count}</td>' in ratings


def test_the_home_counts_in_the_database_with_a_fixed_number_of_queries(
    shipped_desk, editor_client, django_assert_num_queries, editor
):
    from editorial.claims import services as claim_services

    editor_client.get(reverse("home"))  # warm the session and caches
    with django_assert_num_queries(HOME_QUERIES) as first:
        editor_client.get(reverse("home"))
    for n in range(5):
        claim_services.claim_create(statement=f"Claim {n}", user=editor, reason="t")
    with django_assert_num_queries(len(first.captured_queries)):
        page = editor_client.get(reverse("home")).content.decode()
    assert "Claims opened" in page


#: Session and user, the notifications count, open disputes, new suggestions, claims
#: by status (also verdicts by rating), claims and verdicts per week (one UNION),
#: sources per week.
HOME_QUERIES = 8


def test_weekly_bars_are_drawn_to_scale_with_their_numbers():
    weeks = charts.weeks_ending(datetime.date(2026, 1, 7), 3)
    assert weeks == [
        datetime.date(2025, 12, 22),
        datetime.date(2025, 12, 29),
        datetime.date(2026, 1, 5),
    ]
    chart = charts.grouped_bars(
        slug="t",
        title="T",
        description="D",
        labels=[charts.week_label(w) for w in weeks],
        series={"Opened": [0, 2, 4], "Verdicts": [1, 0, 2]},
    )
    assert [b.value for b in chart.bars] == [0, 1, 2, 0, 4, 2]
    tallest = max(chart.bars, key=lambda b: b.value)
    assert tallest.height == charts.BAR_AREA_HEIGHT
    assert chart.rows[2] == ("5 Jan", [4, 2])
    assert not chart.empty


def test_many_weeks_label_every_other_week_ending_with_the_last():
    labels = [f"w{n}" for n in range(12)]
    chart = charts.grouped_bars(
        slug="t", title="T", description="D", labels=labels, series={"S": [1] * 12}
    )
    assert [label for _, label in chart.ticks] == labels[1::2]
    assert len(chart.rows) == 12

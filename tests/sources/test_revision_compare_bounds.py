"""The compare page stays small when two revisions differ in thousands of places."""

from django.urls import reverse

from editorial.intake.services import revision_create


def test_a_compare_with_too_many_changes_says_so_and_shows_paragraphs(
    source_factory, editor, editor_client
):
    words = [f"w{k % 997}" for k in range(30_000)]
    old = " ".join(words)
    new = " ".join(w if k % 7 else w + "x" for k, w in enumerate(words))
    source = source_factory(old)
    revision_create(source=source, body=new, user=editor, reason="Every seventh word")
    response = editor_client.get(
        reverse("sources:revision-compare", args=[source.pk]), {"from": 1, "to": 2}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "too large to compare word by word" in page
    assert "more characters]" in page
    assert len(page) < 50_000


def test_a_compare_with_a_few_changes_marks_the_words(
    source_factory, editor, editor_client
):
    old = " ".join(f"w{k}" for k in range(3000))
    source = source_factory(old)
    revision_create(
        source=source, body=old.replace("w1500", "changed"), user=editor, reason="One"
    )
    response = editor_client.get(reverse("sources:revision-compare", args=[source.pk]))
    page = response.content.decode()
    assert "<del>w1500</del><ins>changed</ins>" in page
    assert "too large" not in page

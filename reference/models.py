"""Reference data the checks compare sources against: people, offices and who held which when.

Shipped in ``fixtures/reference.json`` (loaded by ``load_fixtures``), edited in the admin,
every change kept in history. Rows are found by stable keys so the fixture reloads into
any database without duplicating what an editor has changed.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


def lines(text: str) -> list[str]:
    """The non-empty lines of a one-per-line field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class KeyManager(models.Manager):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Person(models.Model):
    key = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    aliases = models.TextField(
        blank=True,
        help_text="Other ways articles name the person, one per line "
        "(“Starmer”, “Sir Keir Starmer”).",
    )
    note = models.TextField(blank=True)
    wikidata = models.CharField(
        "Wikidata item",
        max_length=20,
        blank=True,
        help_text="The person's Wikidata item (“Q…”), which import_reference matches "
        "on; empty when not known.",
    )

    history = HistoricalRecords()
    objects = KeyManager()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata"],
                condition=~Q(wikidata=""),
                name="person_wikidata_unique",
            )
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.key,)

    def names(self) -> list[str]:
        return [self.name, *lines(self.aliases)]


class OfficeKind(models.TextChoices):
    HEAD_OF_STATE = "head_of_state", "Head of state"
    HEAD_OF_GOVERNMENT = "head_of_government", "Head of government"
    HEAD_OF_STATE_AND_GOVERNMENT = (
        "head_of_state_and_government",
        "Head of state and government",
    )
    MINISTER = "minister", "Minister or official"
    ENVOY = "envoy", "Envoy"


class Office(models.Model):
    Kind = OfficeKind

    key = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=100)
    kind = models.CharField(max_length=40, choices=OfficeKind.choices)
    role_terms = models.TextField(
        help_text="How articles name the role, one per line, lower case "
        "(“prime minister”, “premier”)."
    )
    country_terms = models.TextField(
        help_text="How articles name the country, one per line "
        "(“British”, “UK”, “Britain”)."
    )
    wikidata = models.CharField(
        "Wikidata item",
        max_length=20,
        blank=True,
        help_text="The position's Wikidata item (“Q…”), which import_reference "
        "matches on; empty when not known.",
    )

    history = HistoricalRecords()
    objects = KeyManager()

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OfficeKind.values), name="office_kind_known"
            ),
            models.UniqueConstraint(
                fields=["wikidata"],
                condition=~Q(wikidata=""),
                name="office_wikidata_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.key,)


class TermManager(models.Manager):
    def get_by_natural_key(self, office_key, person_key, start):
        return self.get(office__key=office_key, person__key=person_key, start=start)


class Term(models.Model):
    """One person's time in one office: from ``start`` to ``end`` (empty while in office)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="terms")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="terms")
    start = models.DateField()
    end = models.DateField(
        null=True, blank=True, help_text="Empty while the person holds the office."
    )
    citation = models.TextField(
        help_text="Where the dates come from: an official page, a gazette, a record."
    )

    history = HistoricalRecords()
    objects = TermManager()

    class Meta:
        ordering = ["office__country", "office__name", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "person", "start"], name="term_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="term_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        end = self.end.isoformat() if self.end else "in office"
        return f"{self.person_id} as {self.office_id}, {self.start.isoformat()}–{end}"

    def natural_key(self):
        return (*self.office.natural_key(), *self.person.natural_key(), self.start)

    natural_key.dependencies = ["reference.office", "reference.person"]

    def clean(self):
        super().clean()
        errors = {}
        if self.end and self.start and self.end < self.start:
            errors["end"] = "A term cannot end before it starts."
        if not (self.citation or "").strip():
            errors["citation"] = "Cite where the dates come from."
        if errors:
            raise ValidationError(errors)

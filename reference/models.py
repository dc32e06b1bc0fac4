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


class StoryWatchManager(models.Manager):
    def get_by_natural_key(self, key):
        return self.get(key=key)


def _template_errors(text: str, slot: str) -> str | None:
    """Why ``text`` is not a statement with one ``{slot}``, or None."""
    if text.count("{") != 1 or text.count("}") != 1 or f"{{{slot}}}" not in text:
        return f"Write the statement with {{{slot}}} once where the {slot} goes."
    return None


class StoryFigure(models.Model):
    """A figure one story's sources state, told to the checks by an editor.

    The checks read every count generally; this row says what is particular to one
    story: which counted nouns in its sources' sentences state this figure (“nations”,
    “countries”), so every such mention is compared with the others, including ones
    the general reading would keep apart, under the editor's question.
    """

    key = models.SlugField(max_length=100, unique=True)
    story = models.ForeignKey(
        "sources.Story", on_delete=models.CASCADE, related_name="watched_figures"
    )
    question = models.CharField(
        max_length=300, help_text="The dispute's question (“How many nations …?”)."
    )
    statement = models.CharField(
        max_length=300,
        help_text="How a position states it, with {value} where the figure goes "
        "(“{value} nations joined the coalition.”).",
    )
    counted = models.TextField(
        help_text="The nouns that count it, one per line (“nations”, “countries”, "
        "“troops”)."
    )
    context = models.TextField(
        blank=True,
        help_text="Words one of which the figure's sentence must hold, one per line; "
        "empty: any sentence of the story's sources.",
    )
    excluded = models.TextField(
        blank=True,
        help_text="Names of other bodies which, in the figure's sentence, mean it "
        "counts something else, one per line (“NATO members”, “JEF”).",
    )
    note = models.TextField(blank=True, help_text="Why, and where it comes from.")

    history = HistoricalRecords()
    objects = StoryWatchManager()

    class Meta:
        ordering = ["story__name", "key"]

    def __str__(self):
        return self.question

    def natural_key(self):
        return (self.key,)

    natural_key.dependencies = ["sources.story"]

    def clean(self):
        super().clean()
        errors = {}
        if not lines(self.counted):
            errors["counted"] = "Name at least one noun that counts the figure."
        if why := _template_errors(self.statement or "", "value"):
            errors["statement"] = why
        if errors:
            raise ValidationError(errors)


class StoryEvent(models.Model):
    """An event one story's sources date, told to the checks by an editor.

    ``names`` are the wordings that name it (“founding congress of the dockers'
    union”, “launched as a dockers' union”); each mention is dated by
    the nearest date in its sentence, or, when a wording of ``as_news`` says the
    source reports it as news, by the week to the source's publication.
    """

    key = models.SlugField(max_length=100, unique=True)
    story = models.ForeignKey(
        "sources.Story", on_delete=models.CASCADE, related_name="watched_events"
    )
    question = models.CharField(
        max_length=300, help_text="The dispute's question (“When was … founded?”)."
    )
    statement = models.CharField(
        max_length=300,
        help_text="How a position states it, with {when} where the date goes "
        "(“The coalition was founded {when}.”).",
    )
    names = models.TextField(
        help_text="Wordings that name the event, one per line; letter case, spaces "
        "and quotation marks between the words do not matter."
    )
    as_news = models.TextField(
        "reported as news",
        blank=True,
        help_text="Wordings that report the event as news when its sentence gives "
        "no date, one per line (“at the inaugural meeting”).",
    )
    note = models.TextField(blank=True, help_text="Why, and where it comes from.")

    history = HistoricalRecords()
    objects = StoryWatchManager()

    class Meta:
        ordering = ["story__name", "key"]

    def __str__(self):
        return self.question

    def natural_key(self):
        return (self.key,)

    natural_key.dependencies = ["sources.story"]

    def clean(self):
        super().clean()
        errors = {}
        if not lines(self.names):
            errors["names"] = "Give at least one wording that names the event."
        if why := _template_errors(self.statement or "", "when"):
            errors["statement"] = why
        if errors:
            raise ValidationError(errors)

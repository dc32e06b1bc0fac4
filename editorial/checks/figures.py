"""The same quantity stated with different numbers in two sources of one story.

Every quantity a source states is read by ``quantities`` (its range, unit, counted
noun, owner, marker words and years). Two quantities from different sources are
the same thing when

* they have the same unit (a count, a percentage, an amount in one currency, per
  year or not) and the same counted noun, their modifiers agree (one's are a subset
  of the other's: “allied nations” and “nations”, not “Green MPs” and
  “Liberal MPs”), and their owners agree when both have one (“the Greens” won
  four seats, “the Greens” won five seats; not “the Liberals”);
* their marker words agree: an exit poll's projection, a threshold needed, a draft,
  an earlier figure, the eligible or a first round measure something other than a
  plain result;
* they are anchored in the same years (“365 seats in 2019” is not this year's
  count; a year equal to the source's own does not anchor), and their deadlines
  agree when both give one (“by 2030” and “by 2035” are then different figures);
* a noun that counts weakly (days, years, people) or an amount whose noun cannot
  be told needs the two sentences to share more words.

Such a pair conflicts when their ranges cannot both be true (“more than 30” and
“28”: yes; “around 20” and “22”: no). Each mention is paired only with the mention
most like it, so a wrong figure is put against the figure it contradicts, not
against every figure of its kind. The dispute's question is phrased from the text:
the clause with the number asked about (“The Greens, who won how many seats?”).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .deadlines import deadlines
from .findings import Cited, Finding, Kind, Report, components, decided
from .numbers import NUMBER, SCALE, overlap
from .quantities import WEAK_NOUNS, Quantity, Sentences, quantities
from .text import sentences as split_sentences

#: Nouns that name one measure of a story, so their sentences need share nothing
#: else (“Turnout was 61 per cent” and “elected on a turnout of 64 per cent”).
MEASURES = {
    "turnout",
    "inflation",
    "unemployment",
    "growth",
    "deficit",
    "population",
    "approval",
    "majority",
}

#: Mentions kept per source and kind of quantity (repeated phrases say nothing new).
PER_SOURCE = 40
#: A noun mentioned more often than this in a story is compared within the same
#: owner and markers only, at most this many each (the comparison is by pairs).
CANDIDATES = 400


def figure_mentions(document: str, body: str, parts, published=None) -> tuple:
    """Every quantity one source states, each said once (repeats add nothing).

    A figure said again with modifiers among another saying's is a repeat: the
    plainest words are kept (“34 nations” for “34 contributing nations”); modifiers
    that disagree count another thing (“Green MPs”, “Liberal MPs”).
    """
    split = Sentences(body, parts)
    stated = quantities(document, body, parts, published, split)
    first, sets = {}, defaultdict(list)
    for mention in stated + deadlines(document, body, split):
        said = (_key(mention), mention.low, mention.high, mention.owner)
        said += (mention.markers,)
        if (said, mention.modifiers) in first or len(sets[said]) >= PER_SOURCE:
            continue
        first[(said, mention.modifiers)] = mention
        sets[said].append(mention.modifiers)
    kept, per_key = [], defaultdict(int)
    for (said, modifiers), mention in first.items():
        if per_key[said[0]] >= PER_SOURCE or any(m < modifiers for m in sets[said]):
            continue
        per_key[said[0]] += 1
        kept.append(mention)
    return tuple(kept)


def conflicting_figures(documents) -> list[Finding]:
    """``documents`` are ``(key, body)`` or ``(key, body, published_on)``."""
    found, reports = [], {}
    for key, body, *rest in documents:
        found += figure_mentions(key, body, split_sentences(body), *rest[:1])
        reports[key] = Report(*rest[:1])
    return figure_conflicts(found, reports=reports)


def _key(mention: Quantity) -> tuple:
    # Amounts of money are compared whether or not their noun could be told.
    if mention.unit.startswith("money") or mention.unit == "deadline":
        return (mention.unit, "")
    return (mention.unit, mention.noun or "")


def same_thing(a: Quantity, b: Quantity, deadlines: bool = True) -> float:
    """How alike two mentions' contexts are (0 when they measure different things)."""
    if a.document == b.document or a.unit != b.unit:
        return 0.0
    if a.noun != b.noun and (a.noun and b.noun or not a.unit.startswith("money")):
        return 0.0
    # A modifier only one side has (“living hostages”) must at least be said in the
    # other's sentence: otherwise they may count different things.
    if not (
        a.modifiers - b.modifiers <= b.context
        and b.modifiers - a.modifiers <= a.context
    ):
        return 0.0
    if a.owner and b.owner and not a.owner & b.owner:
        return 0.0
    if a.markers != b.markers or a.years != b.years:
        return 0.0
    if "running" in a.markers and a.day != b.day:
        return 0.0  # a toll that rose from one day to the next is not a conflict
    if deadlines and a.deadline and b.deadline and a.deadline != b.deadline:
        return 0.0
    shared = len((a.context & b.context) - {a.noun} - a.modifiers - b.modifiers)
    smaller = max(1, min(len(a.context), len(b.context)))
    score = shared / smaller
    weak = a.noun is None or b.noun is None or a.noun in WEAK_NOUNS
    near = len((a.near & b.near) - {a.noun})
    # Weak nouns need words in common near the figures, or (when one side names
    # what it counts) sentences much alike.
    alike = shared >= 3 and score >= 0.3 and (a.noun or b.noun)
    if weak and near < 2 and not alike:
        return 0.0
    if not weak and shared < 1 and a.noun not in MEASURES:
        return 0.0  # nothing but the noun in common: maybe another tariff, vote…
    # Ranked by the words around the figures first, then by their sentences.
    return near + score + 0.01


def figure_conflicts(
    mentions, wanted: set[str] | None = None, reports: dict | None = None
) -> list[Finding]:
    """Findings for every pair of mentions of one thing whose numbers cannot agree.

    With ``wanted``, only pairs with a mention in those sources are looked for. With
    ``reports`` (``findings.Report`` by source), one source against one other is
    decided by which reported first (``findings.first_report``).
    """
    by_key, by_unit = defaultdict(list), defaultdict(list)
    for mention in mentions:
        by_key[_key(mention)].append(mention)
        by_unit[(mention.document, mention.unit)].append(mention)
    findings: list[Finding] = []
    for found in by_key.values():
        findings += _conflicts_among(found, wanted, by_unit, reports)
    return findings


def _conflicts_among(found: list[Quantity], wanted, by_unit, reports) -> list[Finding]:
    # Each mention's most alike mention in another source; a conflict when the most
    # alike cannot agree (a bucket holds one noun's mentions in one story).
    if not found or max(m.low for m in found) <= min(m.high for m in found):
        return []  # every range holds a common value: nothing can conflict
    if len(found) > CANDIDATES:
        found = _nearest_kinds(found)
    candidates = []
    for a in found:
        best, score = _best(a, found)
        if best is not None and not overlap((a.low, a.high), (best.low, best.high)):
            if wanted is None or a.document in wanted or best.document in wanted:
                candidates.append((-score, _order(a), a, best))
    # The closest pairs first; a pair is left out when one side is already put
    # against a mention that says what the other side says (one dispute needs the
    # wrong figure and one statement of the right one, not every restatement).
    pairs, against = set(), defaultdict(list)
    for _, _, a, b in sorted(candidates, key=lambda c: c[:2]):
        if _two_things(a, b, found, by_unit) or _two_things(b, a, found, by_unit):
            continue
        if any(overlap((x.low, x.high), (a.low, a.high)) for x in against[b]) or any(
            overlap((y.low, y.high), (b.low, b.high)) for y in against[a]
        ):
            continue
        pairs.add(tuple(sorted((a, b), key=_order)))
        against[a].append(b)
        against[b].append(a)
    # Components that quantify the same kind of thing are one dispute.
    merged: dict[str, list[Quantity]] = {}
    for members in components(pairs, _order):
        merged.setdefault(_group(members[0]), []).extend(members)
    findings = []
    for group, members in merged.items():
        question = _question(_asking(members))
        decision = _decided(members, found, reports)
        for mention in members:
            if decision is None:
                others = [
                    m for m in members if (m.low, m.high) != (mention.low, mention.high)
                ]
            elif (mention.low, mention.high) == decision.value:
                continue  # the record: the story's sources or its first report
            else:
                others = decision.record
            findings.append(
                Finding(
                    kind=Kind.FIGURES,
                    document=mention.document,
                    start=mention.start,
                    end=mention.end,
                    exact=mention.exact,
                    statement=_sentence(mention.clause),
                    explanation=(
                        f"“{mention.exact}” says {mention.label}; "
                        + "; ".join(
                            f"source {o.document} says {o.label} (“{o.exact}”)"
                            for o in others
                        )
                        + "."
                        + _why(
                            decision,
                            f" {len(others)} sources agree on {others[0].label}.",
                        )
                    ),
                    evidence=tuple(
                        Cited(
                            citation=f"source {o.document}: “{o.exact}”",
                            note=f"Another source says {o.label}.",
                            document=o.document,
                            start=o.start,
                            end=o.end,
                            exact=o.exact,
                            statement=_sentence(o.clause),
                        )
                        for o in others
                    ),
                    group=group,
                    question=question,
                )
            )
    return findings


def _decided(members: list[Quantity], found: list[Quantity], reports):
    """The figure taken as the record (``findings.decided``): most of the story's
    sources give it, or one source against one, the first report.

    A mention outside the conflict counts for a figure when it states the same thing
    as one of the conflict's mentions and its range holds that figure only.
    """
    return decided(
        members,
        found,
        value=lambda m: (m.low, m.high),
        holds=lambda other, value: overlap((other.low, other.high), value),
        same=same_thing,
        reports=reports,
    )


def _why(decision, agreeing: str) -> str:
    """Why the other side is the record: most sources agree, or it came first."""
    if decision is None:
        return ""
    return " " + decision.why if decision.why else agreeing


def _nearest_kinds(found: list[Quantity]) -> list[Quantity]:
    """Cut a crowded bucket to the mentions most likely to be compared: the largest
    set with one owner and markers, at most ``CANDIDATES`` of them."""
    kinds = defaultdict(list)
    for mention in found:
        kinds[(mention.owner, mention.markers, mention.years)].append(mention)
    return max(kinds.values(), key=len)[:CANDIDATES]


def _group(mention: Quantity) -> str:
    parts = [
        mention.unit,
        mention.noun or "",
        " ".join(sorted(mention.modifiers)),
        " ".join(sorted(mention.owner)),
        " ".join(sorted(mention.markers)),
        " ".join(str(year) for year in sorted(mention.years)),
    ]
    return "figures:" + ":".join(parts).rstrip(":")


def _asking(members: list[Quantity]) -> Quantity:
    """The mention whose clause reads best as a question: a plain, short sentence."""
    return min(
        members,
        key=lambda m: (
            "size" in m.markers,
            _headline(m.clause) or len(m.clause.split()) < 4,
            len(m.clause),
        ),
    )


def _headline(text: str) -> bool:
    words = text.split()
    return sum(word[:1].isupper() for word in words) * 2 > len(words)


def _says_both(a: Quantity, b: Quantity, found) -> bool:
    """Whether ``a``'s source also states ``b``'s figure for the same thing: then
    ``a`` counts something else (“5% of GDP, split into 3.5% for core defence”)."""
    return any(
        m.document == a.document
        and m is not a
        and overlap((m.low, m.high), (b.low, b.high))
        and same_thing(m, b, deadlines=False) > 0
        for m in found
    )


def _two_things(a: Quantity, b: Quantity, found, by_unit) -> bool:
    """Whether ``a`` counts something other than ``b`` because ``a``'s source also
    states ``b``'s figure (``_says_both``), unless ``a`` is that source contradicting
    itself: a figure no other source gives, stated alone in its clause (“Twenty
    Nations” in a headline, 26 nations in the text), where a breakdown states its
    parts together (“3.5% for core defence and 1.5% for security”)."""
    if not _says_both(a, b, found):
        return False
    return _stated_elsewhere(a, found) or _with_others(a, by_unit)


def _stated_elsewhere(a: Quantity, found) -> bool:
    return any(
        m.document != a.document
        and overlap((m.low, m.high), (a.low, a.high))
        and same_thing(m, a) > 0
        for m in found
    )


def _with_others(a: Quantity, by_unit) -> bool:
    """Whether ``a``'s clause states another figure in its unit (whatever it counts).

    ``by_unit`` holds each source's mentions by unit; a source states a few dozen.
    """
    return any(
        m is not a and abs(m.start - a.start) <= len(a.clause) and m.exact in a.clause
        for m in by_unit[(a.document, a.unit)]
    )


def _best(a: Quantity, found) -> tuple[Quantity | None, float]:
    """The mention most like ``a`` in another source (on a tie, one that disagrees)."""
    best, best_key = None, (0.0, False)
    for b in found:
        score = same_thing(a, b)
        if score <= 0:
            continue
        key = (score, not overlap((a.low, a.high), (b.low, b.high)))
        if key > best_key:
            best, best_key = b, key
    return best, best_key[0]


def _order(mention: Quantity):
    return (mention.document, mention.start)


def _question(mention: Quantity) -> str:
    """The clause with its figure asked about: “The Greens, who won how many seats?”."""
    if mention.unit.startswith("money") and mention.phrase:
        return f"How much is the {mention.phrase}?"
    clause, exact = mention.clause, mention.exact
    at = clause.find(exact)
    if at < 0:
        return f"What is the figure in “{exact}”?"
    if mention.unit == "deadline":
        asked = "by when"
    elif mention.unit == "percent":
        asked = re.sub(
            r"^.*?(?:%|(?i:per\s?cent|percent))",
            "what share" if " of " in exact else "what percentage",
            exact,
            count=1,
        )
    elif mention.unit.startswith("money"):
        asked = re.sub(rf"^.*?{NUMBER}(?:\s*{SCALE})?", "how much", exact, count=1)
    elif "size" in mention.markers:
        asked = f"how-many-{mention.phrase}"
    else:
        asked = f"how many {mention.phrase}"
    before = re.sub(r"(?i)\b(?:all|the|some|only|a|an|its|their)\s+$", "", clause[:at])
    question = (before + asked + clause[at + len(exact) :]).strip()
    return question[0].upper() + question[1:].rstrip(" .,;:") + "?"


def _sentence(clause: str) -> str:
    clause = clause.strip()
    return clause[0].upper() + clause[1:] + "." if clause else clause

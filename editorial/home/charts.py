"""Charts drawn on the server as SVG geometry: bars with their labels. No Django.

The desk's home shows a few small charts; drawing them here keeps the page free of a
build step and of scripts. Each chart is also given as a data table by the template,
and every bar carries its number as text, so colour is never the only signal.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

WIDTH = 640
BAR_AREA_HEIGHT = 160
TOP = 16
BOTTOM = 40
LEFT = 36


@dataclass(frozen=True)
class Bar:
    series: str
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y - 3, 1)


@dataclass
class Chart:
    """A chart ready to draw: bars, axis labels, the series' names, and the table rows."""

    slug: str
    title: str
    description: str
    series: list[str]
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    width: int = WIDTH
    height: int = TOP + BAR_AREA_HEIGHT + BOTTOM
    baseline: float = TOP + BAR_AREA_HEIGHT

    @property
    def empty(self) -> bool:
        return not any(value for _, values in self.rows for value in values)


def weeks_ending(last: datetime.date, count: int) -> list[datetime.date]:
    """``count`` Mondays, the last one the Monday of ``last``'s week, oldest first."""
    monday = last - datetime.timedelta(days=last.weekday())
    return [monday - datetime.timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def week_label(monday: datetime.date) -> str:
    return f"{monday.day} {monday:%b}"


def grouped_bars(
    *,
    slug: str,
    title: str,
    description: str,
    labels: list[str],
    series: dict[str, list[int]],
) -> Chart:
    """Bars side by side for each label (a week, a rating), one per series."""
    names = list(series)
    chart = Chart(slug, title, description, names)
    top = max([1, *(v for values in series.values() for v in values)])
    slot = (chart.width - LEFT) / max(1, len(labels))
    bar_width = min(28.0, slot * 0.8 / max(1, len(names)))
    for index, label in enumerate(labels):
        start = LEFT + index * slot + (slot - bar_width * len(names)) / 2
        values = [series[name][index] for name in names]
        chart.rows.append((label, values))
        for n, (name, value) in enumerate(zip(names, values, strict=True)):
            height = round(BAR_AREA_HEIGHT * value / top, 1)
            chart.bars.append(
                Bar(
                    name,
                    label,
                    value,
                    round(start + n * bar_width, 1),
                    round(chart.baseline - height, 1),
                    round(bar_width - 2, 1),
                    height,
                )
            )
        # Every label when they fit; else every other one (the table has them all).
        if len(labels) <= 6 or index % 2 == (len(labels) - 1) % 2:
            chart.ticks.append((round(LEFT + index * slot + slot / 2, 1), label))
    return chart

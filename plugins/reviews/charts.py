"""Server-rendered SVG charts for the 统计表: geometry here, markup in templates.

No scripts and no style attributes (the site's CSP forbids both): colours come
from classes in static/reviews/reviews.css, positions from SVG attributes.
"""

from dataclasses import dataclass, field

from .constants import LEVEL_CODES, LEVEL_LABELS

WIDTH = 400  # viewBox units; the chart scales to its container
BAR_WIDTH = 330
ROW_HEIGHT = 44
LABEL_Y = 15
BAR_Y = 21
BAR_HEIGHT = 16
TOP = 8


@dataclass
class Segment:
    css: str
    x: float
    width: float
    title: str


@dataclass
class BarRow:
    label: str
    y: float
    label_y: float
    bar_y: float
    value_y: float = 0
    segments: list = field(default_factory=list)
    value_x: float = 0
    value_text: str = ""
    flagged: bool = False


@dataclass
class Chart:
    title: str
    rows: list
    height: float
    width: int = WIDTH
    bar_width: int = BAR_WIDTH
    bar_height: int = BAR_HEIGHT
    threshold_x: float | None = None
    threshold_label: str = ""
    legend: list = field(default_factory=list)  # [(css, label)]


def _row(i, label):
    y = TOP + i * ROW_HEIGHT
    return BarRow(label=label, y=y, label_y=y + LABEL_Y, bar_y=y + BAR_Y,
                  value_y=y + BAR_Y + BAR_HEIGHT - 3)


def _fmt(value):
    return round(value, 2)


def level_share_chart(rows, title="各等次占比"):
    """One stacked bar per target: the shares of 满意 / 比较满意 / 基本满意 / 不满意."""
    chart_rows = []
    for i, row in enumerate(rows):
        bar = _row(i, row.name)
        x = 0.0
        for cell in row.cells:
            width = BAR_WIDTH * cell.percent / 100
            if width > 0:
                bar.segments.append(Segment(f"chart-l{cell.level}", _fmt(x), _fmt(width),
                                            f"{cell.label} {cell.count}票（{cell.percent}%）"))
            x += width
        if not row.votes:
            bar.segments.append(Segment("chart-empty", 0, BAR_WIDTH, "暂无评价"))
        bar.value_x = BAR_WIDTH + 6
        bar.value_text = f"{row.votes}票"
        bar.flagged = row.flagged
        chart_rows.append(bar)
    return Chart(title=title, rows=chart_rows, height=TOP + len(rows) * ROW_HEIGHT + 4,
                 legend=[(f"chart-l{lv}", LEVEL_LABELS[lv]) for lv in LEVEL_CODES])


def satisfaction_chart(rows, threshold, title="满意率"):
    """One bar per target for its 满意率, with the 整改 threshold drawn as a line."""
    chart_rows = []
    for i, row in enumerate(rows):
        bar = _row(i, f"{row.rank}. {row.name}")
        width = BAR_WIDTH * row.satisfaction / 100
        css = "chart-bar chart-bar--flagged" if row.flagged else "chart-bar"
        bar.segments.append(Segment(css, 0, _fmt(width), f"满意率 {row.satisfaction}%"))
        bar.value_x = _fmt(width + 6) if width < BAR_WIDTH - 50 else BAR_WIDTH + 6
        bar.value_text = f"{row.satisfaction}%"
        bar.flagged = row.flagged
        chart_rows.append(bar)
    return Chart(title=title, rows=chart_rows, height=TOP + len(rows) * ROW_HEIGHT + 4,
                 threshold_x=_fmt(BAR_WIDTH * threshold / 100),
                 threshold_label=f"警示线 {threshold}%")

"""Server-rendered SVG chart geometry (no script, no inline style: CSS classes only)."""

from dataclasses import dataclass

from .choices import STATUSES

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 190
PLOT_WIDTH = 420
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    value: float  # percent
    detail: str
    y: int
    width: float
    text_y: int


@dataclass
class BarChart:
    title: str
    bars: list
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH

    @property
    def value_x(self):
        return self.label_width + self.plot_width + 8

    def gridlines(self):
        return [(self.label_width + self.plot_width * p / 100, p) for p in (0, 25, 50, 75, 100)]


def completion_chart(title, rollups):
    """Horizontal bars: weighted completion (%) of each organisation or period."""
    bars = []
    for n, r in enumerate(rollups):
        y = 24 + n * (BAR_HEIGHT + BAR_GAP)
        label = r.label if len(r.label) <= 12 else r.label[:11] + "…"
        bars.append(Bar(label, r.completion, f"{r.done}/{r.items}项已完成", y,
                        round(PLOT_WIDTH * min(r.completion, 100) / 100, 1), y + 16))
    height = 24 + len(bars) * (BAR_HEIGHT + BAR_GAP) + 8
    return BarChart(title, bars, LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH + 40, height)


@dataclass
class Segment:
    status: str
    label: str
    count: int
    x: float
    width: float
    percent: float


def status_segments(counts, width=PLOT_WIDTH + LABEL_WIDTH):
    """One stacked bar of item counts per status; segments carry a CSS class per status."""
    total = sum(c for _, _, c in counts) or 1
    segments, x = [], 0.0
    for status, label, count in counts:
        w = round(width * count / total, 1)
        segments.append(Segment(status, label, count, x, w, round(100 * count / total, 1)))
        x += w
    return segments


STATUS_ORDER = [s for s, _ in STATUSES]

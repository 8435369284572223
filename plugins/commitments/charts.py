"""Server-rendered SVG charts (no script, no inline style: colours come from CSS classes).

Built in Python rather than in template loops: a chart of many organisations costs
a few string joins, not thousands of template variable lookups.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 150
PLOT_WIDTH = 250
VALUE_WIDTH = 62
TOP = 24
MAX_BARS = 20


def _num(value):
    """SVG coordinates: plain decimal text whatever the locale."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _short(label, limit=9):
    return label if len(label) <= limit else label[:limit - 1] + "…"


def bar_chart(chart_id, title, rollups, note=""):
    """Horizontal bars of weighted completion (%), one per organisation or period."""
    shown = rollups[:MAX_BARS]
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    height = TOP + len(shown) * (BAR_HEIGHT + BAR_GAP) + 4
    grid = format_html_join("", '<line class="cm-chart__grid" x1="{0}" x2="{0}" y1="18" y2="{1}"/>'
                            '<text class="cm-chart__tick" x="{0}" y="12" text-anchor="middle">{2}%</text>',
                            ((_num(LABEL_WIDTH + PLOT_WIDTH * p / 100), height, p)
                             for p in (0, 25, 50, 75, 100)))
    bars = []
    for n, r in enumerate(shown):
        y = TOP + n * (BAR_HEIGHT + BAR_GAP)
        detail = f"{r.label}：加权完成率{r.completion}%，{r.done}/{r.items}项已完成"
        if r.overdue:
            detail += f"，{r.overdue}项逾期"
        bars.append(format_html(
            '<text class="cm-chart__label" x="{}" y="{}" text-anchor="end">{}</text>'
            '<rect class="cm-chart__track" x="{}" y="{}" width="{}" height="{}"/>'
            '<rect class="cm-chart__bar" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>'
            '<text class="cm-chart__value" x="{}" y="{}">{}%</text>',
            LABEL_WIDTH - 8, y + 16, _short(r.label), LABEL_WIDTH, y, PLOT_WIDTH, BAR_HEIGHT,
            LABEL_WIDTH, y, _num(PLOT_WIDTH * min(r.completion, 100) / 100), BAR_HEIGHT, detail,
            LABEL_WIDTH + PLOT_WIDTH + 8, y + 16, r.completion))
    if not shown:
        body = mark_safe('<p class="empty-state">暂无数据。</p>')
    else:
        desc = "；".join(f"{r.label}{r.completion}%" for r in shown)
        body = format_html(
            '<svg class="cm-chart__svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
            'preserveAspectRatio="xMinYMin meet"><desc id="{}-desc">{}</desc>{}{}</svg>',
            width, height, chart_id, chart_id, chart_id, desc, grid, mark_safe("".join(bars)))
    more = ""
    if len(rollups) > MAX_BARS:
        more = format_html('<p class="cm-help">图中列出前{}个，共{}个，全部数据见下方表格。</p>',
                           MAX_BARS, len(rollups))
    return format_html('<figure class="cm-chart"><figcaption class="cm-chart__title" id="{}-title">'
                       '{}</figcaption>{}{}{}</figure>', chart_id, title,
                       format_html('<p class="cm-help">{}</p>', note) if note else "", body, more)


def status_chart(counts, width=400):
    """One stacked bar of item counts per status, with a legend."""
    total = sum(c for _, _, c in counts)
    segments, x = [], 0.0
    for status, label, count in counts:
        w = width * count / total if total else 0
        if count:
            segments.append(format_html(
                '<rect class="cm-seg cm-seg--{}" x="{}" y="2" width="{}" height="26">'
                '<title>{}：{}项</title></rect>', status, _num(x), _num(w), label, count))
        x += w
    legend = format_html_join(
        "", '<li><span class="cm-legend__key cm-seg--{}" aria-hidden="true"></span>{} '
            '<strong>{}</strong> 项（{}%）</li>',
        ((s, label, c, round(100 * c / total, 1) if total else 0) for s, label, c in counts))
    return format_html(
        '<figure class="cm-chart"><figcaption class="cm-chart__title" id="status-chart-title">'
        '承诺事项状态分布（共 {} 项）</figcaption>'
        '<svg class="cm-chart__svg cm-chart__svg--stack" viewBox="0 0 {} 30" role="img" '
        'aria-labelledby="status-chart-title" preserveAspectRatio="xMinYMin meet">'
        '<rect class="cm-chart__track" x="0" y="2" width="{}" height="26"/>{}</svg>'
        '<ul class="cm-legend">{}</ul></figure>',
        total, width, width, mark_safe("".join(segments)), legend)


def rollup_table(rollups):
    """The same figures as a table, for readers who do not use the chart."""
    rows = format_html_join(
        "", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}%</td></tr>',
        ((r.label, r.items, r.done, r.overdue, r.completion) for r in rollups))
    if not rollups:
        rows = mark_safe('<tr><td colspan="5">暂无数据。</td></tr>')
    return format_html(
        '<div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">党组织</th>'
        '<th scope="col">事项数</th><th scope="col">已完成</th><th scope="col">逾期</th>'
        '<th scope="col">加权完成率</th></tr></thead><tbody>{}</tbody></table></div>', rows)


def ledger_figures(summary):
    """Everything the ledger page draws from a Summary, rendered once (and cached with it)."""
    return {
        "summary": summary,
        "org_chart": bar_chart("org-chart", "各党组织完成情况（加权）", summary.by_organisation),
        "period_chart": bar_chart("period-chart", "各承诺期完成情况（加权）", summary.by_period),
        "status_chart": status_chart(summary.status_counts),
        "org_table": rollup_table(summary.by_organisation),
    }

"""Report charts rendered on the server as SVG with pygal, shown as an image.

The page's content security policy forbids inline styles, and pygal's SVG carries its own;
as an <img> (a data: URL, which img-src allows) the SVG is an isolated document that runs no
script and styles only itself, so the policy of the page stays strict.
"""

import base64
from collections.abc import Sequence

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1d2433",
    foreground_strong="#1d2433",
    foreground_subtle="#dde1e8",
    colors=("#157f3c", "#b42318", "#9a6700"),
    font_family="system-ui, sans-serif",
    label_font_size=13,
    legend_font_size=13,
)


def met_and_missed_chart(
    labels: Sequence[str], met: Sequence[int], missed: Sequence[int], running: Sequence[int]
) -> str:
    """A stacked bar per group (met, missed, still running) as a data: URL of an SVG image."""
    chart = pygal.StackedBar(
        style=STYLE,
        js=[],
        width=900,
        height=320,
        legend_at_bottom=True,
        print_values=False,
        x_label_rotation=20 if len(labels) > 6 else 0,
        truncate_label=24,
        show_y_guides=True,
    )
    chart.x_labels = list(labels)
    chart.add(_("met"), list(met))
    chart.add(_("missed"), list(missed))
    chart.add(_("running"), list(running))
    svg = chart.render(is_unicode=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")

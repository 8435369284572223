"""WCAG 2.1 AA contrast for the colour pairs the stylesheet uses (values read from the CSS)."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css").read_text()


def expand(hex_colour):
    """#555 -> #555555"""
    if len(hex_colour) == 4:
        return "#" + "".join(c * 2 for c in hex_colour[1:])
    return hex_colour


VARS = {name: expand(value)
        for name, value in re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", CSS)}


def luminance(hex_colour):
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colour(name):
    return VARS[name] if not name.startswith("#") else name


# (foreground, background, what it is); normal text needs 4.5:1.
PAIRS = [
    ("ink", "#ffffff", "body text"),
    ("ink", "bg", "text on the page background"),
    ("link", "#ffffff", "links"),
    ("muted", "#ffffff", "dates and secondary text"),
    ("muted", "bg", "breadcrumbs on the page background"),
    ("#ffffff", "red", "masthead and buttons"),
    ("#ffffff", "red-dark", "navigation"),
    ("#3a2600", "gold", "search button"),
    ("red-dark", "#fbf6f0", "highlight titles"),
    ("#1b5e20", "#eef7ee", "向社会公开 label"),
    ("#8a1118", "#fdf0f0", "党内公开 label"),
    ("#6b3d00", "#fff6e5", "本组织公开 label"),
    ("#3d2f7a", "#f1effa", "特定对象公开 label"),
    ("#e8e8e8", "#2b2b2b", "footer"),
    ("#ffeb3b", "#000000", "high-contrast links"),
    ("#ffffff", "#7a4b00", "organisation entry card"),
    ("#ffffff", "#b3261e", "overdue badge"),
]


@pytest.mark.parametrize("fg, bg, what", PAIRS)
def test_colour_pairs_meet_aa(fg, bg, what):
    ratio = contrast(colour(fg), colour(bg))
    assert ratio >= 4.5, f"{what}: {ratio:.2f}:1"


def test_the_stylesheet_defines_the_palette():
    for name in ("ink", "muted", "link", "red", "red-dark", "gold", "bg"):
        assert name in VARS, name
    for colour_value in ("#eef7ee", "#fdf0f0", "#fff6e5", "#f1effa", "#2b2b2b", "#7a4b00"):
        assert colour_value in CSS, colour_value

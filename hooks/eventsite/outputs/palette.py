"""An organisation's brand from mkdocs.yml (extra: events: brand:): name, logo, colours, footer.

Colours are checked here, at build time, against WCAG 2.2's contrast minimum (1.4.3: 4.5:1 for
text), for every pair the site draws one on the other: text on the primary colour (the header,
buttons, date badges), the primary and accent colours as link and hover text on the page, and the
page's own text. A pair under 4.5:1 is a problem naming both colours and the ratio, so that a
palette that fails stops the build. Plain Python: no MkDocs import.

Colours must be hex (#rgb or #rrggbb): the template prints them into CSS, where escaping HTML
would not stop anything else from breaking out of the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MINIMUM = 4.5
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")

# The site's own look (docs/stylesheets/site.css), used for any colour a brand leaves out.
DEFAULT_COLOURS = {
    "primary": "#1d4f91",          # header, primary buttons, links, date badges
    "accent": "#153a6b",           # links and buttons under the pointer
    "text_on_primary": "#ffffff",  # text on the primary and accent colours
    "text": "#1f1f1f",             # the page's text
}
# The page stays white: the site's greys and tints (borders, panels) are chosen against it.
PAGE = "#ffffff"
PANEL = "#f3f2f1"  # the grey of panels with links on them: filters, the brochure's cover, Background

# (foreground, background, where the pair is seen): each must reach MINIMUM.
PAIRS = (
    ("text_on_primary", "primary", "the header, buttons and date badges"),
    ("text_on_primary", "accent", "a button under the pointer"),
    ("primary", "background", "links and the Add to calendar button"),
    ("accent", "background", "a link under the pointer"),
    ("primary", "panel", "links on grey panels: filters, the brochure's cover"),
    ("accent", "panel", "a link under the pointer on a grey panel"),
    ("text", "background", "the page's text"),
)


class BrandError(ValueError):
    """Every problem with extra.events.brand, one per line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Brand:
    name: str | None
    logo: str | None  # a path inside docs/
    footer: str | None
    colours: dict


def parse_colour(value: str) -> tuple[int, int, int]:
    """'#1d4f91' or '#fff' -> (r, g, b), 0-255."""
    text = value[1:]
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def relative_luminance(value: str) -> float:
    """WCAG 2.2's relative luminance of a hex colour, 0 (black) to 1 (white)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in parse_colour(value))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def ratio_text(ratio: float) -> str:
    """'4.47:1' - rounded down, so that a pair shown as 4.50:1 really passes."""
    return f"{int(ratio * 100) / 100:.2f}:1"


def contrast_problems(colours: dict, where: str = "extra.events.brand.colours") -> list[str]:
    """A line for each pair in PAIRS under 4.5:1, naming both colours and the ratio."""
    problems = []
    colours = {"background": PAGE, "panel": PANEL, **colours}
    for fg, bg, seen in PAIRS:
        ratio = contrast_ratio(colours[fg], colours[bg])
        if ratio < MINIMUM:
            problems.append(f"{where}: {fg} {colours[fg]} on {bg} {colours[bg]} has a contrast of "
                            f"{ratio_text(ratio)}, under the {MINIMUM}:1 WCAG 2.2 AA needs for text "
                            f"({seen}); choose a darker or lighter colour")
    return problems


def read_brand(settings, where: str = "extra.events.brand") -> Brand:
    """The brand from its settings (a mapping, or None for the site's own look); BrandError
    lists every problem at once: unknown keys, colours that are not hex, pairs under 4.5:1."""
    settings = settings or {}
    if not isinstance(settings, dict):
        raise BrandError([f"{where}: expected a mapping with name, logo, colours and footer"])
    problems = [f"{where}: unknown setting '{key}' (expected name, logo, colours or footer)"
                for key in settings if key not in ("name", "logo", "colours", "footer")]
    given = settings.get("colours") or {}
    if not isinstance(given, dict):
        given, _ = {}, problems.append(f"{where}.colours: expected a mapping of colour names to #rrggbb")
    colours = dict(DEFAULT_COLOURS)
    for key, value in given.items():
        if key not in DEFAULT_COLOURS:
            problems.append(f"{where}.colours: unknown colour '{key}' (expected one of {', '.join(DEFAULT_COLOURS)})")
        elif not isinstance(value, str) or not HEX.fullmatch(value.strip()):
            problems.append(f"{where}.colours.{key}: {value!r} is not a colour; expected #rrggbb, such as '#1d4f91' "
                            "(quote it: YAML reads # as the start of a comment)")
        else:
            colours[key] = value.strip().lower()
    if not problems:
        problems = contrast_problems(colours, f"{where}.colours")
    for key in ("name", "logo", "footer"):
        if settings.get(key) is not None and not isinstance(settings[key], str):
            problems.append(f"{where}.{key}: expected text")
    if problems:
        raise BrandError(problems)
    return Brand(name=settings.get("name"), logo=settings.get("logo"), footer=settings.get("footer"),
                 colours=colours)


def brand_view(brand: Brand) -> dict:
    """What templates show: the colours as CSS custom properties (name -> value), and the words."""
    c = brand.colours
    return {
        "name": brand.name, "logo": brand.logo, "footer": brand.footer,
        "properties": {
            "--md-primary-fg-color": c["primary"],
            "--md-primary-fg-color--light": c["primary"],
            "--md-primary-fg-color--dark": c["accent"],
            "--md-primary-bg-color": c["text_on_primary"],
            "--md-accent-fg-color": c["accent"],
            "--md-accent-bg-color": c["text_on_primary"],
            "--md-typeset-a-color": c["primary"],
            "--md-default-fg-color": c["text"],
            "--md-typeset-color": c["text"],
        },
    }

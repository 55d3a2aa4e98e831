"""Brand colours: WCAG contrast computed as the standard defines it, and a palette with any text
pair under 4.5:1 refused with the pair and its ratio (eventsite.outputs.palette, pure)."""

from __future__ import annotations

import pytest

from eventsite.outputs import palette


@pytest.mark.parametrize("fg, bg, ratio", [
    ("#000000", "#ffffff", "21.00:1"),
    ("#fff", "#fff", "1.00:1"),
    ("#767676", "#ffffff", "4.54:1"),   # the lightest grey that passes on white
    ("#777777", "#ffffff", "4.47:1"),   # one step lighter fails
    ("#ffffff", "#1d4f91", "8.14:1"),   # the example site's header
])
def test_contrast_ratio_as_wcag_defines_it(fg, bg, ratio):
    assert palette.ratio_text(palette.contrast_ratio(fg, bg)) == ratio
    assert palette.contrast_ratio(fg, bg) == palette.contrast_ratio(bg, fg)


def test_no_brand_is_the_sites_own_look_and_passes():
    brand = palette.read_brand(None)
    assert brand.colours == palette.DEFAULT_COLOURS and brand.name is None
    assert palette.contrast_problems(palette.DEFAULT_COLOURS) == []


def test_a_passing_brand_becomes_css_properties():
    brand = palette.read_brand({"name": "Leicestershire County Council", "footer": "Run by LCC.",
                                "colours": {"primary": "#005EA5", "accent": "#003078"}})
    view = palette.brand_view(brand)
    assert (view["name"], view["footer"]) == ("Leicestershire County Council", "Run by LCC.")
    assert view["properties"]["--md-primary-fg-color"] == "#005ea5"
    assert view["properties"]["--md-accent-fg-color"] == "#003078"
    assert view["properties"]["--md-primary-bg-color"] == "#ffffff"


@pytest.mark.parametrize("colours, messages", [
    ({"primary": "#7fb3ff"}, [
        "extra.events.brand.colours: text_on_primary #ffffff on primary #7fb3ff has a contrast of 2.14:1, under "
        "the 4.5:1 WCAG 2.2 AA needs for text (the header, buttons and date badges); choose a darker or lighter colour",
        "extra.events.brand.colours: primary #7fb3ff on background #ffffff has a contrast of 2.14:1, under the "
        "4.5:1 WCAG 2.2 AA needs for text (links and the Add to calendar button); choose a darker or lighter colour",
        "extra.events.brand.colours: primary #7fb3ff on panel #f3f2f1 has a contrast of 1.91:1, under the "
        "4.5:1 WCAG 2.2 AA needs for text (links on grey panels: filters, the brochure's cover); choose a darker "
        "or lighter colour",
    ]),
    # Enough on the white page, not on the grey panels: both are checked.
    ({"primary": "#707070"}, [
        "extra.events.brand.colours: primary #707070 on panel #f3f2f1 has a contrast of 4.42:1, under the "
        "4.5:1 WCAG 2.2 AA needs for text (links on grey panels: filters, the brochure's cover); choose a darker "
        "or lighter colour",
    ]),
    # Just under the line fails: 4.47:1 is not 4.5:1.
    ({"text": "#777777"}, [
        "extra.events.brand.colours: text #777777 on background #ffffff has a contrast of 4.47:1, under the "
        "4.5:1 WCAG 2.2 AA needs for text (the page's text); choose a darker or lighter colour",
    ]),
])
def test_a_pair_under_4_5_to_1_is_named_with_its_ratio(colours, messages):
    with pytest.raises(palette.BrandError) as info:
        palette.read_brand({"colours": colours})
    assert info.value.problems == messages


def test_colours_only_need_to_pass_where_they_meet():
    # Yellow text on a dark primary passes (the accent must carry it too), though yellow would
    # fail as text on the white page: it is never drawn there.
    palette.read_brand({"colours": {"primary": "#1d4f91", "accent": "#153a6b", "text_on_primary": "#ffdd00"}})


@pytest.mark.parametrize("settings, message", [
    ({"colours": {"primary": "blue"}}, "extra.events.brand.colours.primary: 'blue' is not a colour; expected #rrggbb"),
    ({"colours": {"primary": "#1d4f91; } body { display: none"}}, "is not a colour"),  # nothing but a colour reaches CSS
    ({"colours": {"secondary": "#000000"}}, "unknown colour 'secondary'"),
    ({"colour": {}}, "unknown setting 'colour'"),
    ({"name": ["a"]}, "extra.events.brand.name: expected text"),
    ("blue", "expected a mapping"),
])
def test_bad_brand_settings_are_refused(settings, message):
    with pytest.raises(palette.BrandError) as info:
        palette.read_brand(settings)
    assert message in str(info.value)

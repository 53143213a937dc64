"""WCAG contrast and the widget's accent made readable (stinet.portal.contrast)."""

import pytest

from stinet.portal.contrast import contrast, readable_accent


@pytest.mark.parametrize(("a", "b", "ratio"), [
    ("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#fff", 4.54),
    ("#aab4c0", "#ffffff", 2.10), ("#0b5c8a", "#ffffff", 7.21), ("#ffd400", "#ffffff", 1.43),
])
def test_contrast_ratios(a, b, ratio):
    assert round(contrast(a, b), 2) == ratio == round(contrast(b, a), 2)


@pytest.mark.parametrize(("asked", "used"), [
    ("#0b5c8a", "#0b5c8a"),  # readable already: unchanged
    ("#8A1538", "#8a1538"),
    ("#767676", "#767676"),  # 4.54:1, just enough
    ("#777777", "#767676"),  # 4.48:1: one step darker
    ("#ffd400", "#8c7500"),  # yellow: 1.43:1, darkened to an olive that reads
    ("#fd0", "#877500"),
    ("#00ff00", "#008a00"),
    ("#ffffff", "#757575"),
])
def test_a_light_accent_is_darkened_until_it_reads_on_white(asked, used):
    assert readable_accent(asked) == used
    assert contrast(used, "#ffffff") >= 4.5

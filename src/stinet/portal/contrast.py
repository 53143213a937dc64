"""Colour contrast as WCAG 2.1 measures it, and a member's widget colour made readable with it.

Pure functions on "#rgb"/"#rrggbb" colours. stinet/widget.js does the same steps in the browser
(readable()), so the script widget and the /widget/ frame show one colour for one accent.
"""

from __future__ import annotations

TEXT_RATIO = 4.5  # WCAG 1.4.3, normal text: the widget's links and its button's text are the accent


def rgb(colour: str) -> tuple[int, int, int]:
    """(red, green, blue) of "#rgb" or "#rrggbb"."""
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(channels: tuple[int, int, int]) -> str:
    """"#rrggbb" of (red, green, blue)."""
    return "#" + "".join(f"{c:02x}" for c in channels)


def luminance(channels: tuple[int, int, int]) -> float:
    """Relative luminance (WCAG 2.1), 0 for black to 1 for white."""
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    la, lb = sorted((luminance(rgb(a)), luminance(rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_accent(colour: str, background: str = "#ffffff", ratio: float = TEXT_RATIO) -> str:
    """The colour as "#rrggbb", darkened in steps of 1 % toward black (keeping its hue) until it has
    `ratio` against the light background it is shown on: white text on it and it on white then read.
    A colour that has it already comes back unchanged."""
    channels = rgb(colour)
    for k in range(100, -1, -1):
        darker = tuple((c * k + 50) // 100 for c in channels)
        if contrast(hex_colour(darker), background) >= ratio:  # type: ignore[arg-type]
            return hex_colour(darker)  # type: ignore[arg-type]
    return "#000000"

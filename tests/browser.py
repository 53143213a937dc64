"""What the browser tests share: Debian's Chromium under Playwright, and screenshots to look at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (its own browser download is not used)."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make browser-deps)")
        pytest.skip("chromium is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


def shot(page: object, name: str) -> None:
    """Keep a full-page screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


EDGES = """() => {
  const seen = [];
  const under = el => {  // the colour an element is drawn on: the first ancestor with an opaque background
    for (let n = el.parentElement; n; n = n.parentElement) {
      const bg = getComputedStyle(n).backgroundColor;
      if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
    }
    return "rgb(255, 255, 255)";
  };
  document.querySelectorAll("main input:not([type=hidden]):not([type=checkbox]):not([type=radio])"
      + ":not([type=submit]):not([type=color]), main select, main textarea, input[type=search]").forEach(el => {
    const s = getComputedStyle(el);
    if (el.offsetParent === null || s.borderTopStyle === "none" || parseFloat(s.borderTopWidth) === 0) return;
    seen.push([el.name || el.id || el.tagName, s.borderTopColor, under(el)]);
  });
  return seen;
}"""


def weak_edges(page: object) -> list[tuple[str, str, str, float]]:
    """The page's text boxes and lists whose border has less than 3:1 against what is around them
    (WCAG 1.4.11): (name, border, background, ratio)."""
    from stinet.portal.contrast import contrast, hex_colour

    def rgb(text: str) -> str:
        return hex_colour(tuple(int(float(v)) for v in text[text.index("(") + 1:-1].split(",")[:3]))  # type: ignore[arg-type]

    found = page.evaluate(EDGES)  # type: ignore[attr-defined]
    assert found, "no field on the page"
    return [(name, border, bg, round(r, 2)) for name, border, bg in found
            if (r := contrast(rgb(border), rgb(bg))) < 3]

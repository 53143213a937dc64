"""What the form tests share: the accessibility of a page's forms, tables and buttons, read from its HTML."""

from __future__ import annotations

from collections import Counter

import lxml.html

NOT_LABELLED = {"hidden", "submit", "button", "reset", "image"}


def form_problems(page: str) -> list[str]:
    """What a screen reader would miss in the page's forms: a control without a label, a reference
    (label for, aria-describedby) to an id that is not there, an error that no field points at, an
    invalid field not described by its error, a group of checkboxes or radio buttons without a
    fieldset and legend, a link of an error summary to no field. An empty list: nothing."""
    doc = lxml.html.fromstring(page)
    ids = Counter(doc.xpath("//@id"))
    problems = [f"id {i!r} is used {n} times" for i, n in ids.items() if n > 1]
    for label in doc.xpath("//form//label[@for]"):
        if label.get("for") not in ids:
            problems.append(f"label {label.text_content().strip()!r} is for {label.get('for')!r}, which is not there")
    described: set[str] = set()
    for node in doc.xpath("//form//*[@aria-describedby]"):
        for ref in node.get("aria-describedby").split():
            described.add(ref)
            if ref not in ids:
                problems.append(f"{node.get('name') or node.tag} is described by {ref!r}, which is not there")
    for error in doc.xpath("//form//*[contains(concat(' ', @class, ' '), ' field ')]"
                           "//*[contains(concat(' ', @class, ' '), ' errorlist ')]"):
        if error.get("id") not in described:
            problems.append(f"the error {error.text_content().strip()!r} is not tied to its field")
    for link in doc.xpath("//*[contains(concat(' ', @class, ' '), ' error-summary ')]//a"):
        if link.get("href", "").removeprefix("#") not in ids:
            problems.append(f"the summary's {link.text_content().strip()!r} leads to {link.get('href')!r}, not there")
    for control in doc.xpath("//form//input | //form//select | //form//textarea"):
        if control.get("type") in NOT_LABELLED:
            continue
        name = control.get("name")
        if control.get("aria-invalid") == "true" and not _described(control, ids):
            problems.append(f"{name} is invalid but not described by its error")
        if not _labelled(control, doc):
            problems.append(f"{name} has no label")
        group = control.xpath(f"ancestor::form[1]//input[@name='{name}']")  # a group: in one form (a page may have
        if control.get("type") in ("checkbox", "radio") and len(group) > 1:  # several forms of the same fields)
            legend = control.xpath("ancestor::fieldset[1]/legend")
            if not legend or not legend[0].text_content().strip():
                problems.append(f"the group {name} has no fieldset with a legend")
    return problems


def _described(control: lxml.html.HtmlElement, ids: Counter[str]) -> bool:
    """The control, or the fieldset of its group, points at an element that exists."""
    holders = [control, *control.xpath("ancestor::fieldset[1]")]
    return any(ref in ids for node in holders for ref in (node.get("aria-describedby") or "").split())


def _labelled(control: lxml.html.HtmlElement, doc: lxml.html.HtmlElement) -> bool:
    """A <label for> names it, or a label around it, or an aria-label(ledby)."""
    if control.get("aria-label") or control.get("aria-labelledby") or control.xpath("ancestor::label"):
        return True
    return bool(control.get("id")) and bool(doc.xpath(f"//label[@for='{control.get('id')}']"))


def empty_header_cells(page: str) -> list[str]:
    """The tables' header cells that say nothing to a screen reader (their column's neighbours' names)."""
    doc = lxml.html.fromstring(page)
    return [" | ".join(c.text_content().strip() for c in th.getparent())
            for th in doc.xpath("//th") if not th.text_content().strip() and not th.get("aria-label")]


def button_names(page: str) -> list[str]:
    """What a screen reader calls each button of the page's content, in order (visually hidden text
    included, spaces folded)."""
    doc = lxml.html.fromstring(page)
    return [b.get("aria-label") or " ".join(b.text_content().split()) for b in doc.xpath("//main//button")]

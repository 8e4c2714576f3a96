"""Admonitions written without a title (``!!! tip``, ``??? note``) titled in the page's language.

Python-Markdown's admonition and pymdownx.details title such a box with its type,
capitalised: "Tip" and "Note" on a Japanese course too. This Markdown extension gives those
default titles in the language of the page being converted (``language``, set before each
page) from the ``admonition.<type>`` texts; a title the author wrote stays as written, and a
type with no text (a custom one) keeps its default.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .messages import Messages

# Material for MkDocs' admonition types and their aliases: the types a locale file titles.
ADMONITION_TYPES = (
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite",
)
# After inline processing (priority 20), so a title's text is final.
PRIORITY = 5


def admonition_titles(messages: Messages) -> dict[str, str]:
    """The titles ``messages`` give the admonition types, where they differ from the default."""
    titles = {kind: messages.text(f"admonition.{kind}") for kind in ADMONITION_TYPES}
    return {kind: title for kind, title in titles.items() if title != kind.capitalize()}


class AdmonitionTitles(Extension):
    """Set :attr:`titles` (from :func:`admonition_titles`) before converting each page."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: dict[str, str] = {}

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DefaultTitles(md, self), "syllabus_admonition_titles", PRIORITY)


class _DefaultTitles(Treeprocessor):
    def __init__(self, md: Markdown, extension: AdmonitionTitles) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        titles = self.extension.titles
        if not titles:
            return
        for box in root.iter():
            classes = (box.get("class") or "").split()
            if box.tag == "div" and classes[:1] == ["admonition"] and len(classes) > 1 and len(box):
                kind, title = classes[1], box[0]
                if title.tag != "p" or title.get("class") != "admonition-title":
                    continue
            elif box.tag == "details" and classes and len(box) and box[0].tag == "summary":
                kind, title = classes[0], box[0]
            else:
                continue
            if kind in titles and not len(title) and title.text == kind.capitalize():
                title.text = titles[kind]

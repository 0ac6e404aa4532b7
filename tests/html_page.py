"""Reading an HTML report back with the standard library's parser, as the tests need it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote


@dataclass
class Link:
    href: str
    text: str
    place: str  # data-place, "" if none
    chart: str  # data-chart of the chart the link is in ("" outside a chart)
    section: str  # id of the section it is in

    def target(self) -> tuple[str, int]:
        """(path, line) the link points at."""
        path, _, line = self.href.partition("#L")
        return unquote(path.removeprefix("./")), int(line)


@dataclass
class Page(HTMLParser):
    tags: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str, str | None]] = field(default_factory=list)  # tag, name, value
    scripts: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)  # id -> its h2
    charts: list[tuple[str, str]] = field(default_factory=list)  # (section id, data-chart)
    ends: list[str] = field(default_factory=list)
    _stack: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    _text: list[str] | None = None
    _skip: int = 0

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def _find(self, key: str) -> str:
        for _, attrs in reversed(self._stack):
            if key == "section" and "data-group" in attrs and attrs.get("id"):
                return attrs["id"] or ""
            if key == "chart" and attrs.get("data-chart"):
                return attrs["data-chart"] or ""
        return ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)
        found = dict(attrs)
        if tag == "svg" and found.get("data-chart"):
            self.charts.append((self._find("section"), found["data-chart"] or ""))
        self._stack.append((tag, found))
        if tag in ("a", "h2"):
            self._text = []
        if tag == "title" and self._text is not None:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        self.ends.append(tag)
        while self._stack:
            open_tag, attrs = self._stack.pop()
            if open_tag == tag:
                break
        else:
            return
        if tag == "title" and self._skip:
            self._skip -= 1
        elif tag == "a" and self._text is not None:
            self.links.append(Link(attrs.get("href") or "", "".join(self._text).strip(),
                                   attrs.get("data-place") or "", self._find("chart"),
                                   self._find("section")))
            self._text = None
        elif tag == "h2" and self._text is not None:
            if self._find("section"):
                self.sections[self._find("section")] = "".join(self._text).strip()
            self._text = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._stack and self._stack[-1][0] == "script":
            self.scripts.append(data)
        if self._text is not None and not self._skip:
            self._text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page

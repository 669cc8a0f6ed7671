"""What an HTML parse finds in a page: elements with their attributes, links, ids, script bodies, visible text."""

from __future__ import annotations

from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class Elements(HTMLParser):
    """Every (tag, attribute) pair, attribute values, script bodies and text of an HTML document or fragment."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()
        self.tags: set[str] = set()
        self.values: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.texts: list[str] = []
        self._script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.pairs.add((tag, name))
            self.values.append((tag, name, value or ""))
        self._script = tag == "script"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._script else self.texts).append(data)

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed."""
        return " ".join(" ".join(self.texts).split())

    @property
    def links(self) -> list[str]:
        return [value for _, name, value in self.values if name in {"href", "src"} and value]

    @property
    def ids(self) -> set[str]:
        return {value for _, name, value in self.values if name == "id" and value}


def foreign(found: Elements, allowed: Elements | None = None) -> list[str]:
    """What in `found` could only have come from data: handlers, script URLs, scripts that alert, and (when
    `allowed` is given) elements or attributes that the same page without hostile data does not have."""
    problems = [f"<{tag} {name}=...>" for tag, name, _ in found.values if name.lower().startswith("on")]
    problems += [f"<{tag} {name}={value!r}>" for tag, name, value in found.values
                 if name.lower() in URL_ATTRIBUTES and value.strip().lower().startswith(BAD_SCHEMES)]
    problems += [f"<script>{body[:60]!r}" for body in found.scripts if "alert" in body]
    if allowed is not None:
        problems += [f"<{tag}>" for tag in sorted(found.tags - allowed.tags)]
        problems += [f"<{tag} {name}>" for tag, name in sorted(found.pairs - allowed.pairs)]
    return problems

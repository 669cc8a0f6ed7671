"""Rendering pages through the Jinja2 templates in `templates/`, with autoescaping on.

Autoescaping is the site's one escaping mechanism for HTML: text from the data reaches a page only through a
template expression, which escapes it. Python code hands templates plain values, never pre-built markup; the
one exception is the project's own `CHANGELOG.md`, passed through as the Markdown it is.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .judgement import VERDICT_TIPS, judge
from .text import amount, capital, dose, humanize, label, span_range, unit


def front_matter_text(value: str) -> Markup:
    """A YAML string for front matter that the theme inserts into HTML as it is (`<title>`): escaped once."""
    flat = " ".join(str(value).split())
    return Markup(json.dumps(str(escape(flat)), ensure_ascii=True))


SYSTEMS = {"icd-10-cm": "ICD-10-CM", "icd-11": "ICD-11", "mesh": "MeSH", "atc": "ATC"}
TIPS = {
    "verdict": VERDICT_TIPS,
    "reliability": {
        "high": "The curator trusts this source.",
        "moderate": "Mostly trustworthy; check the flagged facts.",
        "low": "Treat with caution: commercial intent, errors or no references.",
        "very-low": "Treat every fact with caution; many are corrected or disputed.",
    },
    "stance": {
        "asserted": "The source states this as a fact.",
        "hedged": "The source hedges: it may, might or could be so.",
        "theory": "The source offers this as a theory.",
        "anecdotal": "The source reports this from experience or hearsay.",
        "recommended": "The source recommends this.",
        "cautioned": "The source warns about this.",
        "implied": "The source does not state this; it follows from its advice.",
        "negated": "The source says this is not so.",
    },
    "standing": {
        "approved": "An approved (licensed) use.",
        "established": "Established care: recommended by clinical guidelines or standard practice; no licence "
                       "applies.",
        "off-label": "Off-label: used outside the licensed indication.",
        "suggested": "Suggested by the source; not an established treatment.",
        "contested": "Contested: the evidence or clinical opinion is against this use.",
    },
}


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("sleepdata.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      comment_start_string="{##", comment_end_string="##}")  # `{#id}` is Markdown's anchor syntax
    env.filters.update(label=label, capital=capital, dose=dose, amount=amount, humanize=humanize, unit=unit,
                       front=front_matter_text)
    env.globals.update(span_range=span_range, judge=judge, tips=TIPS, systems=SYSTEMS)
    return env


def render(template: str, **context: Any) -> str:
    """The page or fragment `template` rendered with `context`."""
    return environment().get_template(template).render(**context)

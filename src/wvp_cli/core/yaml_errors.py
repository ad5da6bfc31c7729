"""PyYAML's and libyaml's syntax errors in Dutch.

The messages come from libyaml (or PyYAML's own scanner) in English; a casemanager who typed a
tab or forgot a quote reads what went wrong, and what to do, in the words of the rest of wvp.
A message no pattern knows keeps its English text after a Dutch lead, so nothing is lost.
"""

from __future__ import annotations

import re

_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), dutch)
    for pattern, dutch in (
        (
            r"^found character '?\\t'? that cannot start any token$|"
            r"^found a tab character (?:that violates indentation|where an indentation space is "
            r"expected)$",
            "een tab op een plek waar YAML spaties verwacht; spring in met spaties",
        ),
        (
            r"^found character (?:'(.+?)' )?that cannot start any token$",
            "dit teken kan geen waarde beginnen; zet de waarde tussen aanhalingstekens",
        ),
        (
            r"^mapping values are not allowed (?:here|in this context)$",
            "hier mag geen ':' staan; zet een tekst met een dubbele punt tussen aanhalingstekens, "
            "of begin een nieuwe regel voor de volgende sleutel",
        ),
        (
            r"^could not find expected ':'$",
            "na de sleutel ontbreekt een ':'",
        ),
        (
            r"^did not find expected key$|^expected <block end>, but found .*$",
            "hier wordt een sleutel verwacht; controleer het inspringen van deze regel",
        ),
        (
            r"^did not find expected '-' indicator$",
            "hier wordt een lijst-item ('- ') verwacht; controleer het inspringen",
        ),
        (
            r"^block sequence entries are not allowed (?:here|in this context)$",
            "hier mag geen lijst-item ('- ') beginnen; controleer het inspringen",
        ),
        (
            r"^found unexpected end of stream$",
            "het bestand houdt op voordat de tekst is afgesloten; sluit het aanhalingsteken",
        ),
        (
            r"^found unknown escape character.*$",
            "onbekende escape met '\\' in een tekst tussen dubbele aanhalingstekens; "
            "gebruik enkele aanhalingstekens of schrijf '\\\\'",
        ),
        (
            r"^did not find expected ',' or '\]'$|^expected ',' or '\]', but got .*$",
            "een lijst tussen [ ] is niet afgesloten; zet er een ']' achter",
        ),
        (
            r"^did not find expected ',' or '\}'$|^expected ',' or '\}', but got .*$",
            "een mapping tussen { } is niet afgesloten; zet er een '}' achter",
        ),
        (
            r"^did not find expected node content$|^expected the node content, but found .*$",
            "hier ontbreekt een waarde",
        ),
        (
            r"^did not find expected alphabetic or numeric character$|"
            r"^expected alphabetic or numeric character, but found .*$",
            "na '&' of '*' hoort een naam van letters of cijfers",
        ),
        (
            r"^did not find expected <document start>$|"
            r"^expected '<document start>', but found .*$",
            "na het einde van het document ('...') staat nog tekst; één case per bestand",
        ),
        (
            r"^found unknown directive name$|^found undefined tag handle$|"
            r"^found unexpected ':'$",
            "een regel die met '%' of '!' begint wordt hier niet begrepen; "
            "zet de waarde tussen aanhalingstekens",
        ),
        (
            r"^did not find expected comment or line break$|"
            r"^expected a comment or a line break, but found .*$",
            "na deze waarde hoort niets meer op de regel (alleen een # opmerking)",
        ),
        (
            r"^found undefined alias$|^found undefined alias .*$",
            "een alias (*naam) zonder anker",
        ),
    )
)

_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("while scanning a simple key", "bij een sleutel"),
    ("while parsing a block mapping", "in een mapping"),
    ("while parsing a block collection", "in een lijst"),
    ("while parsing a flow sequence", "in een lijst tussen [ ]"),
    ("while parsing a flow mapping", "in een mapping tussen { }"),
    ("while scanning a quoted scalar", "in een tekst tussen aanhalingstekens"),
    ("while parsing a quoted scalar", "in een tekst tussen aanhalingstekens"),
    ("while scanning a double-quoted scalar", "in een tekst tussen aanhalingstekens"),
    ("while scanning a block scalar", "in een blok-tekst (| of >)"),
    ("while scanning a plain scalar", "in een waarde"),
    ("while scanning an anchor", "bij een anker (&)"),
    ("while scanning an alias", "bij een alias (*)"),
    ("while scanning a directive", "bij een regel die met % begint"),
    ("while scanning a tag", "bij een tag (!)"),
    ("while parsing a tag", "bij een tag (!)"),
)
# Contexts that add nothing for a reader once the problem is in Dutch.
_SILENT = re.compile(
    r"^while (?:scanning for the next token|parsing a (?:block|flow) node|parsing a node)"
)


def dutch_syntax_error(problem: str | None, context: str | None, char: str = "") -> str:
    """`YAML-syntaxfout: …` in Dutch for libyaml's `problem` and `context`; `char` is the
    character at the problem's position (libyaml does not name the tab it stopped at)."""
    text = (problem or "").strip()
    if char == "\t" and text.startswith("found character") and "cannot start" in text:
        text = "found a tab character where an indentation space is expected"
    for pattern, dutch in _PROBLEMS:
        if pattern.match(text):
            message = dutch
            break
    else:
        message = f"onleesbare YAML ({text})" if text else "onleesbare YAML"
    where = (context or "").strip()
    if where and not _SILENT.match(where):
        said = next((nl for en, nl in _CONTEXTS if where.startswith(en)), None)
        message += f" ({said})" if said else f" ({where})"
    return f"YAML-syntaxfout: {message}"

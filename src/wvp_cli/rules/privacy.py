"""Privacy rules (WVP4xx): what an employer's sickness dossier may not hold (spec section 5).

These are `file` rules: they run on every loaded file, also on one with a typo or a YAML syntax
error, because a dossier with a mistake in it is still a dossier. They read the plain data and,
for exact columns, the text of the file.

Machine output (json, github, CI logs) must not repeat what is flagged: every finding's `message`
masks the flagged text (`b*****t`), and only `private_message`, shown on a terminal, spells it out.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from wvp_cli.core import model
from wvp_cli.core.findings import Finding, Location, Severity, YamlPath
from wvp_cli.privacy import terms as privacy_terms
from wvp_cli.rules import REGISTRY, RepoContext, rule

if TYPE_CHECKING:
    from wvp_cli.core.loader import LoadedFile

_AP = "AP-beleidsregels De zieke werknemer; AVG art. 9"
_BSN_SOURCE = "UAVG art. 46; Wabb art. 10"

#: The explanation every medical finding carries. It names no term itself (a test checks that).
_WHY_MEDICAL = (
    "een werkgever mag geen gezondheidsgegevens vastleggen (wat de werknemer mankeert, welke "
    "zorg of middelen, bij wie), ook niet met toestemming; noteer alleen mogelijkheden en "
    "beperkingen, de verwachte duur en afspraken over werk"
)
_WHY_PREGNANCY = (
    "een zwangerschap mag niet als oorzaak van het verzuim in het dossier staan; leg alleen het "
    "verlof vast in de lijst 'leave:'"
)

#: Keys whose value names a person, an organisation, a job or a code, not the employee's
#: health: a physiotherapist's job title or a hospital as employer is no medical data.
_NOT_HEALTH_TEXT = frozenset(
    {
        "name",
        "job",
        "skills",
        "business",
        "casemanager",
        "bedrijfsarts",
        "arbodienst",
        "adviser",
        "provider",
        "by",
        "id",
        "type",
        "email",
        "phone",
        "milestone",
        "conclusion",
        "requested_by",
    }
)

_INFLECTIONS = ("", "s", "'s", "e", "en", "n", "es", "ën", "er", "ere")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_BSN_LIKE = re.compile(r"(?<![\d\-+./,])\d{8,9}(?![\d]|[\-./,]\d)")


def mask(text: str) -> str:
    """`behandeling` -> `b*********g`: the first and last character, stars between."""
    if len(text) < 3:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 2) + text[-1]


def elfproef(number: str) -> bool:
    """The BSN check of spec section 5: 9 digits (8 are left-padded with a zero), weights
    9..2 and -1, the sum divisible by 11, and not all zeros."""
    if not (number.isascii() and number.isdigit() and len(number) in (8, 9)):
        return False
    digits = [int(d) for d in number.zfill(9)]
    if not any(digits):
        return False
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits, strict=False)) - digits[8]
    return total % 11 == 0


# --- the word matcher -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    word: str
    category: str
    head: bool  # may be the last part of a compound (`*pijn`: rugpijn)
    modifier: bool  # may be the first part of a compound (`huisarts*`: huisartsafspraak)

    @classmethod
    def parse(cls, spec: str, category: str) -> Term | None:
        word = spec.strip().lower()
        head, modifier = word.startswith("*"), word.endswith("*")
        word = word.strip("*").strip()
        return cls(word, category, head, modifier) if word else None

    def matches(self, word: str) -> bool:
        for ending in _INFLECTIONS:
            full = self.word + ending
            if word == full or (self.head and word.endswith(full) and len(word) - len(full) >= 2):
                return True
        return self.modifier and word.startswith(self.word) and len(word) - len(self.word) >= 3


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words, factored by common prefixes: a plain alternation of a few
    hundred words costs a backtracking attempt per word at every position of a long text."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alternatives = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@dataclass(frozen=True)
class Hit:
    start: int  # offset in the text
    word: str  # the flagged text as written
    term: Term


class Matcher:
    """Finds terms in text on word boundaries, case-insensitively, compounds included."""

    def __init__(self, terms: Iterable[Term], allowed: Iterable[str]) -> None:
        self.terms = tuple(t for t in terms if t.word)
        self.allowed = frozenset(
            a.lower() + ending for a in allowed if a.strip() for ending in _INFLECTIONS
        )
        self._memo: dict[str, Term | None] = {}
        if not self.terms:
            self._quick: re.Pattern[str] | None = None
            return
        # A cheap pre-filter: only text that holds some term's letters goes through the loop.
        self._quick = re.compile(_trie_pattern({t.word for t in self.terms}))

    def is_allowed(self, word: str) -> bool:
        return word in self.allowed or word.replace("-", "") in self.allowed

    def term_of(self, word: str) -> Term | None:
        """The term that flags one lower-case word, or None."""
        if word in self._memo:
            return self._memo[word]
        term = None
        if self._quick is not None and self._quick.search(word) and not self.is_allowed(word):
            term = next((t for t in self.terms if t.matches(word)), None)
        if len(self._memo) < 50_000:  # words repeat; a hostile file must not grow this forever
            self._memo[word] = term
        return term

    def could_match(self, text: str) -> bool:
        """Whether `text` holds the letters of some term at all (one pass in C)."""
        return self._quick is not None and self._quick.search(text.lower()) is not None

    def find(self, text: str) -> Iterator[Hit]:
        """Every flagged word of `text`, at most one per word (a hyphenated word is one)."""
        if self._quick is None or self._quick.search(text.lower()) is None:
            return  # the common case, and one pass in C for a long text without any term
        for token in _TOKEN.finditer(text):
            hit = self._token(token.group(), token.start(), text)
            if hit is not None:
                yield hit

    def _token(self, token: str, start: int, text: str) -> Hit | None:
        lower = token.lower()
        term = self.term_of(lower)
        if term is None and "-" in lower:
            term = self.term_of(lower.replace("-", ""))
        if term is not None:
            end = start + len(token)
            # "zwangerschaps- en bevallingsverlof": the allowed word ends with its hyphen
            if self.is_allowed(lower + text[end : end + 1]):
                return None
            return Hit(start, token, term)
        if "-" not in token:
            return None
        offset = 0
        for part in token.split("-"):
            term = self.term_of(part.lower())
            if term is not None:
                return Hit(start + offset, part, term)
            offset += len(part) + 1
        return None


def _option_words(options: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = options.get(name)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str) and v.strip())


@functools.lru_cache(maxsize=16)
def _matchers(extra: tuple[str, ...], allow: tuple[str, ...]) -> tuple[Matcher, Matcher]:
    terms = [
        t
        for category, specs in privacy_terms.TERMS.items()
        for t in (Term.parse(s, category) for s in specs)
        if t is not None
    ]
    terms += [t for t in (Term.parse(s, "extra") for s in extra) if t is not None]
    allowed = (*privacy_terms.ALLOWED, *allow)
    medical = Matcher(terms, allowed)
    pregnancy_terms = (Term.parse(s, "zwangerschap") for s in privacy_terms.PREGNANCY)
    pregnancy = Matcher(
        (t for t in pregnancy_terms if t is not None),
        (*privacy_terms.PREGNANCY_LEAVE, *allow),
    )
    return medical, pregnancy


def matchers(options: Mapping[str, Any]) -> tuple[Matcher, Matcher]:
    """The medical and the pregnancy matcher, with `privacy.extra_terms` and `privacy.allow`."""
    extra = _option_words(options, "privacy.extra_terms")
    allow = _option_words(options, "privacy.allow")
    return _matchers(extra, allow)


def redact(message: str, options: Mapping[str, Any]) -> str:
    """`message` with every medical term masked. Other rules quote what a user wrote (an
    unknown key, a value outside the allowed set); machine output must not spread it."""
    medical, _ = matchers(options)
    hits = list(medical.find(message))
    for hit in reversed(hits):
        end = hit.start + len(hit.word)
        message = message[: hit.start] + mask(hit.word) + message[end:]
    return message


# --- walking a file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """One piece of text of a file: a string value, a key, or (for unparsable files) a line."""

    path: YamlPath
    text: str
    kind: str  # "value", "key", "line" or "comment"
    #: The last key on the path (`summary` for events[3].summary).
    key: str | None = None
    #: Where the text starts, when the walk knows it (lines and comments); else from the map.
    start: tuple[int, int] | None = None

    def at(self, loaded: LoadedFile, offset: int) -> tuple[int, int]:
        """The (line, column) of `offset` in the text. Looked up only for a finding: most
        texts hold nothing to report, and the source map is not cheap to read at scale."""
        if self.start is not None:
            return self.start[0], self.start[1] + offset
        if self.kind == "key":
            line, col = loaded.source.keys.get(self.path, (1, 1))
            return line, col + offset
        start = loaded.source.values.get(self.path, (1, 1))
        return _value_positions(loaded.text.splitlines(), start, self.text)(offset)


def _known_keys() -> frozenset[str]:
    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(f.alias or n for n, f in obj.model_fields.items())
    return frozenset(names)


KNOWN_KEYS = _known_keys()


def _value_positions(
    lines: Sequence[str], start: tuple[int, int], value: str
) -> Callable[[int], tuple[int, int]]:
    """Exact positions inside a plain or a single-line quoted scalar whose text in the file is
    the value itself; for anything else (block scalars, folded or escaped text) the start."""
    line, col = start
    if "\n" not in value and 1 <= line <= len(lines):
        rest = lines[line - 1][col - 1 :]
        if rest.startswith(value):
            return lambda i: (line, col + i)
        quote = rest[:1]
        closed = rest[1 + len(value) : 2 + len(value)] == quote
        if quote in ("'", '"') and rest[1:].startswith(value) and closed:
            return lambda i: (line, col + 1 + i)
    return lambda i: start


#: The texts of the file the rules look at now: five privacy rules read the same file one after
#: the other, and walking it is most of their cost. Keyed by identity, one file at a time.
_last_texts: list[tuple[LoadedFile, tuple[_Text, ...]]] = []


def _texts(loaded: LoadedFile) -> tuple[_Text, ...]:
    """Every key and text value of a file (or its lines, when it could not be parsed)."""
    if _last_texts and _last_texts[0][0] is loaded:
        return _last_texts[0][1]
    texts = tuple(_walk_texts(loaded))
    _last_texts[:] = [(loaded, texts)]
    return texts


def _walk_texts(loaded: LoadedFile) -> Iterator[_Text]:
    if loaded.data is None:
        for number, line in enumerate(loaded.text.splitlines(), start=1):
            yield _Text((), line, "line", start=(number, 1))
        return
    stack: list[tuple[YamlPath, str | None, Any]] = [((), None, loaded.data)]
    while stack:
        path, last, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                child = (*path, key)
                yield _Text(child, str(key), "key", key=str(key))
                stack.append((child, str(key), value))
        elif isinstance(node, list):
            stack.extend(((*path, i), last, v) for i, v in enumerate(node))
        elif isinstance(node, str | int) and not isinstance(node, bool):
            text = node if isinstance(node, str) else str(node)
            yield _Text(path, text, "value", key=last)


def _may_hold(loaded: LoadedFile, matcher: Matcher) -> bool:
    """Whether any key, value or comment of the file can hold a term of `matcher`. Each is a
    piece of the file's text, except what a backslash escape spells in a double-quoted scalar,
    so one search of the whole text settles it for almost every file."""
    return "\\" in loaded.text or matcher.could_match(loaded.text)


#: A run of 8 ASCII digits or more, whole (the search starts at its first digit and is
#: greedy). Only ASCII digits pass the elfproef; [0-9] is twice as fast as \d here.
_DIGIT_RUN = re.compile(r"[0-9]{8,}")


#: Marks of YAML integers not written as their decimal digits, whose value is what WVP404
#: reads: a radix (0x, 0b, 0o) and, after a digit, an underscore (123_456) or a colon
#: (sexagesimal 34293:33:02; also any time of day). Each is searched on its own, from its
#: first character: one pattern with all of them costs ten times as much.
_RADIX = re.compile("0[xXbBoO]")
_AFTER_DIGIT = (re.compile("_[0-9]"), re.compile(":[0-9]"))
_OCTAL = frozenset("01234567")


def _other_integers(text: str, runs: Sequence[str]) -> bool:
    """Whether `text` may hold an integer not written in decimal. `runs` are its runs of 8
    digits or more; an octal one (0 and eight or more of 0-7) can have 8 or 9 decimal digits."""
    if _RADIX.search(text):
        return True
    for mark in _AFTER_DIGIT:
        for match in mark.finditer(text):
            if match.start() > 0 and text[match.start() - 1].isdigit():
                return True
    return any(len(run) >= 9 and run[0] == "0" and _OCTAL.issuperset(run) for run in runs)


def _may_hold_bsn(loaded: LoadedFile) -> bool:
    """Whether a number that WVP404 reports can stand anywhere in the file. Each key and text
    value is a piece of the file's text, except what a backslash escape spells and an integer
    not written in decimal; otherwise such a number is a run of 8 or 9 digits in the text that
    passes the elfproef, and the one of employee.bsn does not count. So one search of the
    whole text settles it for almost every file."""
    text = loaded.text
    every = _DIGIT_RUN.findall(text)
    if "\\" in text or _other_integers(text, every):
        return True
    runs = [run for run in every if len(run) <= 9 and elfproef(run)]
    own = _bsn_value(loaded)
    if isinstance(own, str | int) and not isinstance(own, bool) and str(own).strip() in runs:
        runs.remove(str(own).strip())
    return bool(runs)


_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#(.*)$", re.MULTILINE)


def _comments(loaded: LoadedFile) -> Iterator[_Text]:
    """What may be YAML comments: text after a `#` at the start of a line or after a blank.
    Such a `#` can also stand inside a quoted or block scalar; `is_comment` tells for sure."""
    if loaded.data is None or "#" not in loaded.text:
        return
    for match in _COMMENT.finditer(loaded.text):
        line, col = _line_col(loaded.text, match.start(1))
        yield _Text((), match.group(1), "comment", start=(line, col))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _scalar_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(line, column) start and end of every scalar token, 1-based: where a `#` is content."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans = []
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                a, b = token.start_mark, token.end_mark
                spans.append((a.line + 1, a.column + 1, b.line + 1, b.column + 1))
    except yaml.YAMLError:
        return []
    return spans


def is_comment(spans: Sequence[tuple[int, int, int, int]], line: int, column: int) -> bool:
    """Whether the `#` just before (line, column) lies outside every scalar."""
    at = (line, column - 1)
    return not any((a, b) <= at < (c, d) for a, b, c, d in spans)


def _where(path: YamlPath) -> str:
    dotted = Location("", path=path).dotted
    return f" in {dotted}" if dotted else ""


def _finding(
    code: str,
    loaded: LoadedFile,
    piece: _Text,
    offset: int,
    message: str,
    private: str,
    severity: Severity | None = None,
) -> Finding:
    this = REGISTRY[code]
    line, col = piece.at(loaded, offset)
    loc = Location(loaded.file, line, col, piece.path)
    return Finding(
        this.code,
        severity or this.severity,
        message,
        loc,
        loaded.case_id,
        None,
        private,
    )


# --- the rules ---------------------------------------------------------------------------------

#: A file that trips a rule more often than this is reported this often: the point is made,
#: and a hostile file must not turn into a flood of findings.
MAX_PER_FILE = 50

_FileRule = Callable[["LoadedFile", RepoContext], Iterator[Finding]]


def _capped(check: _FileRule) -> _FileRule:
    @functools.wraps(check)
    def capped(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Finding]:
        return itertools.islice(check(loaded, ctx), MAX_PER_FILE)

    return capped


def _key_parts(key: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", key)
    return [p for p in re.split(r"[\s_.\-]+", spaced.lower()) if p]


@rule(
    "WVP400",
    "medisch-veld",
    "Geen velden voor medische gegevens",
    Severity.ERROR,
    _AP,
    scope="file",
)
@_capped
def medical_key(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Finding]:
    """A key that names medical data: `diagnose`, `ziekte`, `klachten`, `medicatie`,
    `behandeling`, `huisarts`, ... in Dutch or English, alone or as part of a key
    (`medische_notities`, `treatmentPlan`). Keys the case format defines are never flagged.

    Source: AP-beleidsregels De zieke werknemer; AVG art. 9 (health data is a special category).
    Why: an unknown key is already an error (WVP010), but fixing its spelling is not the fix
    here: the employer may not record this at all, not even with the employee's consent. The
    finding says so, and asks to remove the key and its value.

    Passing example:
        - type: probleemanalyse
          possibilities: "Kan 4 uur per dag licht administratief werk doen."
    Failing example:
        employee:
          name: "A. Jansen"
          diagnose: "..."          # remove the field and its value
    """
    if loaded.case is not None:
        return  # a valid case holds only the keys of the format, and those are never flagged
    medical, _ = matchers(ctx.options)
    for piece in _texts(loaded):
        if piece.kind != "key" or piece.text in KNOWN_KEYS:
            continue
        parts = _key_parts(piece.text)
        flagged = next(
            (
                p
                for p in parts
                if not medical.is_allowed(p)
                and (p in privacy_terms.MEDICAL_KEYS or medical.term_of(p) is not None)
            ),
            None,
        )
        if flagged is None:
            continue
        shown, full = mask(piece.text), piece.text
        tail = (
            f"{_where(piece.path[:-1])} benoemt medische gegevens; verwijder het veld met zijn "
            f"waarde helemaal, want {_WHY_MEDICAL} ({_AP})"
        )
        yield _finding(
            "WVP400",
            loaded,
            piece,
            0,
            f"veld '{shown}'{tail}",
            f"veld '{full}'{tail}",
        )


@rule(
    "WVP401",
    "medische-term",
    "Geen medische termen in vrije tekst",
    Severity.ERROR,
    _AP,
    scope="file",
)
@_capped
def medical_term(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Finding]:
    """Free text that names a diagnosis, a condition, a complaint or symptom, a treatment,
    medication or a care provider. Matched on word boundaries and case-insensitively, with
    Dutch compounds where the term is a clear part (`rugpijn`, `huisartsafspraak`,
    `huisarts-afspraak`); words that are fine in this domain are allowed (`bedrijfsarts`,
    `arbeidsdeskundige`, `arbodienst`, `verzuim`, `ziekmelding`, `ziektewet`, `re-integratie`,
    `belastbaarheid`, `arbeidstherapeutisch`, ...). Names, job titles and the employer's
    business are not read (a physiotherapist's job is no health data). Configure with
    `privacy.extra_terms` (more terms; `*` marks where a compound may continue, as in
    `*pijn` or `huisarts*`) and `privacy.allow` (words that are fine in your dossiers).
    A file whose YAML cannot be read is still scanned, line by line; YAML comments are scanned
    too (they end up in git just the same).

    Source: AP-beleidsregels De zieke werknemer; AVG art. 9.
    Why: the employer's dossier may hold functional possibilities and limitations, the expected
    duration and appointments about work, never what the employee has or how it is treated -
    even when the employee volunteers it. CI logs are not a place for it either: machine output
    masks the word (`b*********g`), only the terminal shows it in full.

    Passing example:
        possibilities: "Kan 4 uur per dag licht administratief werk doen; niet tillen."
    Failing example:
        summary: "Werknemer heeft morgen een afspraak voor behandeling."
    """
    medical, _ = matchers(ctx.options)
    if not _may_hold(loaded, medical):
        return
    spans: list[tuple[int, int, int, int]] | None = None
    for piece in itertools.chain(_texts(loaded), _comments(loaded)):
        if piece.kind == "key" or piece.key in _NOT_HEALTH_TEXT:
            continue
        for hit in medical.find(piece.text):
            if piece.kind == "comment":
                # Rare: only a comment that holds a term pays for a scan of the tokens.
                spans = _scalar_spans(loaded.text) if spans is None else spans
                if not is_comment(spans, *piece.at(loaded, 0)):
                    break
            where = " in een commentaarregel" if piece.kind == "comment" else _where(piece.path)
            yield _finding(
                "WVP401",
                loaded,
                piece,
                hit.start,
                f"medische term '{mask(hit.word)}'{where}: {_WHY_MEDICAL} ({_AP})",
                f"medische term '{hit.word}' ({hit.term.category}){where}: {_WHY_MEDICAL} ({_AP})",
            )


@rule(
    "WVP402",
    "zwangerschap-als-oorzaak",
    "Geen zwangerschap als oorzaak van verzuim",
    Severity.ERROR,
    _AP,
    scope="file",
)
@_capped
def pregnancy_as_cause(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Finding]:
    """Free text that names a pregnancy, childbirth or a miscarriage (`zwanger`,
    `zwangerschap`, `zwangerschapsgerelateerd`, `pregnancy`, ...). The leave itself is fine:
    the `leave:` list records it, and the words `zwangerschapsverlof`, `bevallingsverlof` and
    `zwangerschaps- en bevallingsverlof` are not flagged.

    Source: AP-beleidsregels De zieke werknemer; AVG art. 9 (spec section 5: "A pregnancy may
    not be recorded as the cause of absence").
    Why: the clock needs only the dates of the leave; a pregnancy named as the reason for
    sickness is health data, and recording it invites unequal treatment.

    Passing example:
        leave:
          - {from: 2026-03-02, to: 2026-06-21}
        note: "Zwangerschapsverlof volgens planning."
    Failing example:
        note: "Uitval door de zwangerschap."
    """
    _, pregnancy = matchers(ctx.options)
    if not _may_hold(loaded, pregnancy):
        return
    for piece in _texts(loaded):
        if piece.kind == "key" or piece.key in _NOT_HEALTH_TEXT:
            continue
        for hit in pregnancy.find(piece.text):
            where = _where(piece.path)
            yield _finding(
                "WVP402",
                loaded,
                piece,
                hit.start,
                f"tekst '{mask(hit.word)}'{where} noemt een zwangerschap: {_WHY_PREGNANCY} ({_AP})",
                f"tekst '{hit.word}'{where} noemt een zwangerschap: {_WHY_PREGNANCY} ({_AP})",
            )


def _bsn_value(loaded: LoadedFile) -> Any:
    data = loaded.data
    employee = data.get("employee") if isinstance(data, dict) else None
    return employee.get("bsn") if isinstance(employee, dict) else None


@rule(
    "WVP403",
    "bsn-elfproef",
    "BSN haalt de elfproef",
    Severity.ERROR,
    "wvp case-format 1 (employee.bsn); " + _BSN_SOURCE,
    scope="file",
)
@_capped
def bsn_checksum(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Finding]:
    """`employee.bsn`, when present, is a real BSN: 9 digits (an 8-digit number is read with a
    leading zero) that pass the elfproef, `9*d1 + 8*d2 + ... + 2*d8 - 1*d9` divisible by 11,
    and not all zeros.

    Source: wvp case-format 1; UAVG art. 46 and Wabb art. 10 (a BSN only where the law asks for
    it, and then the right one).
    Why: a mistyped BSN on a UWV form sends the dossier to the wrong person or stalls it.
    The message masks the number (`1*******9`); only the terminal shows it in full.

    Passing example:
        bsn: "123456782"
    Failing example:
        bsn: "123456789"
    """
    value = _bsn_value(loaded)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return
    text = value.strip() if isinstance(value, str) else str(value)
    if not text or elfproef(text):
        return
    path: YamlPath = ("employee", "bsn")
    where = loaded.source.locate(path)
    if text.isascii() and text.isdigit() and len(text) in (8, 9):
        why = "haalt de elfproef niet; controleer het nummer op het identiteitsbewijs"
    else:
        why = "is geen BSN: een BSN heeft 9 cijfers (of 8 met een voorloopnul), zonder spaties"
    tail = f" in employee.bsn {why} ({_BSN_SOURCE})"
    yield Finding(
        "WVP403",
        REGISTRY["WVP403"].severity,
        f"BSN '{mask(text)}'{tail}",
        where,
        loaded.case_id,
        None,
        f"BSN '{text}'{tail}",
    )


@rule(
    "WVP404",
    "bsn-buiten-employee",
    "Geen BSN buiten employee.bsn",
    Severity.WARNING,
    _BSN_SOURCE,
    scope="file",
)
@_capped
def bsn_elsewhere(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Finding]:
    """A number of 8 or 9 digits that passes the elfproef anywhere else in the file (a note, a
    document name, a key): it looks like a BSN.

    Source: UAVG art. 46; Wabb art. 10 (a BSN may be used only where the law requires it).
    Why: the BSN belongs in `employee.bsn`, where wvp checks it and can leave it out of
    documents that do not need it; a copy in free text ends up in every document and log.

    Passing example:
        note: "Dossiernummer 2026-014."
    Failing example:
        note: "BSN 123456782 doorgegeven aan UWV."
    """
    if not _may_hold_bsn(loaded):
        return
    for piece in _texts(loaded):
        if piece.path == ("employee", "bsn") or piece.key == "phone":
            continue
        for match in _BSN_LIKE.finditer(piece.text):
            number = match.group()
            if not elfproef(number):
                continue
            where = _where(piece.path)
            tail = (
                f"{where} lijkt een BSN; een BSN hoort alleen in employee.bsn, en alleen waar de "
                f"wet het vraagt ({_BSN_SOURCE})"
            )
            yield _finding(
                "WVP404",
                loaded,
                piece,
                match.start(),
                f"nummer '{mask(number)}'{tail}",
                f"nummer '{number}'{tail}",
            )

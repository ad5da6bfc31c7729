"""Finding sensitive text: medical terms and BSN-like numbers, whatever way they are written.

Pure functions over strings; no YAML, no rules. The privacy rules (rules/privacy.py) use the
matchers, and the engine masks every finding's message and case id with `redact`, so that
machine output never repeats what a case file should not hold (AP-beleidsregels De zieke
werknemer; AVG art. 9; UAVG art. 46).

Text is folded before it is matched, so that a small alteration does not hide a term: case,
compatibility forms (NFKC: full-width letters, ligatures such as `ﬁ`), accents and other
combining marks (`depressíe`), format characters (a soft hyphen from Word, zero-width
spaces), and letters of other scripts that look like Latin ones (Cyrillic `е`, Greek `ο`).
A hit is reported at its place in the text as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from wvp_cli.privacy import terms as privacy_terms

_INFLECTIONS = ("", "s", "'s", "e", "en", "n", "es", "ën", "er", "ere")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
#: A word broken off with a hyphen at the end of a line ("behan-" / "deling"): in a plain YAML
#: scalar the line break reads as a space.
_BROKEN = re.compile(r"([^\W\d_]+)-\s+([^\W\d_]+)", re.UNICODE)


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


# --- folding ---------------------------------------------------------------------------------

#: Letters of other scripts that look like Latin ones, and Latin letters that NFKD does not
#: take apart (a ligature, a stroke).
_LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɑ": "a", "ɡ": "g", "ı": "i",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c",
    # Latin letters without a decomposition
    "æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŀ": "l",
}  # fmt: skip
_FOLD_TABLE = str.maketrans(_LOOKALIKES)
#: Format characters (Cf: soft hyphen, zero-width space and joiners, bidi controls, BOM) and
#: combining marks (accents): dropped.
_DROPPED = ("Cf", "Mn", "Me")


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if unicodedata.category(char) in _DROPPED:
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED)
    return kept.lower().translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """`text` folded for matching (see the module's docstring); lower case."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text.lower())


def fold_quickly(text: str) -> str:
    """A superset of `fold(text)` for a pre-filter, mostly in C: `fold(text)` with every
    character that is still not ASCII left out. A term (ASCII once folded) that stands in
    `fold(text)` stands in this too. Only the runs of characters that are not ASCII (an `ë`, a
    dash) are folded one by one."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _NOT_ASCII.sub(lambda run: "".join(_ascii_fold(c) for c in run.group()), lowered)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=4096)
def _ascii_fold(char: str) -> str:
    return "".join(c for c in _fold_char(char) if c.isascii())


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters the offset in `text` it came from (plus
    one more entry: the length of `text`)."""
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else _fold_char(char)
        out.append(folded)
        offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return "".join(out), offsets


# --- the word matcher ------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    word: str
    category: str
    head: bool  # may be the last part of a compound (`*pijn`: rugpijn)
    modifier: bool  # may be the first part of a compound (`huisarts*`: huisartsafspraak)

    @classmethod
    def parse(cls, spec: str, category: str) -> Term | None:
        word = fold(spec.strip())
        head, modifier = word.startswith("*"), word.endswith("*")
        word = word.strip("*").strip()
        return cls(word, category, head, modifier) if word else None

    def matches(self, word: str) -> bool:
        for ending in _FOLDED_INFLECTIONS:
            full = self.word + ending
            if word == full or (self.head and word.endswith(full) and len(word) - len(full) >= 2):
                return True
        return self.modifier and word.startswith(self.word) and len(word) - len(self.word) >= 3


_FOLDED_INFLECTIONS = tuple(dict.fromkeys(fold(e) for e in _INFLECTIONS))


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
    """Finds terms in text on word boundaries, case-insensitively, compounds included, in
    folded text (see the module's docstring)."""

    def __init__(
        self, terms: Iterable[Term], allowed: Iterable[str], phrases: Iterable[str] = ()
    ) -> None:
        self.terms = tuple(t for t in terms if t.word)
        self.allowed = frozenset(
            fold(a) + ending for a in allowed if a.strip() for ending in _FOLDED_INFLECTIONS
        )
        #: Two words that are fine together although the first is a term ("psychische
        #: belasting"): first word -> the words that may follow it.
        self.phrases: dict[str, frozenset[str]] = {}
        for phrase in phrases:
            first, _, second = fold(phrase).partition(" ")
            self.phrases[first] = self.phrases.get(first, frozenset()) | {second}
        self._memo: dict[str, Term | None] = {}
        if not self.terms:
            self._quick: re.Pattern[str] | None = None
            self._ascii_terms = True
            return
        # A cheap pre-filter: only text that holds some term's letters goes through the loop.
        self._quick = re.compile(_trie_pattern({t.word for t in self.terms}))
        self._ascii_terms = all(t.word.isascii() for t in self.terms)

    def is_allowed(self, word: str) -> bool:
        return word in self.allowed or word.replace("-", "") in self.allowed

    def term_of(self, word: str) -> Term | None:
        """The term that flags one word (folded), or None."""
        if word in self._memo:
            return self._memo[word]
        term = None
        if self._quick is not None and self._quick.search(word) and not self.is_allowed(word):
            term = next((t for t in self.terms if t.matches(word)), None)
        if len(self._memo) < 50_000:  # words repeat; a hostile file must not grow this forever
            self._memo[word] = term
        return term

    def could_match(self, text: str) -> bool:
        """Whether `text` holds the letters of some term at all (one pass in C for ASCII
        text); when it does not, once more with a hyphen and the white space after it taken
        out, so that a word broken over two lines of a file is seen whole."""
        if self._quick is None:
            return False
        folded = fold_quickly(text) if self._ascii_terms else fold(text)
        if self._quick.search(folded) is not None:
            return True
        if not _broken_word(folded):
            return False
        return self._quick.search(_JOINED_LINES.sub("", folded)) is not None

    def find(self, text: str) -> Iterator[Hit]:
        """Every flagged word of `text`, at most one per word (a hyphenated word is one)."""
        if self._quick is None:
            return
        quick = fold_quickly(text) if self._ascii_terms else fold(text)
        if self._quick.search(quick) is None and not (
            "-" in quick
            and _BROKEN.search(quick) is not None
            and self._quick.search(_BROKEN.sub(r"\1\2", quick)) is not None
        ):
            return  # the common case, and one pass in C for a long text without any term
        folded = fold(text)
        joined = "-" in folded and _BROKEN.search(folded) is not None
        if text.isascii():
            offsets = None
        else:
            folded, offsets = _folded_with_offsets(text)

        def original(start: int, end: int) -> tuple[int, str]:
            if offsets is None:
                return start, text[start:end]
            begin, stop = offsets[start], offsets[end - 1] + 1
            return begin, text[begin:stop]

        found: set[int] = set()
        for token in _TOKEN.finditer(folded):
            hit = self._token(token.group(), token.start(), folded)
            if hit is not None:
                found.add(hit[0])
                start, word = original(hit[0], hit[0] + len(hit[1]))
                yield Hit(start, word, hit[2])
        if joined:
            for pair in _BROKEN.finditer(folded):
                first, second = pair.group(1), pair.group(2)
                if pair.start() in found or self.is_allowed(first + "-"):
                    continue
                whole = first + second
                term = self.term_of(whole)
                if term is not None and not any(self.term_of(p) for p in (first, second)):
                    start, word = original(pair.start(), pair.end())
                    yield Hit(start, word, term)

    def _token(self, token: str, start: int, text: str) -> tuple[int, str, Term] | None:
        term = self.term_of(token)
        if term is None and "-" in token:
            term = self.term_of(token.replace("-", ""))
        if term is not None:
            end = start + len(token)
            # "zwangerschaps- en bevallingsverlof": the allowed word ends with its hyphen
            if self.is_allowed(token + text[end : end + 1]):
                return None
            if self._phrase_allowed(token, text, end):
                return None
            return start, token, term
        if "-" not in token:
            return None
        offset = 0
        for part in token.split("-"):
            term = self.term_of(part)
            if term is not None:
                return start + offset, part, term
            offset += len(part) + 1
        return None

    def _phrase_allowed(self, token: str, text: str, end: int) -> bool:
        following = self.phrases.get(token)
        if not following:
            return False
        match = _NEXT_WORD.match(text, end)
        return match is not None and match.group(1) in following


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)", re.UNICODE)
#: A hyphen before white space (a line break with the next line's indentation, or a space of
#: a plain scalar folded from two lines): what `find` joins as one broken word.
_DASH_SPACE = re.compile(r"-\s")
_JOINED_LINES = re.compile(r"(?<=[^\W\d_])-\s+")


def _broken_word(text: str) -> bool:
    """Whether `text` holds a hyphen after a letter before white space. The hyphens of YAML
    list items are many: the plain search for `-` and a look at the letter before it is a
    hundred times faster than a look-behind tried at every position."""
    return any(m.start() and text[m.start() - 1].isalpha() for m in _DASH_SPACE.finditer(text))


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
    medical = Matcher(terms, allowed, privacy_terms.ALLOWED_PHRASES)
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


# --- BSN-like numbers ------------------------------------------------------------------------

_SEPARATORS = " .\\-\u00a0\u2007\u2009\u202f"
#: 9 digits, or 8 (a leading zero left off), on their own ...
_BSN_PLAIN = re.compile(r"(?<![\d\-+./,])\d{8,9}(?![\d]|[\-./,]\d)")
#: ... or in groups, as people write them: 123.456.782, 123 456 782, 1234.56.782, with the
#: same separator twice (a space, a dot, a hyphen, a non-breaking or thin space).
_GROUPS = (
    rf"(?:\d{{3}}([{_SEPARATORS}])\d{{3}}\1\d{{3}}"
    rf"|\d{{4}}([{_SEPARATORS}])\d{{2}}\2\d{{3}})"
)
_BSN_GROUPED = re.compile(rf"(?<![\d.,\-]){_GROUPS}(?![\d]|[.,\-]\d)")
#: For an id, a key or a message: any run of 8 or 9 digits, and any number in groups, also
#: right after a dot or before a hyphen (`employee.12...`, `123.456.782-2026`).
_BSN_ANY = re.compile(r"(?<!\d)\d{8,9}(?!\d)")
_BSN_GROUPED_ANY = re.compile(rf"(?<!\d){_GROUPS}(?!\d)")


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of another script (Arabic-Indic, Devanagari,
    full-width, ...) as its ASCII digit: one character for one, so offsets stay."""
    if text.isascii():
        return text
    return _NOT_ASCII.sub(lambda run: "".join(_ascii_digit(c) for c in run.group()), text)


@functools.lru_cache(maxsize=4096)
def _ascii_digit(char: str) -> str:
    value = unicodedata.decimal(char, None)
    return char if value is None else str(value)


def bsn_numbers(text: str, *, loose: bool = False) -> Iterator[tuple[int, str, str]]:
    """(offset, as written, digits) of every number in `text` that passes the elfproef, in the
    usual written forms. `loose` also takes a run of digits right after a dot or a hyphen
    (what a message quotes: `employee.123456782`)."""
    digits_text = ascii_digits(text)
    plain = _BSN_ANY if loose else _BSN_PLAIN
    for match in plain.finditer(digits_text):
        if elfproef(match.group()):
            yield match.start(), text[match.start() : match.end()], match.group()
    for match in (_BSN_GROUPED_ANY if loose else _BSN_GROUPED).finditer(digits_text):
        digits = re.sub(r"\D", "", match.group())
        if elfproef(digits):
            yield match.start(), text[match.start() : match.end()], digits


#: A quick look for digits in groups at all (no look-behind, so the search runs in C).
_GROUPED_QUICK = re.compile(rf"[0-9]{{3,4}}[{_SEPARATORS}][0-9]{{2,3}}[{_SEPARATORS}][0-9]{{3}}")


def grouped_bsn(text: str) -> bool:
    """Whether `text` (ASCII digits) holds a number in groups that passes the elfproef, in the
    loose sense (a superset of what `bsn_numbers` finds, loose or not)."""
    if _GROUPED_QUICK.search(text) is None:
        return False
    return any(elfproef(re.sub(r"\D", "", m.group())) for m in _BSN_GROUPED_ANY.finditer(text))


# --- masking ----------------------------------------------------------------------------------


def redact(message: str, options: Mapping[str, Any]) -> str:
    """`message` with every medical or pregnancy term and every BSN-like number masked. Other
    rules quote what a user wrote (an unknown key, a value outside the allowed set, a case
    id); machine output must not spread it."""
    medical, pregnancy = matchers(options)
    spans = [(hit.start, len(hit.word)) for hit in medical.find(message)]
    spans += [(hit.start, len(hit.word)) for hit in pregnancy.find(message)]
    spans += [(start, len(word)) for start, word, _ in bsn_numbers(message, loose=True)]
    for start, length in sorted(set(spans), reverse=True):
        end = start + length
        message = message[:start] + mask(message[start:end]) + message[end:]
    return message

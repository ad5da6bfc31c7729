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
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Location, Severity, YamlPath
from wvp_cli.privacy import scan
from wvp_cli.privacy import terms as privacy_terms
from wvp_cli.privacy.matcher import bsn_numbers, elfproef, fold, mask, matchers, redact
from wvp_cli.privacy.scan import KNOWN_KEYS, Text, comments, is_comment, scalar_spans, texts
from wvp_cli.rules import Problem, RepoContext, rule

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
        "type",
        "email",
        "phone",
        "milestone",
        "conclusion",
        "requested_by",
    }
)

__all__ = ["elfproef", "mask", "matchers", "redact"]


def _where(path: YamlPath) -> str:
    dotted = Location("", path=path).dotted
    return f" in {dotted}" if dotted else ""


def _problem(loaded: LoadedFile, piece: Text, offset: int, message: str, private: str) -> Problem:
    line, col = piece.at(loaded, offset)
    return Problem(message, Location(loaded.file, line, col, piece.path), private_message=private)


#: The hint of a finding that may be a false positive: how to allow a word that is fine.
ALLOW_HINT = (
    "; is dit woord hier geen gezondheidsgegeven, zet het dan onder [privacy] allow in wvp.toml"
)


# --- the rules ---------------------------------------------------------------------------------

#: A file that trips a rule more often than this is reported this often: the point is made,
#: and a hostile file must not turn into a flood of findings.
MAX_PER_FILE = 50

_FileRule = Callable[["LoadedFile", RepoContext], Iterator[Problem]]


def _capped(check: _FileRule) -> _FileRule:
    @functools.wraps(check)
    def capped(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Problem]:
        return itertools.islice(check(loaded, ctx), MAX_PER_FILE)

    return capped


def _key_parts(key: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", key)
    return [p for p in re.split(r"[\s_.\-]+", spaced.lower()) if p]


#: employer.loonheffingennummer: the employer's RSIN (it passes the elfproef), L, two digits.
_LOONHEFFINGEN = re.compile(r"\d{9}L\d{2}")


@rule(
    "WVP400",
    "medisch-veld",
    "Geen velden voor medische gegevens",
    Severity.ERROR,
    _AP,
    scope="file",
)
@_capped
def medical_key(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Problem]:
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
    for piece in texts(loaded):
        if piece.kind != "key" or piece.text in KNOWN_KEYS:
            continue
        parts = [fold(p) for p in _key_parts(piece.text)]
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
        yield _problem(
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
def medical_term(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Problem]:
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
    if not scan.may_hold(loaded, medical):
        return
    spans: list[tuple[int, int, int, int]] | None = None
    for piece in itertools.chain(texts(loaded), comments(loaded)):
        if piece.kind == "key" or piece.key in _NOT_HEALTH_TEXT:
            continue
        for hit in medical.find(piece.text):
            if piece.kind == "comment":
                # Rare: only a comment that holds a term pays for a scan of the tokens.
                spans = scalar_spans(loaded.text) if spans is None else spans
                if not is_comment(spans, *piece.at(loaded, 0)):
                    break
            where = " in een commentaarregel" if piece.kind == "comment" else _where(piece.path)
            tail = f"{where}: {_WHY_MEDICAL} ({_AP}){ALLOW_HINT}"
            yield _problem(
                loaded,
                piece,
                hit.start,
                f"medische term '{mask(hit.word)}'{tail}",
                f"medische term '{hit.word}' ({hit.term.category}){tail}",
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
def pregnancy_as_cause(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Problem]:
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
    if not scan.may_hold(loaded, pregnancy):
        return
    for piece in texts(loaded):
        if piece.kind == "key" or piece.key in _NOT_HEALTH_TEXT:
            continue
        for hit in pregnancy.find(piece.text):
            where = _where(piece.path)
            yield _problem(
                loaded,
                piece,
                hit.start,
                f"tekst '{mask(hit.word)}'{where} noemt een zwangerschap: {_WHY_PREGNANCY} ({_AP})",
                f"tekst '{hit.word}'{where} noemt een zwangerschap: {_WHY_PREGNANCY} ({_AP})",
            )


@rule(
    "WVP403",
    "bsn-elfproef",
    "BSN haalt de elfproef",
    Severity.ERROR,
    "wvp case-format 1 (employee.bsn); " + _BSN_SOURCE,
    scope="file",
)
@_capped
def bsn_checksum(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Problem]:
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
    value = scan.bsn_value(loaded)
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
    yield Problem(f"BSN '{mask(text)}'{tail}", where, private_message=f"BSN '{text}'{tail}")


@rule(
    "WVP404",
    "bsn-buiten-employee",
    "Geen BSN buiten employee.bsn",
    Severity.WARNING,
    _BSN_SOURCE,
    scope="file",
)
@_capped
def bsn_elsewhere(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Problem]:
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
    if not scan.may_hold_bsn(loaded):
        return
    spans: list[tuple[int, int, int, int]] | None = None
    for piece in itertools.chain(texts(loaded), comments(loaded)):
        if piece.path == ("employee", "bsn") or piece.key == "phone":
            continue
        if piece.path == ("employer", "loonheffingennummer") and _LOONHEFFINGEN.fullmatch(
            piece.text
        ):
            continue  # the employer's RSIN passes the elfproef by design: not a person's BSN
        # An id or a key is a name: a BSN stands in it also between hyphens or after a dot.
        loose = piece.kind == "key" or piece.key == "id"
        for start, written, _ in bsn_numbers(piece.text, loose=loose):
            if piece.kind == "comment":
                spans = scalar_spans(loaded.text) if spans is None else spans
                if not is_comment(spans, *piece.at(loaded, 0)):
                    break
            where = " in een commentaarregel" if piece.kind == "comment" else _where(piece.path)
            tail = (
                f"{where} lijkt een BSN; een BSN hoort alleen in employee.bsn, en alleen waar de "
                f"wet het vraagt ({_BSN_SOURCE})"
            )
            yield _problem(
                loaded,
                piece,
                start,
                f"nummer '{mask(written)}'{tail}",
                f"nummer '{written}'{tail}",
            )

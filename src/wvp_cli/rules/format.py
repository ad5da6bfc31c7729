"""File and format rules (WVP001-WVP016), checked by the loader while it reads a file.

They are registered here for `wvp rules`, for configuration, and for the meta tests.
"""

from __future__ import annotations

from wvp_cli.core import loader
from wvp_cli.rules import load_rule

_FORMAT = "wvp case-format 1 (docs/case-format.md)"

load_rule(
    loader.UNREADABLE,
    "bestand-onleesbaar",
    "Bestand kan niet worden gelezen",
    "wvp cli (exitcode 2)",
    """
    The file exists but cannot be read: no permission, a broken link, a folder where a file was
    expected. wvp then cannot do its job for that file and exits with code 2.

    Why: a dossier that cannot be read cannot be checked; silence would look like a pass.
    Fix: check the file's permissions, or remove the broken link.
    """,
)
load_rule(
    loader.TOO_LARGE,
    "bestand-te-groot",
    "Bestand is groter dan de limiet",
    "wvp cli",
    f"""
    Case files larger than {loader.MAX_FILE_BYTES // (1024 * 1024)} MiB are refused unread.

    Why: a real case file is a few kilobytes; a huge file is a mistake (an export, a log, an
    attachment) or an attack on the CI that runs wvp.
    Fix: keep documents out of the case file and refer to them with `document:`.
    """,
)
load_rule(
    loader.NOT_TEXT,
    "geen-tekst",
    "Bestand is geen UTF-8-tekst",
    _FORMAT,
    """
    The file holds a NUL byte, bytes that are not UTF-8, or characters YAML does not allow
    (control characters). The position of the first bad byte is reported.

    Fix: save the file as UTF-8 text.
    """,
)
load_rule(
    loader.SYNTAX,
    "yaml-syntax",
    "YAML-syntaxfout",
    "YAML 1.1",
    """
    The parser cannot read the file; the message is the parser's own, at the parser's position.

    Failing example:
        events:
          - type: evaluatie
           date: 2026-03-06      # wrong indentation
    """,
)
load_rule(
    loader.NOT_A_MAPPING,
    "geen-mapping",
    "Bestand is geen case (geen mapping)",
    _FORMAT,
    """
    A case file is one YAML mapping that starts with `wvp: 1`. An empty file, a file with only
    comments, or a top level that is a list or a single value is not a case.
    """,
)
load_rule(
    loader.DUPLICATE_KEY,
    "dubbele-sleutel",
    "Sleutel staat twee keer in dezelfde mapping",
    _FORMAT,
    """
    YAML parsers silently keep the last of two equal keys; wvp refuses, because one of the two
    values is then lost without anyone noticing.

    Failing example:
        - type: evaluatie
          date: 2026-03-06
          date: 2026-04-17
    """,
)
load_rule(
    loader.ALIAS,
    "yaml-anker-alias",
    "YAML-ankers en -aliassen zijn niet toegestaan",
    _FORMAT,
    """
    Anchors (`&x`) and aliases (`*x`) make one value appear in several places; in a dossier every
    fact is written where it belongs. Aliases are also the means of "billion laughs" attacks.
    """,
)
load_rule(
    loader.TAG,
    "yaml-tag",
    "Niet-standaard YAML-tag",
    _FORMAT,
    """
    Only the plain YAML types are allowed (text, numbers, true/false, dates, lists, mappings).
    Tags such as `!foo` or `!!python/object` are refused.
    """,
)
load_rule(
    loader.TOO_DEEP,
    "te-diep-genest",
    "Structuur te diep genest",
    "wvp cli",
    f"""
    A case file nests about five levels deep; more than {loader.MAX_DEPTH} levels is refused
    before the YAML is composed (deep nesting can crash a YAML composer).
    """,
)
load_rule(
    loader.UNKNOWN_KEY,
    "onbekend-veld",
    "Onbekend veld",
    _FORMAT,
    """
    Every key must be one the format knows; a typo must not pass silently. The message suggests
    the nearest known key ("bedoelde je 'goal'?").

    Failing example:
        - type: plan_van_aanpak
          goall: "Terugkeer in eigen functie"
    """,
)
load_rule(
    loader.MISSING,
    "verplicht-veld",
    "Verplicht veld ontbreekt of is leeg",
    _FORMAT,
    """
    Required: `wvp`, `id`, `employee.name`, `employer.name`, at least one `sickness` period with
    `from`, `events` (may be an empty list), and `type` and `date` on every event.
    """,
)
load_rule(
    loader.WRONG_TYPE,
    "verkeerd-type",
    "Waarde heeft het verkeerde type",
    _FORMAT,
    """
    A value of the wrong kind: a number where text is expected, a list where a mapping is
    expected. Text that YAML reads as a number or date can be quoted.

    Failing example:
        id: 2026-014-a
        employee:
          hours_per_week: "veel"
    """,
)
load_rule(
    loader.BAD_DATE,
    "ongeldige-datum",
    "Ongeldige datum",
    _FORMAT,
    """
    Dates are ISO dates, `JJJJ-MM-DD`. A date that does not exist (`2026-02-30`) or another
    spelling (`12-03-2026`, `12 maart`) is an error at its line and column.
    """,
)
load_rule(
    loader.VERSION,
    "formaatversie",
    "Onbekende of ontbrekende formaatversie",
    _FORMAT,
    """
    Every case file starts with `wvp: 1`, the version of the format. A version this wvp does not
    know is refused rather than misread.
    """,
)
load_rule(
    loader.BAD_VALUE,
    "ongeldige-waarde",
    "Waarde niet toegestaan",
    _FORMAT,
    """
    A value outside the allowed set, such as a `conclusion` other than eigen_werk, spoor_1,
    spoor_2 or spoor_1_en_2, or a `milestone` code that does not exist. The nearest allowed value
    is suggested.
    """,
)
load_rule(
    loader.UNKNOWN_EVENT,
    "onbekende-gebeurtenis",
    "Onbekend soort gebeurtenis",
    _FORMAT,
    """
    Event types are the milestone codes of the rules page plus evaluatie, bijstelling,
    deskundigenoordeel, tweede_spoor_plan and tweede_spoor_voortgang.

    Failing example:
        - type: plan_van_aanpk      # bedoelde je 'plan_van_aanpak'?
    """,
)

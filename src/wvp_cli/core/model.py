"""The case file, format 1, as typed and frozen values (see docs/case-format.md).

No I/O here: the loader turns YAML into plain data and validates it against these models.
Structural names are English, Poortwachter terms Dutch, exactly as the format fixes them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from wvp_cli.core.milestones import MILESTONES, MilestoneCode

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """Accept a YAML date or a quoted ISO date string; refuse every other spelling.

    Pydantic's lax mode would read integers as Unix timestamps; a case file must say
    `2026-02-17`, nothing else.
    """
    if isinstance(value, dt.datetime):
        raise ValueError("verwacht een datum (JJJJ-MM-DD), geen tijdstip")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()} bestaat niet als datum") from None
    raise ValueError("verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2026-02-17")


def _printable_id(value: str) -> str:
    """A case id is printed in every report, document and CI log: a control, format or
    line-break character (a line feed, a zero-width space, a bidi override) would let it start
    a line of its own or look like another id."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise PydanticCustomError(
                "id_control_character",
                "een case-id mag geen stuurteken bevatten (hier U+{code}); gebruik letters, "
                "cijfers en streepjes",
                {"code": f"{ord(char):04X}"},
            )
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _loonheffingennummer(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{9}L\d{2}", value.strip()):
        return value.strip()
    raise ValueError("verwacht een loonheffingennummer als 123456789L01 (9 cijfers, L, 2 cijfers)")


Loonheffingennummer = Annotated[str, BeforeValidator(_loonheffingennummer)]
Text = Annotated[str, Field(max_length=20_000)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Employee(_Frozen):
    name: Text = Field(min_length=1, description="Naam of pseudoniem van de werknemer.")
    bsn: str | None = Field(
        None, description="Alleen waar de wet het vraagt; moet de elfproef halen."
    )
    number: str | None = Field(
        None,
        max_length=64,
        description="Personeelsnummer in de administratie van de werkgever (wvp import vindt "
        "de werknemer hiermee terug).",
    )
    job: Text | None = Field(None, description="Eigen functie (bedongen arbeid).")
    hours_per_week: float | None = Field(None, ge=0, le=80)
    skills: Text | None = Field(None, description="Opleiding en vaardigheden (RIV d).")
    date_of_birth: IsoDate | None = Field(
        None,
        description="Geboortedatum (persoonsgegeven voor de formulieren van UWV; niet medisch).",
    )
    address: Text | None = Field(None, description="Adres van de werknemer (formulieren van UWV).")
    email: str | None = None
    phone: str | None = None


class Employer(_Frozen):
    name: Text = Field(min_length=1)
    business: Text | None = Field(None, description="Aard van het bedrijf (RIV b).")
    address: Text | None = Field(None, description="Adres van de werkgever (formulieren van UWV).")
    loonheffingennummer: Loonheffingennummer | None = Field(
        None,
        pattern=r"^\d{9}L\d{2}$",
        description="Loonheffingennummer van de werkgever, zoals 123456789L01 (RIV a).",
    )
    casemanager: Text | None = None
    bedrijfsarts: Text | None = None
    arbodienst: Text | None = None
    eigenrisicodrager_zw: bool = Field(
        False,
        description="Eigenrisicodrager voor de Ziektewet: na uit dienst blijven de termijnen van "
        "de werkgever gelden.",
    )


class SicknessPeriod(_Frozen):
    from_: IsoDate = Field(alias="from", description="Eerste ziektedag van de periode.")
    to: IsoDate | None = Field(None, description="Laatste ziektedag; weglaten zolang (deels) ziek.")
    other_cause: bool = Field(
        False,
        description="Na zwangerschaps-/bevallingsverlof: andere oorzaak, bevestigd door "
        "bedrijfsarts of UWV (nieuw geval).",
    )
    source: str | None = Field(
        None,
        max_length=200,
        description="Sleutel van deze periode in het verzuimsysteem waaruit wvp import haar "
        "las (systeem:sleutel); een volgende import herkent de periode hieraan.",
    )


class Leave(_Frozen):
    from_: IsoDate = Field(alias="from")
    to: IsoDate


class Extension(_Frozen):
    type: Literal["vrijwillige_verlenging", "loonsanctie"]
    decided: IsoDate = Field(description="Datum van het besluit van UWV.")
    last_wage_day: IsoDate = Field(description="De nieuwe laatste loondoorbetalingsdag (E').")
    ends: IsoDate | None = Field(
        None,
        description="Loonsanctie: UWV heeft de sanctie vervroegd beëindigd op deze datum (laatste "
        "loondag; WIA art. 25 lid 14).",
    )


class Deviation(_Frozen):
    milestone: MilestoneCode
    date: IsoDate
    reason: Text = Field(description="Schriftelijke motivering (Regeling procesgang art. 5).")
    agreed_by_employee: bool = False
    prospect_until: IsoDate | None = Field(
        None,
        description="Bij start_tweede_spoor: datum waarop de voorziene terugkeer in de eigen "
        "organisatie rond is (uiterlijk 91 dagen na de afwijking).",
    )


#: Conclusions for the second year (eerstejaarsevaluatie, bijstelling, arbeidsdeskundig
#: onderzoek): own work, other work with the own employer, work elsewhere, or both tracks.
Conclusion = Literal["eigen_werk", "spoor_1", "spoor_2", "spoor_1_en_2"]
#: Conclusions that establish that the tweede spoor is needed (BW 7:658a lid 1).
SPOOR_2_CONCLUSIONS: frozenset[str] = frozenset({"spoor_2", "spoor_1_en_2"})


class Activity(_Frozen):
    what: Text
    who: Text
    by: IsoDate | None = None


class Signature(_Frozen):
    """Who signed the document of an event, in which role, when and how (docs/riv.md)."""

    role: Literal[
        "werkgever", "werknemer", "bedrijfsarts", "arbeidsdeskundige", "re-integratieadviseur"
    ]
    name: Text = Field(min_length=1)
    function: Text | None = Field(None, description="Functie, bijvoorbeeld casemanager.")
    date: IsoDate
    method: Literal["natte_handtekening", "e_handtekening"] = Field(
        description="Natte handtekening of elektronische handtekening."
    )
    content_hash: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{16}$",
        description="Inhoudscode van het ondertekende stuk (wvp render riv); een latere "
        "wijziging is WVP312.",
    )


# --- events ------------------------------------------------------------------------------


class _Event(_Frozen):
    date: IsoDate
    note: Text | None = Field(None, description="Vrije toelichting (geen medische gegevens).")
    document: str | None = Field(None, description="Verwijzing naar het document in het dossier.")
    signatures: list[Signature] = Field(
        default_factory=list, description="Wie het document van dit event heeft ondertekend."
    )


class ZiekmeldingArbodienst(_Event):
    type: Literal["ziekmelding_arbodienst"]


class Probleemanalyse(_Event):
    type: Literal["probleemanalyse"]
    by: Text | None = None
    possibilities: Text | None = Field(
        None, description="Functionele mogelijkheden en beperkingen."
    )
    prognosis: Text | None = None
    advice: Text | None = None


class _Plan(_Event):
    agreed_by_employee: IsoDate | None = None
    casemanager: Text | None = None
    goal: Text | None = None
    track: Literal[1, 2] | list[Literal[1, 2]] | None = None
    employer_view: Text | None = Field(None, description="Re-integratievisie van de werkgever.")
    employee_view: Text | None = Field(None, description="Re-integratievisie van de werknemer.")
    activities: list[Activity] = Field(default_factory=list)
    evaluations: Text | None = Field(None, description="De evaluatiemomenten.")
    employee_agrees: bool | None = Field(
        None,
        description="false: de werknemer is het er niet mee eens (dan volgt een "
        "deskundigenoordeel); weglaten: niet vastgelegd.",
    )
    contact: Text | None = Field(
        None, description="Afspraken over het contact tussen werkgever en werknemer."
    )


class PlanVanAanpak(_Plan):
    type: Literal["plan_van_aanpak"]


class Bijstelling(_Plan):
    type: Literal["bijstelling"]
    reason: Text | None = Field(None, description="Waarom het plan is bijgesteld.")
    conclusion: Conclusion | None = Field(
        None,
        description="Conclusie van de bijstelling: eigen_werk, spoor_1, spoor_2 of spoor_1_en_2 "
        "(spoor_2: het tweede spoor start binnen 6 weken).",
    )


class Evaluatie(_Event):
    type: Literal["evaluatie"]
    summary: Text | None = None
    employee_agrees: bool | None = Field(
        None,
        description="false: de werknemer is het er niet mee eens; weglaten: niet vastgelegd.",
    )


class Melding42eWeek(_Event):
    type: Literal["melding_42e_week"]


class ArbeidsdeskundigOnderzoek(_Event):
    type: Literal["arbeidsdeskundig_onderzoek"]
    by: Text | None = None
    conclusion: Conclusion | Text | None = Field(
        None,
        description="De conclusie; spoor_2 of spoor_1_en_2 stelt vast dat eigen en ander werk "
        "bij de eigen werkgever niet mogelijk is (het tweede spoor start dan binnen 6 weken). "
        "Ook vrije tekst.",
    )


class Eerstejaarsevaluatie(_Event):
    type: Literal["eerstejaarsevaluatie"]
    result: Text | None = None
    employer_view: Text | None = None
    employee_view: Text | None = None
    conclusion: Conclusion | None = None
    prospect_until: IsoDate | None = Field(
        None,
        description="Bij eigen_werk of spoor_1: datum waarop de voorziene terugkeer rond is "
        "(uiterlijk 91 dagen na de evaluatie); daarna is het tweede spoor nodig.",
    )


class StartTweedeSpoor(_Event):
    type: Literal["start_tweede_spoor"]
    provider: Text | None = None
    stopped: IsoDate | None = Field(None, description="Datum waarop het tweede spoor is gestopt.")
    stop_reason: Text | None = Field(None, description="Waarom het tweede spoor is gestopt.")


class TweedeSpoorPlan(_Event):
    type: Literal["tweede_spoor_plan"]
    provider: Text | None = None
    adviser: Text | None = None
    agreed_by_employee: IsoDate | None = None
    goal: Text | None = None
    situation: Text | None = None
    steps: list[Activity] = Field(default_factory=list)
    expected_duration: Text | None = None


class TweedeSpoorVoortgang(_Event):
    type: Literal["tweede_spoor_voortgang"]
    summary: Text | None = None


class Deskundigenoordeel(_Event):
    type: Literal["deskundigenoordeel"]
    requested_by: Literal["werkgever", "werknemer"] | None = None
    question: Text | None = None
    outcome: Text | None = None


class DeskundigenoordeelAntwoord(_Event):
    """UWV's answer to a request for a deskundigenoordeel (ZW art. 30 lid 1 e; WIA art. 32)."""

    type: Literal["deskundigenoordeel_antwoord"]
    outcome: Text | None = Field(None, description="Wat UWV oordeelt (geen medische gegevens).")


class VervroegdeIvaAanvraag(_Event):
    """The employee asks UWV for an early IVA benefit (WIA art. 23 lid 6, art. 64 lid 2):
    once, at the latest in week 68, with a statement of the bedrijfsarts."""

    type: Literal["vervroegde_iva_aanvraag"]


class VervroegdeIvaToekenning(_Event):
    """UWV grants the early IVA benefit (WIA art. 23 lid 6): the wachttijd ends on
    `last_wage_day`, and the re-integration milestones after the grant no longer apply."""

    type: Literal["vervroegde_iva_toekenning"]
    last_wage_day: IsoDate | None = Field(
        None, description="De laatste loondoorbetalingsdag die UWV vaststelt (einde wachttijd)."
    )


class UitDienst(_Event):
    """The employment ends during sickness; `date` is the last day of employment
    (ZW art. 38 lid 2: the employer reports the employee sick to UWV by then)."""

    type: Literal["uit_dienst"]
    reported_to_uwv: IsoDate | None = Field(
        None, description="Datum van de ziekmelding bij UWV (uiterlijk de laatste werkdag)."
    )


class WeigeringMedewerking(_Event):
    """The employee refuses to cooperate with re-integration (BW 7:660a, 7:629 lid 3)."""

    type: Literal["weigering_medewerking"]
    what: Text | None = Field(None, description="Waaraan de werknemer niet meewerkt.")


class SchriftelijkeWaarschuwing(_Event):
    """The written warning or notice to the employee before a wage stop (BW 7:629 lid 6)."""

    type: Literal["schriftelijke_waarschuwing"]


class Loonstop(_Event):
    """The employer stops the wage from `date` (BW 7:629 lid 3)."""

    type: Literal["loonstop"]
    until: IsoDate | None = Field(None, description="Laatste dag van de loonstop, zodra bekend.")


class ActueelOordeel(_Event):
    type: Literal["actueel_oordeel"]
    by: Text | None = None
    possibilities: Text | None = None
    prognosis: Text | None = None


class Eindevaluatie(_Event):
    type: Literal["eindevaluatie"]
    summary: Text | None = None


class ReIntegratieverslag(_Event):
    type: Literal["re_integratieverslag"]
    employment_relationship: Text | None = Field(
        None, description="Visie op de arbeidsverhouding (RIV art. 6 lid 1 i)."
    )
    suitable_work: Text | None = Field(
        None, description="Visie op passende arbeid bij de werkgever (RIV art. 6 lid 1 k)."
    )
    employee_view: Text | None = Field(
        None, description="Visie van de werknemer (RIV art. 6 lid 1 l)."
    )


class WiaAanvraag(_Event):
    type: Literal["wia_aanvraag"]
    uwv_letter_late: bool = Field(
        False,
        description="true: de brief van UWV over de aanvraag kwam te laat of niet; een late "
        "aanvraag geldt dan als tijdig (WIA art. 64 lid 6), tenzij de 42e-weeksmelding na "
        "week 81 kwam.",
    )


class EindeWachttijd(_Event):
    type: Literal["einde_wachttijd"]


class Werkhervatting(_Event):
    """Partial return to work from `date` on (docs/case-format-werkhervatting.md). It does not
    stop the clock: the wachttijd runs while the employee is partly sick (BW 7:629 lid 10)."""

    type: Literal["werkhervatting"]
    hours: float = Field(
        ge=0,
        le=80,
        description="Uren per week die de werknemer vanaf deze datum werkt (0: weer "
        "volledig ziek).",
    )
    contract_hours: float | None = Field(
        None, ge=0, le=80, description="Contracturen per week; standaard employee.hours_per_week."
    )
    therapeutic: bool = Field(
        False, description="Op arbeidstherapeutische basis (zonder loonwaarde)."
    )
    work: Literal["eigen_werk", "passend_werk"] | None = Field(
        None, description="Eigen werk (aangepast) of passend werk bij de eigen werkgever."
    )


#: Why a case was closed (`afsluiting.reason`).
CLOSING_REASONS: tuple[str, ...] = (
    "hersteld",
    "wia_beslissing",
    "uit_dienst",
    "overleden",
    "anders",
)


class Afsluiting(_Event):
    """The dossier is closed on `date`: milestones due after it no longer apply; what was
    overdue by then stays overdue (docs/case-format-werkhervatting.md)."""

    type: Literal["afsluiting"]
    reason: Literal["hersteld", "wia_beslissing", "uit_dienst", "overleden", "anders"] = Field(
        description="Reden: hersteld, wia_beslissing, uit_dienst, overleden of anders."
    )


Event = Annotated[
    ZiekmeldingArbodienst
    | Probleemanalyse
    | PlanVanAanpak
    | Bijstelling
    | Evaluatie
    | Melding42eWeek
    | ArbeidsdeskundigOnderzoek
    | Eerstejaarsevaluatie
    | StartTweedeSpoor
    | TweedeSpoorPlan
    | TweedeSpoorVoortgang
    | Deskundigenoordeel
    | ActueelOordeel
    | Eindevaluatie
    | ReIntegratieverslag
    | WiaAanvraag
    | EindeWachttijd
    | Werkhervatting
    | Afsluiting
    | DeskundigenoordeelAntwoord
    | VervroegdeIvaAanvraag
    | VervroegdeIvaToekenning
    | UitDienst
    | WeigeringMedewerking
    | SchriftelijkeWaarschuwing
    | Loonstop,
    Field(discriminator="type"),
]

#: Every event type the format knows, in the order of the rules page.
EVENT_TYPES: tuple[str, ...] = (
    *MILESTONES,
    "bijstelling",
    "deskundigenoordeel",
    "tweede_spoor_plan",
    "tweede_spoor_voortgang",
    "werkhervatting",
    "afsluiting",
    # The events that change the course of a case (docs/poortwachter.md, section 7).
    "deskundigenoordeel_antwoord",
    "vervroegde_iva_aanvraag",
    "vervroegde_iva_toekenning",
    "uit_dienst",
    "weigering_medewerking",
    "schriftelijke_waarschuwing",
    "loonstop",
)

#: Event types that are a moment of evaluation of the plan van aanpak (the cadence of 6 weeks).
#: A tweede-spoor progress report is not one: it is the bureau's report, not an evaluation by
#: employer and employee (docs/poortwachter.md, section 2, `evaluatie`).
EVALUATION_MOMENTS: frozenset[str] = frozenset(
    {
        "plan_van_aanpak",
        "evaluatie",
        "bijstelling",
        "eerstejaarsevaluatie",
        "eindevaluatie",
    }
)


class Case(_Frozen):
    """One case file: one sick employee, one wachttijd."""

    wvp: Literal[1] = Field(description="Versie van het bestandsformaat.")
    id: Annotated[str, AfterValidator(_printable_id)] = Field(
        min_length=1, max_length=200, description="Uniek in de repository."
    )
    employee: Employee
    employer: Employer
    sickness: list[SicknessPeriod] = Field(min_length=1)
    leave: list[Leave] = Field(default_factory=list)
    extensions: list[Extension] = Field(default_factory=list)
    deviations: list[Deviation] = Field(default_factory=list)
    events: list[Event]

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=True,
        title="wvp case file (format 1)",
        json_schema_extra={"$id": "https://wvp.invalid/schema/case-1.json"},
    )

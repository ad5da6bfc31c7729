"""The data of the forms of core/forms.py: the Dutch labels of fields the model does not
describe (or describes for a file, not for a form), the fields each step requires, where
defaults come from, and the titles of the steps that are no event type. Data only.
"""

from __future__ import annotations

from typing import Literal

#: Where a default comes from: the step's date, or a fact of the case.
Default = Literal["date", "casemanager", "bedrijfsarts", "hours_per_week"]

# --- labels ------------------------------------------------------------------------------

#: Labels for fields the model does not describe (Dutch, as the prompt shows them).
LABELS: dict[str, str] = {
    "date": "Datum",
    "by": "Door wie (naam en functie)",
    "possibilities": "Functionele mogelijkheden en beperkingen (geen diagnose)",
    "prognosis": "Prognose (in tijd)",
    "advice": "Advies over werk",
    "casemanager": "Casemanager",
    "goal": "Doel",
    "track": "Spoor: 1 (eigen werkgever), 2 (andere werkgever) of 1,2",
    "activities": "Activiteit: wat | wie | uiterlijk (JJJJ-MM-DD)",
    "steps": "Stap: wat | wie | uiterlijk (JJJJ-MM-DD)",
    "summary": "Samenvatting",
    "conclusion": "Conclusie",
    "result": "Resultaat van het eerste jaar",
    "employer_view": "Re-integratievisie van de werkgever",
    "employee_view": "Re-integratievisie van de werknemer",
    "provider": "Re-integratiebureau",
    "adviser": "Re-integratieadviseur",
    "situation": "Samenvatting van de huidige situatie",
    "expected_duration": "Verwachte duur",
    "requested_by": "Aangevraagd door",
    "question": "Vraag aan UWV",
    "outcome": "Uitkomst",
    "agreed_by_employee": "Datum waarop de werknemer instemde",
    "to": "Laatste dag",
    "from": "Eerste dag",
    "milestone": "Mijlpaal",
    "type": "Soort",
}

#: Labels that read better in a prompt or on a form than the model's description (which
#: speaks of `false`, or is missing): by field name, `section.name` in `gegevens`.
FORM_LABELS: dict[str, str] = {
    "employee_agrees": "Is de werknemer het ermee eens? (nee: dan volgt een deskundigenoordeel; "
    "leeg: niet vastgelegd)",
    "uwv_letter_late": "Kwam de brief van UWV over de aanvraag te laat of niet? (ja: een late "
    "aanvraag geldt dan als tijdig, WIA art. 64 lid 6)",
    "employee.bsn": "BSN (alleen waar de wet het vraagt; moet de elfproef halen)",
    "employee.hours_per_week": "Uren per week volgens het contract",
    "employee.email": "E-mailadres van de werknemer",
    "employee.phone": "Telefoonnummer van de werknemer",
    "employer.name": "Naam van de werkgever",
}

#: Fields the content rules require, per step (see the module docstring).
REQUIRED: dict[str, tuple[str, ...]] = {
    "probleemanalyse": ("by", "possibilities", "prognosis", "advice"),
    "plan_van_aanpak": (
        "agreed_by_employee",
        "casemanager",
        "goal",
        "track",
        "employer_view",
        "employee_view",
        "activities",
        "evaluations",
    ),
    "bijstelling": (
        "reason",
        "agreed_by_employee",
        "casemanager",
        "goal",
        "employer_view",
        "employee_view",
        "activities",
        "evaluations",
    ),
    "evaluatie": ("summary",),
    "arbeidsdeskundig_onderzoek": ("conclusion",),
    "eerstejaarsevaluatie": ("result", "employer_view", "employee_view", "conclusion"),
    "tweede_spoor_plan": (
        "provider",
        "agreed_by_employee",
        "goal",
        "situation",
        "steps",
        "expected_duration",
    ),
    "tweede_spoor_voortgang": ("summary",),
    "deskundigenoordeel": ("requested_by", "question"),
    "actueel_oordeel": ("by", "possibilities"),
    "eindevaluatie": ("summary",),
    "re_integratieverslag": ("employment_relationship", "suitable_work", "employee_view"),
    "deskundigenoordeel_antwoord": ("outcome",),
    "vervroegde_iva_toekenning": ("last_wage_day",),
    "uit_dienst": ("reported_to_uwv",),
    "weigering_medewerking": ("what",),
    "werkhervatting": ("hours",),
    "afsluiting": ("reason",),
    "zwangerschapsverlof": ("to",),
    "verlenging": ("type", "last_wage_day"),
    "afwijking": ("milestone", "reason", "agreed_by_employee"),
}

DEFAULTS: dict[str, Default] = {
    "casemanager": "casemanager",
    "by": "bedrijfsarts",
    "contract_hours": "hours_per_week",
}


TITLES: dict[str, str] = {
    "ziek": "Ziekmelding (nieuwe ziekteperiode)",
    "hersteld": "Volledig hersteld",
    "zwangerschapsverlof": "Zwangerschaps- en bevallingsverlof",
    "verlenging": "Verlenging (vrijwillige verlenging of loonsanctie)",
    "afwijking": "Gemotiveerde afwijking",
    "werkhervatting": "Gedeeltelijke werkhervatting",
    "afsluiting": "Afsluiting van het dossier",
}

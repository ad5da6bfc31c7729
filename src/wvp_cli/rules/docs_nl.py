"""The documentation of every rule in Dutch: what `wvp rules CODE`, docs/rules/, the LSP and SARIF
show. Data, by rule code. The docstrings of the rule functions (and `LOAD_DOCS`) keep the English
text for developers and `wvp rules --lang en`; the rules of the deadline table have a generated
text (`deadline_doc_nl` in rules/deadlines.py). A test checks that every rule has a Dutch text.

Labels as `docs.py` knows them: `Bron:`, `Waarom:`, `Oplossing:`, `Te doen als het ontbreekt:`,
`Goed voorbeeld:`, `Fout voorbeeld:` (an indented block after the label is a YAML example).
"""

from __future__ import annotations

DOCS: dict[str, str] = {
    # --- WVP0xx: the file and its format -------------------------------------------------------
    "WVP001": """
Het bestand bestaat maar kan niet worden gelezen: geen leesrechten, een kapotte koppeling, een
map waar een bestand werd verwacht. wvp kan dan zijn werk voor dat bestand niet doen en stopt
met exitcode 2.

Waarom: een dossier dat niet te lezen is, kan niet worden gecontroleerd; zwijgen zou op een
goedkeuring lijken.
Oplossing: controleer de rechten van het bestand, of verwijder de kapotte koppeling.
""",
    "WVP002": """
Case-bestanden groter dan 5 MiB worden ongelezen geweigerd.

Waarom: een echt case-bestand is een paar kilobyte; een enorm bestand is een vergissing (een
export, een log, een bijlage) of een aanval op de CI die wvp draait.
Oplossing: houd documenten buiten het case-bestand en verwijs ernaar met `document:`.
""",
    "WVP003": """
Het bestand bevat een NUL-byte, bytes die geen UTF-8 zijn, of tekens die YAML niet toestaat
(stuurtekens). De plaats van de eerste foute byte wordt gemeld.

Oplossing: sla het bestand op als UTF-8-tekst.
""",
    "WVP004": """
De YAML-lezer kan het bestand niet lezen; de melding zegt wat er mis is, op de plaats waar de
lezer vastliep.

Fout voorbeeld:
    events:
      - type: evaluatie
       date: 2026-03-06      # verkeerd ingesprongen
""",
    "WVP005": """
Een case-bestand is één YAML-mapping die begint met `wvp: 1`. Een leeg bestand, een bestand met
alleen commentaar, of een bestand dat bovenaan een lijst of een losse waarde heeft, is geen
case.
""",
    "WVP006": """
YAML-lezers houden bij twee gelijke sleutels stilzwijgend de laatste; wvp weigert dat, want een
van de twee waarden gaat dan verloren zonder dat iemand het merkt.

Fout voorbeeld:
    - type: evaluatie
      date: 2026-03-06
      date: 2026-04-17
""",
    "WVP007": """
Ankers (`&x`) en aliassen (`*x`) laten één waarde op meer plaatsen verschijnen; in een dossier
staat elk feit waar het hoort. Aliassen zijn ook het middel van "billion laughs"-aanvallen.
""",
    "WVP008": """
Alleen de gewone YAML-soorten zijn toegestaan (tekst, getallen, true/false, datums, lijsten,
mappings). Tags zoals `!foo` of `!!python/object` worden geweigerd.
""",
    "WVP009": """
Een case-bestand is ongeveer vijf niveaus diep genest; meer dan 50 niveaus wordt geweigerd
voordat de YAML wordt opgebouwd (diepe nesting kan een YAML-lezer laten vastlopen).
""",
    "WVP010": """
Elke sleutel moet er een zijn die het formaat kent; een tikfout mag niet ongemerkt blijven. De
melding stelt de dichtstbijzijnde bekende sleutel voor ("bedoelde je 'goal'?"), ook voor de
Nederlandse woorden die een casemanager typt (`doel`, `wie`, `datum`).

Fout voorbeeld:
    - type: plan_van_aanpak
      goall: "Terugkeer in eigen functie"
""",
    "WVP011": """
Verplicht zijn: `wvp`, `id`, `employee.name`, `employer.name`, ten minste één periode in
`sickness` met `from`, `events` (mag een lege lijst zijn), en `type` en `date` bij elk event.
""",
    "WVP012": """
Een waarde van de verkeerde soort: een getal waar tekst wordt verwacht, een lijst waar een
mapping wordt verwacht. Tekst die YAML als getal of datum leest, kan tussen aanhalingstekens.

Fout voorbeeld:
    id: 2026-014-a
    employee:
      hours_per_week: "veel"
""",
    "WVP013": """
Datums zijn ISO-datums, `JJJJ-MM-DD`. Een datum die niet bestaat (`2026-02-30`) of een andere
schrijfwijze (`12-03-2026`, `12 maart`) is een fout op haar regel en kolom.
""",
    "WVP014": """
Elk case-bestand begint met `wvp: 1`, de versie van het formaat. Een versie die deze wvp niet
kent, wordt geweigerd in plaats van verkeerd gelezen.
""",
    "WVP015": """
Een waarde buiten wat is toegestaan, zoals een `conclusion` anders dan eigen_werk, spoor_1,
spoor_2 of spoor_1_en_2, een `milestone`-code die niet bestaat, of een inhoudscode
(`content_hash`) die niet uit 16 tekens 0-9 en a-f bestaat. De dichtstbijzijnde toegestane
waarde wordt voorgesteld.
""",
    "WVP016": """
De soorten events zijn de mijlpaalcodes van de regelpagina plus evaluatie, bijstelling,
deskundigenoordeel, tweede_spoor_plan en tweede_spoor_voortgang.

Fout voorbeeld:
    - type: plan_van_aanpk      # bedoelde je 'plan_van_aanpak'?
""",
    "WVP020": """
Elke case-id is uniek in de mappen die worden gecontroleerd.

Bron: wvp case-format 1 ("id: verplicht, uniek in de repository").
Waarom: documenten, termijnen en andere tools vinden een case aan zijn id; twee bestanden met
één id halen twee werknemers door elkaar.

Fout voorbeeld: `cases/a.yaml` en `cases/b.yaml` zeggen allebei `id: "2026-014"`.
""",
    "WVP021": """
Ziekteperiodes staan van oud naar nieuw, overlappen niet, en alleen de laatste mag open zijn
(zonder `to`).

Bron: wvp case-format 1; de samengetelde klok (BW 7:629 lid 10) heeft de periodes op volgorde
nodig.
Waarom: een open periode met nog een periode erna, of twee periodes die overlappen, maken de
samengetelde klok dubbelzinnig, en elke uiterste datum hangt ervan af.

Fout voorbeeld:
    sickness:
      - from: 2026-03-01
      - from: 2026-01-05
        to: 2026-02-10
""",
    "WVP022": """
Een ziekteperiode of verlof eindigt (`to`) niet vóór het begint (`from`).

Bron: wvp case-format 1.
Fout voorbeeld:
    sickness:
      - from: 2026-03-01
        to: 2026-02-01
""",
    "WVP023": """
Geen event ligt vóór de eerste ziektedag van de case.

De eerste ziektedag is die van de huidige case op de samengetelde klok: na 28 of meer dagen
hersteld is een nieuwe uitval een nieuwe case met een nieuwe eerste ziektedag, en events van
de oude case tellen daarvoor niet mee.

Bron: BW 7:629 lid 10 (samentelling); docs/poortwachter.md paragraaf 6.
Fout voorbeeld: eerste ziektedag 2026-03-02, een probleemanalyse van 2026-02-20.
""",
    "WVP024": """
Geen event ligt na de peildatum waarop het dossier wordt gecontroleerd (`--as-of`, standaard
vandaag).

Een dossier legt vast wat er is gebeurd; plannen voor later horen bij de activiteiten van het
plan van aanpak. Events na `--as-of` tellen voor geen enkele mijlpaal mee.

Bron: docs/poortwachter.md paragraaf 6 ("geen event na --as-of").
Waarom: een datum in de toekomst is bijna altijd een tikfout (2062 voor 2026), en een dossier
dat een stap claimt voordat die gebeurde, misleidt UWV.
Fout voorbeeld (peildatum 2026-11-24): `- {type: evaluatie, date: 2026-12-01}`.
""",
    "WVP025": """
De eerste ziektedag van de case ligt niet na de peildatum waarop het dossier wordt
gecontroleerd.

Bron: docs/poortwachter.md paragraaf 7 (aannemelijkheid); BW 7:629 lid 1 (de
loondoorbetaling begint met de ziekte).
Waarom: een eerste ziektedag in de toekomst is een tikfout (2062 voor 2026); elke uiterste
datum van de case wordt ervan geteld, dus die zouden allemaal fout zijn.

Goed voorbeeld (peildatum 2026-11-24): `sickness: [{from: 2026-01-05}]`.
Fout voorbeeld (peildatum 2026-11-24): `sickness: [{from: 2031-01-05}]`.
""",
    "WVP026": """
Een case waarvan de laatste loondag meer dan een jaar vóór de peildatum ligt, is afgesloten.

Gemeld als de case niet is afgesloten (geen 28 dagen hersteld na de laatste ziektedag, geen
`afsluiting`, geen vervroegde IVA-toekenning) en de laatste loondag (E, of E' na een
verlenging) meer dan 365 dagen vóór `--as-of` ligt.

Bron: docs/poortwachter.md paragraaf 7 (aannemelijkheid); WIA art. 23 (de wachttijd eindigt).
Waarom: een open dossier jaren na de wachttijd is een vergeten afsluiting of een verkeerde
eerste ziektedag; allebei maken ze de agenda en de cijfers onbetrouwbaar.

Goed voorbeeld: dezelfde case met een event `afsluiting`.
Fout voorbeeld (peildatum 2026-11-24): `sickness: [{from: 2021-01-04}]`, geen afsluiting.
""",
    "WVP027": """
`other_cause: true` geldt alleen voor een ziekteperiode die direct volgt op zwangerschaps- of
bevallingsverlof; bij elke andere periode verandert het niets, en deze regel zegt dat.

De klok begint bij zo'n periode alleen een nieuwe case als het verlof tussen die periode en
de ziekte ervoor ligt (het verlofdeel van BW 7:629 lid 10 en WIA art. 23 lid 3). Elders
worden de periodes gewoon samengeteld (minder dan 28 dagen hersteld: één case, wat de oorzaak
ook is).

Bron: BW 7:629 lid 10; WIA art. 23 lid 3; docs/poortwachter.md paragraaf 1.
Waarom: een vlag die stilzwijgend niets doet, misleidt: de gebruiker denkt dat er een nieuwe
wachttijd is begonnen.

Goed voorbeeld: ziek tot 2026-02-28, verlof 2026-03-01 … 2026-06-21, ziek vanaf 2026-06-22
met `other_cause: true`.
Fout voorbeeld: ziek tot 2026-02-01, ziek vanaf 2026-02-10 met `other_cause: true` en geen
verlof ertussen.
""",
    "WVP030": """
Een bevinding over het formaat (WVP0xx) of over privacy (WVP4xx) kan in het bestand zelf
worden genegeerd, met een opmerking die de code noemt en een reden geeft:

    date: 2026-03-06   # wvp: negeer WVP026 -- dossier overgenomen van vorige werkgever
    # wvp: negeer WVP401 -- 'werkdruk' gaat hier over het werk, niet over de persoon
    summary: ...
    # wvp: negeer-bestand WVP401 -- woorden uit de functiebeschrijving

Een opmerking achter een waarde geldt voor die regel; een opmerking op een eigen regel voor
de volgende regel met inhoud; `negeer-bestand` voor het hele bestand. `wvp check` telt en
toont wat zo genegeerd is (`--show-suppressed`), en SARIF geeft het door als onderdrukking
met de reden.

Deze regel meldt een onderdrukking zonder reden (minstens een paar woorden na `--`), van
een onbekende regel, of van een regel die niet zo mag worden genegeerd: een termijn
(WVP1xx, WVP2xx) loopt alleen anders met een afspraak in `deviations:` van de case, met
instemming van de werknemer; een document (WVP3xx) moet compleet zijn voor UWV; een
bestand dat geen geldige case is, wordt nooit stilgezet. Soort `unused` (waarschuwing):
een onderdrukking die niets onderdrukt.

Bron: wvp (een dossier verbergt niets zonder uitleg; UWV toetst het dossier als geheel).

Fout voorbeeld:
    # wvp: negeer WVP101
""",
    # --- WVP1xx: the first year ----------------------------------------------------------------
    "WVP103": """
Het plan van aanpak wordt ten minste elke zes weken geëvalueerd.

Elk evaluatiemoment telt: het plan van aanpak zelf, `evaluatie`, `bijstelling`,
`eerstejaarsevaluatie`, `eindevaluatie` en `tweede_spoor_voortgang`. Meer dan 42 dagen tussen
twee momenten is een waarschuwing bij het latere (het was te laat); geen moment binnen 42
dagen na het laatste op `--as-of` is een fout (de volgende evaluatie is te laat). Dagen van
zwangerschaps- en bevallingsverlof tellen niet: de klok, en de re-integratie, staan dan stil.

Bron: Regeling procesgang art. 4 lid 2b ("periodiek"); Werkwijzer Poortwachter (6 weken).
Waarom: UWV verwacht regelmatige, vastgelegde voortgangsgesprekken; lange stiltes zijn een
veelvoorkomende reden voor een loonsanctie.

Goed voorbeeld:
    - {type: plan_van_aanpak, date: 2026-02-20, ...}
    - {type: evaluatie, date: 2026-04-01}
Fout voorbeeld:
    - {type: plan_van_aanpak, date: 2026-02-20, ...}
    - {type: evaluatie, date: 2026-05-01}     # 70 dagen later
""",
    "WVP107": """
De eerstejaarsevaluatie ligt in week 46-52 van de ziekte (dag 315-363 na de eerste
ziektedag).

Bron: Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter.
Waarom: vóór week 46 kan zij niet terugkijken op het eerste jaar, en UWV accepteert haar dan
misschien niet als eerstejaarsevaluatie.
Fout voorbeeld: eerste ziektedag 2026-01-01, eerstejaarsevaluatie op 2026-09-01 (week 35).
""",
    "WVP110": """
Stappen die op elkaar voortbouwen, staan in die volgorde: het plan van aanpak na de
probleemanalyse (het is erop gebaseerd), de eerstejaarsevaluatie en de start van het tweede
spoor na het plan van aanpak.

Bron: Regeling procesgang art. 2 en 4; BW 7:658a.
Waarom: een plan van aanpak van vóór de probleemanalyse wijst op een verkeerde datum, of op een
plan dat UWV niet accepteert als gebaseerd op het advies van de bedrijfsarts.
Fout voorbeeld: probleemanalyse 2026-02-10, plan_van_aanpak 2026-02-01.
""",
    "WVP111": """
Een afwijking van een termijn noemt haar reden en heeft de instemming van de werknemer.

Bron: Regeling procesgang art. 5 (gemotiveerd afwijken, in overleg met de werknemer).
Waarom: een afwijking zonder reden of zonder instemming van de werknemer houdt geen stand bij
UWV; de mijlpaal telt dan als gemist.

Goed voorbeeld:
    deviations:
      - milestone: start_tweede_spoor
        date: 2026-12-01
        reason: "Concreet perspectief op terugkeer binnen 3 maanden (AD-rapport)"
        agreed_by_employee: true
Fout voorbeeld: hetzelfde zonder `agreed_by_employee: true`, of met een lege reden.
""",
    "WVP112": """
Een afwijking (`deviations:`) noemt een termijn waarvan werkgever en werknemer volgens
Regeling procesgang art. 5 mogen afwijken: `ziekmelding_arbodienst`, `probleemanalyse`,
`plan_van_aanpak`, `evaluatie`, `eerstejaarsevaluatie`, en in de praktijk van UWV
`arbeidsdeskundig_onderzoek` en `start_tweede_spoor`.

Een afwijking van een wettelijke termijn (`melding_42e_week`, `actueel_oordeel`,
`eindevaluatie`, `re_integratieverslag`, `wia_aanvraag`, `einde_wachttijd`) is een fout en
telt niet: de mijlpaal houdt haar status.

Bron: Regeling procesgang art. 5 (alleen de termijnen van art. 2 en 4); ZW art. 38
(42e week); WIA art. 25 lid 3 en art. 64 (re-integratieverslag, WIA-aanvraag); Beleidsregels
vorm- en herkenbaarheidsvereisten reïntegratieverslagen (BWBR0015184).
Waarom: geen afspraak tussen werkgever en werknemer kan een termijn van de wet verschuiven; een
dossier dat dat beweert, mist de stap.

Goed voorbeeld: `- {milestone: probleemanalyse, date: 2026-02-01, reason: "...",
agreed_by_employee: true}`.
Fout voorbeeld: hetzelfde voor `melding_42e_week`.
""",
    # --- WVP2xx: the second year and the WIA ---------------------------------------------------
    "WVP206": """
Een case die 28 dagen na de laatste loondag nog open is, legt de uitkomst vast en wordt
afgesloten.

Gemeld als de wachttijd voorbij is (toestand `wachttijd_voorbij`), `--as-of` meer dan 28
dagen na de laatste loondag ligt, en er geen `afsluiting` of vervroegde IVA-toekenning is.
(Een case meer dan een jaar na de wachttijd krijgt in plaats daarvan WVP026.)

Bron: WIA art. 23 (de wachttijd eindigt; UWV beslist over de WIA-uitkering);
docs/poortwachter.md paragraaf 7.
Waarom: na de wachttijd wordt niets meer verschuldigd; een open case verstopt zich in de agenda
en in de cijfers alsof hij nog liep.

Goed voorbeeld: een event `afsluiting` met reden `wia_beslissing` na de laatste loondag.
Fout voorbeeld: eerste ziektedag 2024-06-03 (laatste loondag 2026-05-31), gecontroleerd op
2026-08-20, geen afsluiting.
""",
    "WVP207": """
De aanvraag van een vervroegde IVA (`vervroegde_iva_aanvraag`) gebeurt één keer, uiterlijk in
week 68 (dag 475 op de samengetelde klok); een toekenning (`vervroegde_iva_toekenning`) noemt
de laatste loondag die UWV vaststelde, en volgt op een aanvraag.

Een aanvraag na week 68: fout. Een tweede aanvraag: waarschuwing. Een toekenning zonder
`last_wage_day`: fout (het einde van de wachttijd is onbekend, en wvp houdt het oude). Een
toekenning zonder aanvraag ervoor: waarschuwing.

Bron: WIA art. 23 lid 6 (verkorte wachttijd); WIA art. 64; ZW art. 38 lid 8 (de aanvraag telt
als 42e-weeksmelding als die eerder komt).
Waarom: UWV weigert een te late aanvraag; een toekenning verschuift het einde van de wachttijd,
en daarmee elke latere mijlpaal.

Goed voorbeeld:
    - {type: vervroegde_iva_aanvraag, date: 2027-02-01}
    - {type: vervroegde_iva_toekenning, date: 2027-03-15, last_wage_day: 2027-03-31}
Fout voorbeeld: de aanvraag in week 70, of een toekenning zonder `last_wage_day`.
""",
    "WVP208": """
Een WIA-aanvraag (`wia_aanvraag`) wordt niet gedaan vóór week 88 van de ziekte (dag 609 op de
samengetelde klok), tenzij het een aanvraag van een vervroegde IVA is
(`vervroegde_iva_aanvraag`).

UWV schrijft de werknemer na 88 weken ziekte, en vanaf dan kan de werknemer aanvragen (uwv.nl,
"Wanneer vraag ik een WIA-uitkering aan?"). Een aanvraag van daarvoor, in een case zonder
aanvraag van een vervroegde IVA: waarschuwing. Een te late aanvraag telt als op tijd als de
brief van UWV te laat kwam of ontbrak (`uwv_letter_late: true`, WIA art. 64 lid 6), tenzij de
42e-weeksmelding na week 81 kwam; de klok meldt haar dan niet als te laat en verlengt de
loondoorbetaling niet.

Bron: WIA art. 64 (lid 3 de termijn, lid 6 de brief van UWV); de eigen woorden van UWV (brief
na 88 weken); WIA art. 23 lid 6 (vervroegde IVA).
Waarom: een aanvraag vóór week 88 is een aanvraag van een vervroegde IVA die als iets anders is
vastgelegd, of een verkeerde datum; allebei misleiden ze de klok over het einde van de
wachttijd.

Goed voorbeeld (D = 2026-01-01): `- {type: wia_aanvraag, date: 2027-09-20}` (week 90).
Fout voorbeeld: `- {type: wia_aanvraag, date: 2027-06-01}` (week 74), geen IVA-aanvraag.
""",
    "WVP210": """
Een loonsanctie verlengt de loondoorbetaling met hoogstens 52 weken:
`last_wage_day <= E + 364`, plus de dagen zwangerschaps- en bevallingsverlof die binnen de
sanctie vallen (die verlengen haar, WIA art. 25 lid 9).

Bron: WIA art. 25 lid 9.
Waarom: een latere datum is een tikfout; elke datum van het tweede jaar zou ervan worden
berekend.
Goed voorbeeld: E = 2027-12-29, een loonsanctie tot 2028-12-26; of tot 2029-03-06 met verlof
2028-03-01 … 2028-05-10 (71 dagen) erbinnen.
Fout voorbeeld: E = 2027-12-29, een loonsanctie met last_wage_day 2029-01-15 en geen verlof.
""",
    "WVP211": """
Een vrijwillige verlenging (uitstel van de WIA-aanvraag) verschuift de laatste loondag ten
minste 13 weken (91 dagen).

Bron: WIA art. 24.
Waarom: UWV stelt de nieuwe datum vast; een kortere verlenging is een tikfout en zou de
termijnen van het re-integratieverslag en de WIA verkeerd verschuiven.
Fout voorbeeld: E = 2027-12-29, verlenging met last_wage_day 2028-02-01 (34 dagen).
""",
    "WVP212": """
Over een loonsanctie wordt beslist vóór de wachttijd eindigt, en een vroeger einde (`ends`,
WIA art. 25 lid 14: UWV beëindigt de sanctie zodra de tekortkoming is hersteld) ligt erbinnen.

- `decided` na de laatste loondag die dan gold (E, of E' van een vrijwillige verlenging):
  fout; de sanctie heeft geen gevolg, en wvp laat haar buiten de klok.
- `ends` niet na die laatste loondag, of na de eigen `last_wage_day` van de sanctie: fout.

Bron: WIA art. 25 lid 9 (de sanctie verlengt de wachttijd) en lid 14 (vroeger einde).
Waarom: een sanctie waarover te laat is beslist, of een einddatum erbuiten, is een tikfout die
het einde van de wachttijd verschuift, en elke datum die daarvan wordt geteld.

Goed voorbeeld: E = 2027-12-29; `{type: loonsanctie, decided: 2027-11-10,
last_wage_day: 2028-12-26, ends: 2028-06-30}`.
Fout voorbeeld: hetzelfde, besloten op 2028-01-15.
""",
    "WVP220": """
Een afwijking die het tweede spoor achterwege laat, noemt het concrete perspectief op
structurele terugkeer in de eigen organisatie binnen 3 maanden.

De reden van een afwijking voor `start_tweede_spoor` moet het perspectief noemen (een woord als
"perspectief", "terugkeer", "hervatting" of "plaatsing") en een periode van hoogstens 3
maanden of 13 weken ("binnen 3 maanden", "drie maanden", "10 weken"). Een reden zonder die
twee: waarschuwing.

Bron: BW 7:658a lid 1; Regeling procesgang art. 5; Werkwijzer Poortwachter (het tweede spoor
mag alleen achterwege blijven bij een concreet perspectief op terugkeer binnen 3 maanden).
Waarom: UWV accepteert alleen om die reden dat er geen tweede spoor is; elke andere reden is
een gemist tweede spoor, en de loonsanctie die volgt duurt tot een jaar.

Goed voorbeeld:
    deviations:
      - milestone: start_tweede_spoor
        reason: "Concreet perspectief op terugkeer in eigen functie binnen 3 maanden"
Fout voorbeeld: hetzelfde met als reden "Werknemer wil geen tweede spoor".
""",
    "WVP221": """
Als het tweede spoor is gestart, volgt binnen 6 weken (42 dagen) na de start (de intake) een
`tweede_spoor_plan`.

Geen plan 42 dagen na de start: waarschuwing bij de start (tenzij het tweede spoor vóór die
tijd stopte). Een eerste plan van later: waarschuwing bij het plan. Een plan van vóór de start
telt niet: het plan volgt op de intake.

Bron: BW 7:658a lid 1; Werkwijzer Poortwachter (na de intake een schriftelijk
re-integratieplan).
Waarom: zonder plan heeft het tweede spoor geen afgesproken doel of stappen, en kan de werknemer
niet aan de inspanningen worden gehouden (BW 7:660a); UWV leest het plan bij de WIA-aanvraag.

Goed voorbeeld:
    - {type: start_tweede_spoor, date: 2027-01-05}
    - {type: tweede_spoor_plan, date: 2027-01-26, ...}
Fout voorbeeld: hetzelfde plan op 2027-03-01 (55 dagen na de start), of geen plan.
""",
    "WVP222": """
Het re-integratieplan van het tweede spoor bevat een doel, de huidige situatie, de stappen
(wie doet wat, wanneer) en de verwachte duur.

Gecontroleerd bij elk `tweede_spoor_plan`: `goal` (relevant op de arbeidsmarkt en
realistisch), `situation`, `steps` (ten minste één, elk met `what`, `who` en `by`) en
`expected_duration`. Eén melding bij het plan noemt alles wat ontbreekt.

Bron: BW 7:658a lid 1; Werkwijzer Poortwachter (het re-integratieplan tweede spoor).
Waarom: UWV beoordeelt of het tweede spoor serieus was; een plan zonder doel, stappen of duur
is moeilijk te verdedigen en verslapt gemakkelijk.

Goed voorbeeld:
    - type: tweede_spoor_plan
      date: 2027-01-26
      goal: "Administratief medewerker, 24 uur"
      situation: "..."
      steps: [{what: "Sollicitatietraining", who: werknemer, by: 2027-03-01}]
      expected_duration: "6 maanden"
Fout voorbeeld: `- {type: tweede_spoor_plan, date: 2027-01-26, goal: "..."}`.
""",
    "WVP223": """
De instemming van de werknemer met het re-integratieplan van het tweede spoor is vastgelegd
(`agreed_by_employee`).

Nog geen instemming: waarschuwing. Geen instemming terwijl het plan al wordt uitgevoerd (een
`tweede_spoor_voortgang` op of na het plan, vóór een volgend plan): ook een waarschuwing, die
dat zegt. Een instemming van vóór het plan: waarschuwing (waarschijnlijk een tikfout). De wet
vraagt de medewerking van de werknemer (BW 7:660a), geen toestemming: een ontbrekende
handtekening is nooit een fout.

Bron: BW 7:658a lid 1; BW 7:660a (de plicht van de werknemer om mee te werken); Werkwijzer
Poortwachter ("pas dan kan de werknemer aan de afgesproken inspanningen worden gehouden").
Waarom: zonder vastgelegde instemming is de werknemer moeilijker aan het plan te houden, en kan
UWV niet zien of een vastgelopen tweede spoor aan de werkgever of aan de werknemer ligt.

Goed voorbeeld:
    - {type: tweede_spoor_plan, date: 2027-01-26, agreed_by_employee: 2027-01-28, ...}
Fout voorbeeld:
    - {type: tweede_spoor_plan, date: 2027-01-26, ...}
    - {type: tweede_spoor_voortgang, date: 2027-03-01}      # waarschuwing: geen instemming
""",
    "WVP224": """
De voortgang van het tweede spoor wordt ten minste elke 6 weken vastgelegd, vanaf het plan.

De momenten zijn het laatste `tweede_spoor_plan` en elke `tweede_spoor_voortgang` daarna. Meer
dan 42 dagen tussen twee ervan: waarschuwing bij het latere. Geen rapportage binnen 42 dagen na
het laatste moment op `--as-of`, terwijl het tweede spoor loopt (niet gestopt, de werknemer
ziek, de wachttijd niet voorbij): waarschuwing bij het laatste moment.

WVP103 telt elk evaluatiemoment van het hele plan van aanpak, spoor 1 inbegrepen; deze regel
voegt toe dat het tweede spoor zelf niet zes weken zonder nieuws blijft.

Bron: BW 7:658a lid 1; Werkwijzer Poortwachter (voortgang ten minste elke 6 weken).
Waarom: een tweede spoor dat stil valt, is de meest voorkomende reden dat UWV de inspanningen
onvoldoende vindt.

Goed voorbeeld:
    - {type: tweede_spoor_plan, date: 2027-01-26, ...}
    - {type: tweede_spoor_voortgang, date: 2027-03-05}
Fout voorbeeld: dezelfde rapportage op 2027-03-20 (53 dagen na het plan).
""",
    "WVP225": """
Na een eerstejaarsevaluatie met als conclusie `spoor_2` of `spoor_1_en_2` start het tweede
spoor binnen 6 weken (42 dagen).

Gemeld bij de (eerste) eerstejaarsevaluatie zodra de start van het tweede spoor, die de klok 42
dagen erna zet, voorbij is zonder `start_tweede_spoor` op of vóór die dag (een start vóór de
evaluatie telt ook), en er geen afwijking voor `start_tweede_spoor` is. Niet zolang de
mijlpaal gepauzeerd is of niet van toepassing (de werknemer hersteld, de case afgesloten). De
termijn zelf is WVP201 (te laat en niet gedaan: fout; te laat gedaan: waarschuwing); deze regel
zegt dat de werkgever niet deed wat de evaluatie concludeerde.

Bron: BW 7:658a lid 1; Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter (tweede
spoor uiterlijk 6 weken na de eerstejaarsevaluatie).
Waarom: UWV leest de conclusie; een dossier dat spoor 2 concludeert en dan wacht, laat de
vertraging zien in de eigen woorden van de werkgever.

Goed voorbeeld:
    - {type: eerstejaarsevaluatie, date: 2026-12-10, conclusion: spoor_2, ...}
    - {type: start_tweede_spoor, date: 2027-01-12}
Fout voorbeeld: dezelfde start op 2027-02-01 (53 dagen later), of geen start.
""",
    "WVP226": """
Een tweede spoor dat is gestopt (`stopped` bij `start_tweede_spoor`) zegt waarom
(`stop_reason`).

Bron: BW 7:658a lid 1 (de plicht van de werkgever duurt de hele wachttijd); Regeling procesgang
art. 5 (alleen met een schriftelijke reden afwijken van het proces).
Waarom: UWV vraagt waarom het tweede spoor eindigde; een goede reden (passend werk gevonden,
concrete terugkeer in de eigen organisatie) beschermt tegen een loonsanctie, zwijgen niet.

Goed voorbeeld:
    - {type: start_tweede_spoor, date: 2027-01-05, stopped: 2027-05-01,
       stop_reason: "Passend werk gevonden bij Voorbeeld BV"}
Fout voorbeeld: hetzelfde zonder `stop_reason`.
""",
    "WVP227": """
Het tweede spoor achterwege laten vraagt een concreet perspectief op structurele terugkeer in de
eigen organisatie binnen 3 maanden, met de datum (`prospect_until`).

- Een afwijking voor `start_tweede_spoor` zonder `prospect_until`: fout (zij telt niet).
- `prospect_until` meer dan 91 dagen na de afwijking of na de eerstejaarsevaluatie die haar
  vastlegt: fout (de klok telt alleen 91 dagen).
- `prospect_until` vóór de datum die haar vastlegt: fout.
Na `prospect_until` zonder volledige terugkeer is het tweede spoor weer verschuldigd (WVP201).

Bron: BW 7:658a lid 1 ("zodra vaststaat"); Regeling procesgang art. 5; Beoordelingskader
poortwachter (BWBR0014375) §4; Werkwijzer Poortwachter (3 maanden).
Waarom: een perspectief zonder datum eindigt nooit, en een tweede spoor dat daarop achterwege
blijft, is de meest voorkomende reden voor een loonsanctie.

Goed voorbeeld:
    deviations:
      - {milestone: start_tweede_spoor, date: 2027-01-05, reason: "...",
         agreed_by_employee: true, prospect_until: 2027-03-31}
Fout voorbeeld: hetzelfde zonder `prospect_until`, of met `prospect_until: 2027-06-01`.
""",
    "WVP230": """
Een loonstop (`loonstop`) volgt op een schriftelijke waarschuwing of mededeling aan de werknemer
(`schriftelijke_waarschuwing` op of vóór de datum van de stop).

Een loonstop zonder: fout. Een loonstop zonder vastgelegde weigering om mee te werken
(`weigering_medewerking`) ervoor: waarschuwing (op welke grond is het loon gestopt?).

Bron: BW 7:629 lid 3 (gronden om het loon te stoppen) en lid 6 (de werkgever laat het de
werknemer onverwijld en schriftelijk weten); BW 7:660a (de plicht van de werknemer om mee te
werken).
Waarom: een loonstop zonder voorafgaande schriftelijke mededeling houdt geen stand bij de
rechter, en de werkgever betaalt het loon alsnog.

Goed voorbeeld:
    - {type: weigering_medewerking, date: 2026-05-04, what: "Niet verschenen bij de
       bedrijfsarts"}
    - {type: schriftelijke_waarschuwing, date: 2026-05-06}
    - {type: loonstop, date: 2026-05-20}
Fout voorbeeld: hetzelfde zonder de waarschuwing.
""",
    "WVP231": """
Eindigt het dienstverband tijdens ziekte (`uit_dienst`, met als datum de laatste dag van het
dienstverband), dan meldt de werkgever de werknemer uiterlijk op die dag ziek bij UWV
(`reported_to_uwv`).

Geen `reported_to_uwv`: fout. Gemeld na de laatste dag: waarschuwing met het aantal dagen. Na
`uit_dienst` gelden de latere mijlpalen van de werkgever niet meer (UWV neemt het over; de
werkgever geeft het re-integratieverslag als UWV erom vraagt), tenzij de werkgever
eigenrisicodrager is voor de Ziektewet (`employer.eigenrisicodrager_zw: true`).

Bron: ZW art. 38 lid 2; docs/poortwachter.md paragraaf 7.
Waarom: zonder de melding weet UWV niet dat de werknemer ziek is en begint de
Ziektewet-uitkering te laat; UWV kan de kosten op de werkgever verhalen.

Goed voorbeeld: `- {type: uit_dienst, date: 2026-07-31, reported_to_uwv: 2026-07-28}`.
Fout voorbeeld: `- {type: uit_dienst, date: 2026-07-31}`.
""",
    "WVP232": """
Op een plan van aanpak, bijstelling of evaluatie waarbij de werknemer vastlegt het oneens te
zijn (`employee_agrees: false`), volgt binnen 6 weken (42 dagen) een aanvraag van een
deskundigenoordeel (`deskundigenoordeel`) door een van beide partijen.

Gemeld bij het event van het oneens-zijn zodra 42 dagen voorbij zijn zonder aanvraag op of na
dat event. Zonder `employee_agrees` betekent "niet vastgelegd" en wordt nooit gemeld.

Bron: ZW art. 30 lid 1 e; WIA art. 32 (deskundigenoordeel); BW 7:660a;
docs/poortwachter.md paragraaf 7.
Waarom: een verschil van mening dat niemand aan UWV voorlegt, laat de re-integratie vastlopen;
UWV vraagt later waarom geen van beiden om een deskundigenoordeel vroeg.

Goed voorbeeld:
    - {type: evaluatie, date: 2026-05-01, employee_agrees: false}
    - {type: deskundigenoordeel, date: 2026-05-20, requested_by: werknemer}
Fout voorbeeld: dezelfde evaluatie en geen deskundigenoordeel uiterlijk 2026-06-12.
""",
    "WVP240": """
Op een nieuw advies van de bedrijfsarts (elke `probleemanalyse` na de eerste: een bijgestelde
probleemanalyse) volgt binnen 6 weken (42 dagen) een `bijstelling` van het plan van aanpak.

Gemeld bij het advies zodra 42 dagen voorbij zijn zonder bijstelling op of na dat advies. Een
signaal, geen gemiste termijn: het plan kan nog bij het nieuwe advies passen, en dan hoort de
evaluatie dat te zeggen.

Bron: Beoordelingskader poortwachter (BWBR0014375) §4 (het plan volgt het advies van de
bedrijfsarts); Regeling procesgang art. 4 lid 2 (bijstelling); Werkwijzer Poortwachter.
Waarom: UWV legt elk advies naast het plan dat erop volgt; een plan dat een gewijzigd advies
negeert, is een veelvoorkomende reden voor een loonsanctie.

Goed voorbeeld:
    - {type: probleemanalyse, date: 2026-06-01, advice: "..."}      # een nieuw advies
    - {type: bijstelling, date: 2026-06-20, ...}
Fout voorbeeld: hetzelfde advies en geen bijstelling uiterlijk 2026-07-13.
""",
    "WVP241": """
Werk op arbeidstherapeutische basis (zonder loonwaarde) duurt niet langer dan 6 maanden (182
dagen) zonder een stap naar werk met loonwaarde.

Gelezen uit de events `werkhervatting`: een periode begint bij een met `therapeutic: true` en
meer dan 0 uur, en duurt zolang de volgende ook arbeidstherapeutisch zijn, tot een die dat niet
is (of 0 uur), het einde van de ziekte, of `--as-of`. Een periode langer dan 182 dagen: signaal
bij het begin. Zonder events `werkhervatting` zegt deze regel niets.

Bron: Beoordelingskader poortwachter (BWBR0014375) §4 (re-integratie is gericht op werk met
loonwaarde); BW 7:658a lid 1.
Waarom: UWV vraagt waarom iemand maandenlang werkte zonder loonwaarde; een arbeidstherapeutische
fase die nooit eindigt, lijkt op een vastgelopen re-integratie.

Goed voorbeeld:
    - {type: werkhervatting, date: 2026-03-02, hours: 8, therapeutic: true}
    - {type: werkhervatting, date: 2026-06-01, hours: 12, work: eigen_werk}
Fout voorbeeld: alleen de eerste, gecontroleerd op 2026-10-01 (213 dagen).
""",
    "WVP242": """
Een werkhervatting die aan het eind van week 87 onder 65% (van de contracturen) blijft, gaat
samen met een tweede spoor.

Aan het eind van week 87 (dag 608 op de samengetelde klok) wordt de `werkhervatting` gelezen
die dan geldt (de laatste op of vóór die dag): arbeidstherapeutisch, of minder uren dan 65% van
de contracturen (`contract_hours`, anders `employee.hours_per_week`). Zo ja, en is er op of vóór
die dag geen tweede spoor gestart: signaal. Uren staan hier voor loon, en het signaal zegt dat.
Zonder `werkhervatting` op of vóór week 87, of zonder contracturen, zegt deze regel niets.

Bron: Beoordelingskader poortwachter (BWBR0014375) §4; BW 7:658a lid 1 (tweede spoor als de
eigen organisatie geen passende terugkeer biedt); WIA (65% van het oude loon).
Waarom: een gedeeltelijke werkhervatting die laag blijft, is voor UWV geen reden om het tweede
spoor achterwege te laten; juist daar vindt UWV de inspanningen het vaakst onvoldoende.

Goed voorbeeld: een `werkhervatting` met 28 van 32 uur in week 80, of een
`start_tweede_spoor` vóór week 87.
Fout voorbeeld: `- {type: werkhervatting, date: 2027-05-03, hours: 12}` bij 32 contracturen
en geen tweede spoor (D = 2026-01-01).
""",
    "WVP243": """
De eerstejaarsevaluatie kan voortbouwen op een arbeidsdeskundig onderzoek op of vóór haar datum.

Gemeld bij de eerstejaarsevaluatie als er geen `arbeidsdeskundig_onderzoek` van de case op of
vóór haar ligt. WVP105 meldt een ontbrekend onderzoek op de eigen uiterste datum (week 52); dit
signaal zegt dat de evaluatie zelf geen onderzoek had om op voort te bouwen.

Bron: Beoordelingskader poortwachter (BWBR0014375) §4 (de conclusie voor het tweede jaar rust
op een beoordeling van de mogelijkheden); Werkwijzer Poortwachter (arbeidsdeskundig onderzoek
vóór de eerstejaarsevaluatie).
Waarom: zonder onderzoek is de conclusie (eigen werk, spoor 1, spoor 2) een gok, en UWV vraagt
waarop zij is gebaseerd.

Goed voorbeeld:
    - {type: arbeidsdeskundig_onderzoek, date: 2026-11-10, conclusion: spoor_1}
    - {type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: spoor_1, ...}
Fout voorbeeld: dezelfde evaluatie zonder onderzoek ervoor.
""",
    # --- WVP3xx: the content of the documents --------------------------------------------------
    "WVP301": """
Het plan van aanpak en elke bijstelling bevatten een doel, activiteiten (wie doet wat,
wanneer), de evaluatiemomenten en de casemanager.

Gecontroleerd bij elk event `plan_van_aanpak` en `bijstelling`, welke datum het ook heeft:
`goal`, `activities` (ten minste één, elk met `what`, `who` en `by`), `evaluations` en de
casemanager. De casemanager mag op het plan staan (`casemanager:`) of, voor het hele dossier,
bij de werkgever (`employer.casemanager`); het plan noemt dan de casemanager van het dossier,
en dat is wat de Regeling vraagt. Een bijstelling heeft dezelfde velden als het plan en moet op
zichzelf compleet zijn: zij vervangt het plan dat UWV leest. De re-integratievisies zijn WVP302,
de instemming van de werknemer WVP303.

Bron: Regeling procesgang art. 4 lid 2 (inhoud plan van aanpak) en lid 3 (bijstelling).
Waarom: UWV leest het plan bij de WIA-aanvraag; een plan zonder activiteiten of casemanager telt
als geen plan, en de werkgever riskeert een loonsanctie.

Goed voorbeeld:
    - type: plan_van_aanpak
      date: 2026-02-20
      casemanager: "S. Visser"
      goal: "Terugkeer in eigen functie"
      activities: [{what: "Opbouw naar 16 uur", who: werknemer, by: 2026-03-20}]
      evaluations: "Elke zes weken; eerstejaarsevaluatie in week 50"
Fout voorbeeld:
    - {type: plan_van_aanpak, date: 2026-02-20, goal: "Terugkeer"}   # geen activiteiten, ...
""",
    "WVP302": """
Het plan van aanpak, elke bijstelling en de eerstejaarsevaluatie van 1 juli 2023 of later
bevatten de re-integratievisie van de werkgever en die van de werknemer.

Vóór 1 juli 2023 waren de visies niet verplicht; documenten van eerder zijn zonder visies in
orde.

Bron: Regeling procesgang art. 4 lid 2 en de eerstejaarsevaluatie, zoals gewijzigd bij
Stcrt. 2023, 13931 (in werking sinds 1 juli 2023).
Waarom: UWV vraagt beide visies om te beoordelen of werkgever en werknemer naar hetzelfde doel
toe werkten; een ontbrekende visie van de werknemer is een veelvoorkomende reden om het dossier
terug te sturen.

Goed voorbeeld:
    - {type: plan_van_aanpak, date: 2026-02-20, employer_view: "...", employee_view: "..."}
Fout voorbeeld:
    - {type: plan_van_aanpak, date: 2026-02-20, employer_view: "..."}   # geen employee_view
""",
    "WVP303": """
De instemming van de werknemer met het plan van aanpak en met elke bijstelling is vastgelegd,
met een datum.

`agreed_by_employee` ontbreekt: waarschuwing. De instemming wordt gevraagd en vastgelegd, maar
de wet vraagt de medewerking van de werknemer (BW 7:660a), geen toestemming: een ontbrekende
handtekening is nooit een fout (docs/poortwachter.md, paragraaf 7). Een verschil van mening
wordt vastgelegd met `employee_agrees: false` en leidt tot een deskundigenoordeel (WVP232). Een
datum vóór de datum van het plan zelf: waarschuwing (de werknemer kan niet instemmen met een
plan dat nog niet bestond; meestal een tikfout).

Bron: Regeling procesgang art. 4 lid 1 ("in overleg met de werknemer") en lid 3; BW 7:660a.
Waarom: een vastgelegde instemming laat UWV een gezamenlijk plan zien en houdt de werknemer eraan;
zonder vraagt UWV of het plan samen is gemaakt.

Goed voorbeeld:
    - {type: plan_van_aanpak, date: 2026-02-20, agreed_by_employee: 2026-02-21, ...}
Fout voorbeeld:
    - {type: plan_van_aanpak, date: 2026-02-20, ...}      # geen agreed_by_employee
""",
    "WVP304": """
De eerstejaarsevaluatie bevat het resultaat van het eerste jaar (`result`) en de conclusie voor
het tweede jaar (`conclusion`: eigen_werk, spoor_1, spoor_2 of spoor_1_en_2).

Beide re-integratievisies controleert WVP302 (verplicht sinds 1 juli 2023).

Bron: Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter (eerstejaarsevaluatie:
resultaat, visies, conclusie voor het tweede jaar).
Waarom: de conclusie beslist of binnen zes weken een tweede spoor moet starten (BW 7:658a);
zonder conclusie kan UWV niet zien waarom het tweede jaar ging zoals het ging.

Goed voorbeeld:
    - {type: eerstejaarsevaluatie, date: 2026-12-10, result: "...", conclusion: spoor_2, ...}
Fout voorbeeld:
    - {type: eerstejaarsevaluatie, date: 2026-12-10}
""",
    "WVP305": """
Het re-integratieverslag bevat elk onderdeel van Regeling procesgang art. 6 lid 1 a–l.

Gecontroleerd zodra het re-integratieverslag verschuldigd is (13 weken voor het einde van de
wachttijd, volgens de klok) of gedaan. Wat telt, is het dossier tot de datum van het verslag
(of `--as-of` zolang het ontbreekt):
a. administratieve gegevens: de naam van werknemer en werkgever, en de bedrijfsarts of
   arbodienst (`employer.bedrijfsarts` / `employer.arbodienst`); b. `employer.business`;
c. `employee.job`; d. `employee.skills`; e. de eerste ziektedag (altijd bekend);
f. een `probleemanalyse`; g. een `plan_van_aanpak` (met de bijstellingen);
h. de `eerstejaarsevaluatie` en de `eindevaluatie`; i. `employment_relationship` bij het
verslag; j. een `actueel_oordeel`; k. `suitable_work` en l. `employee_view` bij het verslag.
Zolang het verslag zelf ontbreekt (dat meldt WVP204), worden i, k en l niet gecontroleerd.

Bron: Regeling procesgang art. 6 lid 1 a–l; WIA art. 25 lid 3.
Waarom: UWV leest het verslag bij de WIA-aanvraag; bij een ontbrekend onderdeel stuurt UWV de
aanvraag terug, en de wachttijd loopt door op kosten van de werkgever (BW 7:629 lid 11).

Goed voorbeeld: een dossier met al het bovenstaande en
    - {type: re_integratieverslag, date: 2027-09-20, employment_relationship: "...",
       suitable_work: "...", employee_view: "..."}
Fout voorbeeld: `- {type: re_integratieverslag, date: 2027-09-20}` (geen i, k, l).
""",
    "WVP306": """
Het actueel oordeel van de bedrijfsarts is op de datum van het re-integratieverslag hoogstens 3
maanden oud.

De wet noemt geen maximale leeftijd; de praktijk vraagt een recent oordeel, en deze regel
waarschuwt als het laatste `actueel_oordeel` op of vóór het verslag ouder is dan 91 dagen (optie
`actueel_oordeel_max_age_days`). Helemaal geen actueel oordeel is WVP202 en WVP305 (j).

Bron: Regeling procesgang art. 6 lid 1 j ("actueel oordeel"); niet vastgelegd in de wet,
daarom een waarschuwing achter een instelling.
Waarom: UWV vraagt een nieuw oordeel als het oordeel in het verslag de huidige mogelijkheden
van de werknemer niet meer beschrijft, en dat vertraagt de WIA-aanvraag.

Goed voorbeeld: actueel_oordeel 2027-08-01, re_integratieverslag 2027-09-20.
Fout voorbeeld: actueel_oordeel 2027-03-01, re_integratieverslag 2027-09-20.
""",
    "WVP307": """
De case bevat het BSN van de werknemer (`employee.bsn`) zodra het re-integratieverslag nadert:
UWV vraagt het op elk document van het verslag, en `wvp render riv` drukt het op elke pagina.

Gecontroleerd vanaf 13 weken voor de week van het verslag (zie WVP305 voor de onderdelen a-l).

Bron: de upload van het re-integratieverslag bij UWV (het BSN op elk document); Regeling
procesgang art. 6 lid 1 a (administratieve gegevens).
Waarom: een document dat UWV niet aan de werknemer kan koppelen, hoort niet bij het verslag.

Goed voorbeeld: `employee: {name: "A. Jansen", bsn: "123456782"}`
Fout voorbeeld: `employee: {name: "A. Jansen"}` in week 80.
""",
    "WVP308": """
Elk onderdeel van het re-integratieverslag noemt wie het opstelde; de functie volgt uit het
onderdeel (bedrijfsarts, arbeidsdeskundige, re-integratieadviseur, casemanager).

Gecontroleerd vanaf 13 weken voor de week van het verslag: een `probleemanalyse` of
`actueel_oordeel` zonder `by` (en geen `employer.bedrijfsarts`), een
`arbeidsdeskundig_onderzoek` zonder `by`, een `tweede_spoor_plan` zonder `adviser`, en
evaluaties (eerstejaarsevaluatie, eindevaluatie, evaluatie) terwijl het dossier geen
casemanager noemt (`employer.casemanager`). Plannen en bijstellingen zijn WVP301.

Bron: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2 (elk
onderdeel met de naam en functie van de opstellers of ondertekenaars).
Waarom: een onderdeel dat UWV aan niemand kan toeschrijven, is niet herkenbaar, en het verslag
gaat terug.

Goed voorbeeld: `- {type: probleemanalyse, date: 2026-02-10, by: "drs. B. Arts"}`
Fout voorbeeld: `- {type: probleemanalyse, date: 2026-02-10}` zonder employer.bedrijfsarts.
""",
    "WVP309": """
Een bijstelling zegt waarom het plan veranderde (`reason`) en verandert iets ten opzichte van
de versie ervoor (doel, spoor, activiteiten, evaluaties, casemanager of een visie).

Gecontroleerd vanaf 13 weken voor de week van het verslag, bij elke bijstelling van de huidige
case. `wvp render riv` toont elke bijstelling als eigen document met wat was en wat wordt; een
bijstelling zonder reden of zonder wijziging laat niets zien dat UWV kan herkennen.

Bron: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2
(bijstellingen herkenbaar naast het origineel); Regeling procesgang art. 4 lid 3.
Waarom: UWV legt het plan en elke bijstelling naast elkaar; een onverklaarde of lege
bijstelling lijkt op een gat in de re-integratie.

Goed voorbeeld: `- {type: bijstelling, date: ..., reason: "Uitkomst EJE", goal: "Ander werk"}`
Fout voorbeeld: `- {type: bijstelling, date: ...}` met de velden van het plan ongewijzigd.
""",
    "WVP310": """
Elk document van het re-integratieverslag is ondertekend door wie het moet ondertekenen, en de
case legt dat vast (`signatures:` bij het event: naam, rol, datum, wijze).

Gecontroleerd vanaf 13 weken voor de week van het verslag, in een case die überhaupt
handtekeningen vastlegt (ergens één `signatures:`-regel): een dossier dat zijn handtekeningen
alleen op papier bewaart, hoeft ze niet in het case-bestand over te nemen. Wie tekent wat: het
plan van aanpak, elke bijstelling, de eerstejaarsevaluatie en de eindevaluatie: werkgever en
werknemer; de probleemanalyse en het actueel oordeel: bedrijfsarts; het arbeidsdeskundig
onderzoek: arbeidsdeskundige; het plan tweede spoor: werknemer en re-integratieadviseur; het
re-integratieverslag: werkgever (het verslag) en werknemer (de eigen visie). Evaluaties en
voortgangsrapportages hoeven hier niet te worden ondertekend. Zolang niet elke handtekening is
vastgelegd, markeert `wvp render riv` het document als "concept".

Bron: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2 (de naam en
functie van de ondertekenaars); de upload bij UWV (ondertekende documenten).
Waarom: een niet-ondertekend plan of verslag is voor UWV een concept; de werkgever krijgt een
week om het te herstellen.

Goed voorbeeld:
    - type: plan_van_aanpak
      signatures:
        - {role: werkgever, name: "S. Visser", date: 2026-02-20, method: natte_handtekening}
        - {role: werknemer, name: "A. Jansen", date: 2026-02-20, method: natte_handtekening}
Fout voorbeeld: hetzelfde plan zonder `signatures`.
""",
    "WVP311": """
Geen waarde van de case is nog de plaatshouder die `wvp new` schrijft ("NOG INVULLEN").

Altijd gecontroleerd, bij elke waarde (de naam van de werkgever, het doel van een plan, ...).
Documenten drukken de plaatshouder nooit af alsof het gegevens zijn: zij tonen het gat
(*— nog in te vullen —*).

Bron: Regeling procesgang art. 6 lid 1 a (de administratieve gegevens van het verslag);
Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2.
Waarom: een document voor UWV met "NOG INVULLEN" als naam van de werkgever is niet herkenbaar.

Goed voorbeeld: `employer: {name: "Voorbeeld BV"}`
Fout voorbeeld: `employer: {name: "NOG INVULLEN"}`
""",
    "WVP312": """
Wat een ondertekend document toont, is niet veranderd sinds het werd ondertekend: de
`content_hash` die een handtekening vastlegt (de "inhoudscode" die `wvp render riv` onder de
handtekeningen drukt, en met `--vastleggen` zelf bij de handtekeningen zet) past nog bij het
event.

Altijd gecontroleerd, bij elke handtekening met een `content_hash`. Een ondertekend plan
verander je met een bijstelling (een nieuw event, opnieuw ondertekend), niet door het
ondertekende plan te bewerken.

Bron: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2
(bijstellingen herkenbaar naast het origineel); Regeling procesgang art. 4 lid 3.
Waarom: UWV moet erop kunnen vertrouwen dat een ondertekend document zegt wat de ondertekenaars
tekenden.

Goed voorbeeld: een plan waarvan de handtekening de code vastlegt die wvp render riv drukte.
Fout voorbeeld: hetzelfde plan waarvan het doel achteraf is bewerkt.
""",
    # --- WVP4xx: privacy -----------------------------------------------------------------------
    "WVP400": """
Een sleutel die medische gegevens noemt: `diagnose`, `ziekte`, `klachten`, `medicatie`,
`behandeling`, `huisarts`, ... in het Nederlands of Engels, los of als deel van een sleutel
(`medische_notities`, `treatmentPlan`). Sleutels die het case-formaat zelf kent, worden nooit
gemeld.

Bron: AP-beleidsregels De zieke werknemer; AVG art. 9 (gezondheidsgegevens zijn een bijzondere
categorie).
Waarom: een onbekende sleutel is al een fout (WVP010), maar de spelling verbeteren is hier niet
de oplossing: de werkgever mag dit helemaal niet vastleggen, ook niet met toestemming van de
werknemer. De melding zegt dat, en vraagt de sleutel en zijn waarde weg te halen.

Goed voorbeeld:
    - type: probleemanalyse
      possibilities: "Kan 4 uur per dag licht administratief werk doen."
Fout voorbeeld:
    employee:
      name: "A. Jansen"
      diagnose: "..."          # haal het veld en de waarde weg
""",
    "WVP401": """
Vrije tekst die een diagnose, een aandoening, een klacht of symptoom, een behandeling, medicatie
of een zorgverlener noemt. Gezocht op woordgrenzen en zonder verschil tussen hoofd- en kleine
letters, met Nederlandse samenstellingen waar de term duidelijk een deel is (`rugpijn`,
`huisartsafspraak`, `huisarts-afspraak`); woorden die in dit vak gewoon zijn, zijn toegestaan
(`bedrijfsarts`, `arbeidsdeskundige`, `arbodienst`, `verzuim`, `ziekmelding`, `ziektewet`,
`re-integratie`, `belastbaarheid`, `arbeidstherapeutisch`, ...). Namen, functienamen en het
bedrijf van de werkgever worden niet gelezen (de functie van een fysiotherapeut is geen
gezondheidsgegeven). In te stellen met `privacy.extra_terms` (meer termen; `*` geeft aan waar
een samenstelling verder mag gaan, zoals in `*pijn` of `huisarts*`) en `privacy.allow` (woorden
die in uw dossiers in orde zijn). Een bestand waarvan de YAML niet te lezen is, wordt toch
doorzocht, regel voor regel; YAML-commentaar wordt ook doorzocht (het komt net zo goed in git).

Bron: AP-beleidsregels De zieke werknemer; AVG art. 9.
Waarom: het dossier van de werkgever mag functionele mogelijkheden en beperkingen bevatten, de
verwachte duur en afspraken over werk, nooit wat de werknemer heeft of hoe het wordt behandeld -
ook niet als de werknemer het zelf vertelt. CI-logs zijn er ook geen plaats voor: machine-uitvoer
maskeert het woord (`b*********g`), alleen de terminal toont het volledig.

Goed voorbeeld:
    possibilities: "Kan 4 uur per dag licht administratief werk doen; niet tillen."
Fout voorbeeld:
    summary: "Werknemer heeft morgen een afspraak voor behandeling."
""",
    "WVP402": """
Vrije tekst die een zwangerschap, een bevalling of een miskraam noemt (`zwanger`,
`zwangerschap`, `zwangerschapsgerelateerd`, `pregnancy`, ...). Het verlof zelf is in orde: de
lijst `leave:` legt het vast, en de woorden `zwangerschapsverlof`, `bevallingsverlof` en
`zwangerschaps- en bevallingsverlof` worden niet gemeld.

Bron: AP-beleidsregels De zieke werknemer; AVG art. 9 (een zwangerschap mag niet als oorzaak van
het verzuim worden vastgelegd).
Waarom: de klok heeft alleen de datums van het verlof nodig; een zwangerschap als reden van
ziekte is een gezondheidsgegeven, en het vastleggen ervan nodigt uit tot ongelijke behandeling.

Goed voorbeeld:
    leave:
      - {from: 2026-03-02, to: 2026-06-21}
    note: "Zwangerschapsverlof volgens planning."
Fout voorbeeld:
    note: "Uitval door de zwangerschap."
""",
    "WVP403": """
`employee.bsn` is, als het er staat, een echt BSN: 9 cijfers (een getal van 8 cijfers wordt met
een voorloopnul gelezen) die de elfproef halen, `9*d1 + 8*d2 + ... + 2*d8 - 1*d9` deelbaar door
11, en niet allemaal nullen.

Bron: wvp case-format 1; UAVG art. 46 en Wabb art. 10 (een BSN alleen waar de wet erom vraagt,
en dan het juiste).
Waarom: een verkeerd getypt BSN op een formulier van UWV stuurt het dossier naar de verkeerde
persoon of laat het vastlopen. De melding maskeert het nummer (`1*******9`); alleen de terminal
toont het volledig.

Goed voorbeeld:
    bsn: "123456782"
Fout voorbeeld:
    bsn: "123456789"
""",
    "WVP404": """
Een getal van 8 of 9 cijfers dat de elfproef haalt, ergens anders in het bestand (een
notitie, een documentnaam, een sleutel): het lijkt op een BSN.

Bron: UAVG art. 46; Wabb art. 10 (een BSN mag alleen worden gebruikt waar de wet dat vraagt).
Waarom: het BSN hoort in `employee.bsn`, waar wvp het controleert en het kan weglaten uit
documenten die het niet nodig hebben; een kopie in vrije tekst komt in elk document en elke log.

Goed voorbeeld:
    note: "Dossiernummer 2026-014."
Fout voorbeeld:
    note: "BSN 123456782 doorgegeven aan UWV."
""",
    "WVP405": """
De naam van een case-bestand noemt geen diagnose, klacht, behandeling of zorgverlener (de termen
van WVP401, op dezelfde manier vergeleken) en bevat geen getal dat op een BSN lijkt (een
waarschuwing, zoals WVP404). Een regel over de repository: het eigen resultaat van een bestand
geldt voor dezelfde bytes onder elke naam, dus de naam wordt hier gelezen, bij elke controle.

Bron: AP-beleidsregels De zieke werknemer; AVG art. 9; UAVG art. 46.
Waarom: een bestandsnaam staat in elke lijst, elke CI-log en elke melding, ongemaskeerd; geef
het bestand liever de id van de case.

Goed voorbeeld: `cases/2026-014.yaml`.
Fout voorbeeld: `cases/jansen-<diagnose>.yaml`, `cases/<bsn>.yaml`.
""",
}

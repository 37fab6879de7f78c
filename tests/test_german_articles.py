"""German full-article coverage: wire, Liveticker and newspaper-style reports written for these
tests (invented wording, not taken from any corpus).

Each article has a dateline or Liveticker times, attribution ("laut der Beobachtungsstelle",
"teilte ein Polizeisprecher mit", "regierungsnahe Websites berichteten"), quotes, background
paragraphs about older events, threats, plans or denials, and often a casualty update or a
breakdown of the dead by side further down. The main event is coded against what an ACLED coder
would record (see /work/shared/notes/coding-conventions.md): the sub-event type, the first actor
(actor order has no meaning outside violence against civilians, so in battles either side may
hold it),
the fatality figure (the lowest reliable figure; a later toll update replaces the first figure;
a breakdown by side is not added to the total), the event date (relative dates resolved against
the publication date) and the country. Non-conflict articles that use words like "Angriff",
"Schuss", "Kampf", "Explosion" or "Geisel" must yield no events.
"""
import datetime

import pytest

from article_cases import Articles, assert_no_events, negative_params, summary as _summary
from conflictcoder import code



# Failures that need a change in code, not in language data
_REPORTER_WINDOW = ("actors: a source noun (Armee, Militär, Polizei) within 10 tokens of a reporting phrase is taken "
                    "for the reporter, so the agent of the attack is lost (mentions._sources): ")
XFAIL = {
    'ukraine_drohnen_kiew#2': "events: the shoot-down ('Die Flugabwehr habe 33 Drohnen ... abgeschossen') is merged into "
                              "that second strike instead of being its own Disrupted weapons use",
    'russland_belgorod': _REPORTER_WINDOW + "'Beschuss ... durch die ukrainische Armee ist am Sonntag nach Angaben der "
                         "örtlichen Behörden' -> Unidentified Armed Group (Russia)",
    'libanon_drohne#2': "geo: 'im Norden Israels' - 'Israel' is a not_places name that needs a locative cue right before "
                        "it, so the rocket fire has no location and is dropped",
    'syrien_manbidsch': "actors: 'zwischen protürkischen Milizen und den ... Demokratischen Kräften Syriens (SDF)' - the "
                        "dative 'Kräften' and the bracketed acronym are not resolved when coordinated with generic "
                        "'Milizen'; both sides become Unidentified Armed Group (Syria)",
    'mali_soeldner': "dates: the reporting clause's 'am Donnerstag' dates the killing told with 'sollen ... getötet "
                     "haben'; the sentence with the real date ('am vergangenen Freitag') makes a second event with "
                     "Unidentified actors",
    'nigeria_borno': "actors/dates: 'Kämpfer der Terrorgruppe Boko Haram' - the apposition makes 'Kämpfer' a separate "
                     "Unidentified Armed Group fighting Boko Haram (Armed clash); the lead takes the publication date "
                     "although the next sentence says 'gestern'",
    'kolumbien_autobombe': "actors: 'Das Militär machte die Guerillagruppe ELN für den Anschlag verantwortlich' - the "
                           "blamed group is not made the perpetrator (actor1 Unidentified); it becomes a separate "
                           "Armed clash Military vs ELN",
    'haiti_banden': "actors: the lead names only 'Banden'; 'Mitglieder der Bandenallianz Viv Ansanm' in the next sentence "
                    "is not carried to the event (actor1 Unidentified Armed Group (Haiti))",
}
NEGATIVE_XFAIL = {
    'krimi': "events: a film review ('Eine Bande überfällt einen Geldtransporter, nimmt eine Kassiererin als Geisel') "
             "is coded as an Abduction; fiction is not recognised while an armed actor ('Bande') is present",
}

# name: (published, sub_event_type, actor1 substring (or a tuple of acceptable ones),
#        fatalities (or a tuple of acceptable values), event_date (or tuple), country)
CASES = [
    ('ukraine_drohnen_kiew', ('2024-06-09', 'Air/drone strike', 'Russia', 4, ('2024-06-08', '2024-06-09'), 'Ukraine')),
    ('ukraine_drohnen_kiew#2', ('2024-06-09', 'Disrupted weapons use', None, 0, ('2024-06-08', '2024-06-09'), 'Ukraine')),
    ('ukraine_liveticker', ('2024-08-14', 'Shelling/artillery/missile attack', 'Russia', 2, ('2024-08-13', '2024-08-14'), 'Ukraine')),
    ('ukraine_liveticker#2', ('2024-08-14', 'Government regains territory', 'Military Forces of Ukraine', None, ('2024-08-13', '2024-08-14'), 'Ukraine')),
    ('ukraine_liveticker#3', ('2024-08-14', 'Air/drone strike', 'Russia', 1, ('2024-08-13', '2024-08-14'), 'Ukraine')),
    ('ukraine_liveticker#4', ('2024-08-14', 'Disrupted weapons use', 'Russia', 0, ('2024-08-13', '2024-08-14'), 'Russia')),
    ('russland_belgorod', ('2024-03-18', 'Shelling/artillery/missile attack', 'Ukraine', 1, '2024-03-17', 'Russia')),
    ('gaza_schule', ('2024-07-11', 'Air/drone strike', 'Israel', 22, '2024-07-10', 'Palestine')),
    ('westjordanland_razzia', ('2024-09-04', 'Armed clash', ('Military Forces of Israel', 'Islamic Jihad'), 5, '2024-09-03', 'Palestine')),
    ('libanon_drohne', ('2024-02-27', 'Air/drone strike', 'Israel', 2, '2024-02-26', 'Lebanon')),
    ('libanon_drohne#2', ('2024-02-27', 'Shelling/artillery/missile attack', 'Hezbollah', 0, '2024-02-26', 'Israel')),
    ('syrien_manbidsch', ('2024-12-12', 'Armed clash', ('Syrian National Army', 'Syrian Democratic Forces'), 46, '2024-12-11', 'Syria')),
    ('irak_is', ('2024-04-22', 'Armed clash', ('Islamic State', 'Military Forces of Iraq'), 4, '2024-04-21', 'Iraq')),
    ('jemen_tais', ('2024-10-27', 'Armed clash', 'Yemen', 10, '2024-10-26', 'Yemen')),
    ('sudan_dschasira', ('2024-10-23', 'Attack', 'Rapid Support Forces', (100, 101), '2024-10-20', 'Sudan')),
    ('mali_soeldner', ('2024-05-16', 'Attack', 'Military Forces of Mali', 20, '2024-05-10', 'Mali')),
    ('burkina_konvoi', ('2024-06-18', 'Armed clash', ('JNIM', 'Military Forces of Burkina Faso'), 12, '2024-06-16', 'Burkina Faso')),
    ('somalia_strand', ('2024-11-26', 'Suicide bomb', 'Al Shabaab', (32, 33), '2024-11-25', 'Somalia')),
    ('kongo_kanyabayonga', ('2024-06-03', 'Non-state actor overtakes territory', 'M23', None, '2024-06-01', 'Democratic Republic of Congo')),
    ('kongo_adf', ('2024-12-03', 'Attack', 'ADF', 12, ('2024-11-30', '2024-12-01'), 'Democratic Republic of Congo')),
    ('nigeria_borno', ('2024-07-09', 'Attack', 'Boko Haram', 40, '2024-07-08', 'Nigeria')),
    ('aethiopien_drohne', ('2024-05-02', 'Air/drone strike', 'Military Forces of Ethiopia', 30, '2024-04-30', 'Ethiopia')),
    ('pakistan_polizeiposten', ('2024-09-20', 'Armed clash', ('TTP', 'Police Forces of Pakistan'), 9, '2024-09-19', 'Pakistan')),
    ('myanmar_luftangriff', ('2024-04-18', 'Air/drone strike', 'Military Forces of Myanmar', 17, '2024-04-16', 'Myanmar')),
    ('mexiko_culiacan', ('2024-11-30', 'Armed clash', 'Sinaloa', 7, '2024-11-29', 'Mexico')),
    ('kolumbien_autobombe', ('2024-09-25', 'Remote explosive/landmine/IED', 'ELN', 2, '2024-09-24', 'Colombia')),
    ('haiti_banden', ('2024-10-07', 'Attack', 'Viv Ansanm', 25, '2024-10-05', 'Haiti')),
    ('afghanistan_festnahmen', ('2024-01-15', 'Arrests', ('Police Forces of Afghanistan', 'Military Forces of Afghanistan', 'Taliban'), 0, '2024-01-13', 'Afghanistan')),
    ('protest_berlin', ('2024-01-22', 'Peaceful protest', 'Protesters (Germany)', 0, '2024-01-21', 'Germany')),
    ('protest_tiflis', ('2024-11-29', 'Protest with intervention', 'Protesters (Georgia)', 0, ('2024-11-28', '2024-11-29'), 'Georgia')),
    ('krawalle_frankreich', ('2023-07-01', 'Violent demonstration', 'Rioters (France)', 0, ('2023-06-30', '2023-07-01'), 'France')),
    ('iran_zahedan', ('2023-10-03', 'Excessive force against protesters', None, 5, '2023-09-29', 'Iran')),
]

# name: published (the dateline's day)
NEGATIVE = {'fussball': '2024-05-05', 'handball': '2024-01-25', 'preiskampf': '2024-02-07',
            'kampfansage': '2024-01-16', 'gasexplosion': '2024-03-07', 'unwetter': '2024-06-03',
            'krimi': '2024-03-28', 'prozess': '2024-02-20', 'drohung': '2024-04-10'}


ARTICLES = Articles("de_art_", CASES, XFAIL)
load, coded, _published = ARTICLES.load, ARTICLES.coded, ARTICLES.published


@pytest.mark.parametrize("name,published,sub,actor1,fatalities,date,country", ARTICLES.params())
def test_german_conflict_article(name, published, sub, actor1, fatalities, date, country):
    ARTICLES.check_main_event(name, published, "de", sub, actor1, fatalities, date, country)


@pytest.mark.parametrize("name", negative_params(NEGATIVE, NEGATIVE_XFAIL))
def test_german_non_conflict_article_has_no_events(name):
    assert_no_events(ARTICLES, name, NEGATIVE[name])


# --- article-level properties: background, updates, breakdowns, denials ----------------------

BACKGROUND_XFAIL = {
}


@pytest.mark.parametrize("name", [pytest.param(n, marks=[pytest.mark.xfail(reason=BACKGROUND_XFAIL[n], strict=False)]
                                                 if n in BACKGROUND_XFAIL else [])
                                  for n in sorted({r[0].split("#")[0] for r in CASES})])
def test_background_older_than_a_month_is_not_an_event(name):
    """'seit April 2023', 'im Februar 2021', 'am 30. Dezember', 'Ende Juli' ... tell older events."""
    published = _published(name)
    res = coded(name, published)
    limit = datetime.date.fromisoformat(published) - datetime.timedelta(days=31)
    old = [e for e in res.events if e.event_date and datetime.date.fromisoformat(str(e.event_date)) < limit]
    assert not old, _summary(old)


def test_toll_update_replaces_first_figure():
    """'mindestens drei' in the lead, 'stieg auf vier' in the afternoon: one strike with 4 dead."""
    res = coded("ukraine_drohnen_kiew", _published("ukraine_drohnen_kiew"))
    strikes = [e for e in res.events if e.sub_event_type == "Air/drone strike"]
    assert sum(e.fatalities or 0 for e in strikes) == 4, _summary(res.events)


def test_suicide_bombing_toll_update_is_one_event():
    res = coded("somalia_strand", _published("somalia_strand"))
    bombs = [e for e in res.events if e.event_type == "Explosions/Remote violence"]
    assert len(bombs) == 1, _summary(bombs)
    assert bombs[0].fatalities in (32, 33), _summary(res.events)
    assert sum(e.fatalities or 0 for e in res.events) <= 33, _summary(res.events)


def test_breakdown_by_side_is_not_added_to_total():
    """'46 Kämpfer getötet ... Unter den Toten seien 29 Kämpfer der SNA und 17 Mitglieder der SDF'."""
    res = coded("syrien_manbidsch", _published("syrien_manbidsch"))
    assert sum(e.fatalities or 0 for e in res.events) <= 46, _summary(res.events)


def test_conflicting_figures_take_the_lowest():
    """Civil society: 'mindestens 18'; army: 'zwölf Tote' -> ACLED records 12."""
    res = coded("kongo_adf", _published("kongo_adf"))
    attacks = [e for e in res.events if e.sub_event_type == "Attack"]
    assert attacks and max(e.fatalities or 0 for e in attacks) == 12, _summary(res.events)


def test_background_toll_is_not_added():
    """'Bei dem bislang schwersten Angriff ... am 30. Dezember waren 25 Menschen getötet worden.'"""
    res = coded("russland_belgorod", _published("russland_belgorod"))
    assert sum(e.fatalities or 0 for e in res.events) <= 1, _summary(res.events)


def test_war_totals_are_not_event_fatalities():
    """'seit Beginn des Krieges mehr als 38.000 Menschen getötet' is no event's toll."""
    for name in ("gaza_schule", "westjordanland_razzia", "nigeria_borno", "mexiko_culiacan", "haiti_banden"):
        res = coded(name, _published(name))
        assert all((e.fatalities or 0) < 200 for e in res.events), (name, _summary(res.events))


def test_alleged_killing_with_sollen_is_an_event():
    """German reported speech 'sollen ... getötet haben' is an allegation, not a plan."""
    res = coded("mali_soeldner", _published("mali_soeldner"))
    assert any(e.sub_event_type == "Attack" for e in res.events), _summary(res.events)


def test_denial_does_not_cancel_the_event():
    res = coded("sudan_dschasira", _published("sudan_dschasira"))
    assert any(e.event_type == "Violence against civilians" for e in res.events), _summary(res.events)


@pytest.mark.xfail(reason="events: the topic of the rally ('bei dem über die massenhafte Vertreibung ... gesprochen worden sein soll') becomes a displacement event (Other)", strict=False)
def test_peaceful_rally_with_fight_metaphors_stays_peaceful():
    """'Kampf gegen Rassismus', 'Angriff auf unser Grundgesetz' at a peaceful rally."""
    res = coded("protest_berlin", _published("protest_berlin"))
    assert res.events and {e.sub_event_type for e in res.events} == {"Peaceful protest"}, _summary(res.events)


def test_dispersal_with_water_cannon_is_not_a_riot():
    res = coded("protest_tiflis", _published("protest_tiflis"))
    assert not any(e.event_type in ("Riots", "Battles") for e in res.events), _summary(res.events)


@pytest.mark.xfail(reason="events: the Kremlin's demand ('müsse ... abziehen') is merged into the withdrawal told in an earlier Liveticker entry ('hätten sich ... zurückgezogen') as Non-violent transfer of territory; Liveticker entries are not separated", strict=False)
def test_liveticker_demand_is_not_a_withdrawal():
    """Kremlin: 'Die Ukraine müsse zunächst ihre Truppen ... abziehen' is a demand."""
    res = coded("ukraine_liveticker", _published("ukraine_liveticker"))
    used = [e for e in res.events if any(s.text == "abziehen" for s in e.evidence)]
    assert not used, _summary(used)


# --- one sentence each for German vocabulary the full articles use -----------------------------

SENTENCES = [
    # "mehr als hundert": "mehr" is no vague "mehrere"
    ("Kämpfer der RSF-Miliz haben am Sonntag in einem Dorf im Bundesstaat Al-Dschasira mehr als hundert Menschen getötet.",
     "Attack", (100, 101)),
    # nationality nouns count as people
    ("Bei einem Einsatz der israelischen Armee in der Stadt Tulkarem sind am Dienstag fünf Palästinenser getötet worden.",
     "Armed clash", 5),
    # participle of a separable verb
    ("Die Hisbollah hat am Montag Raketen auf die Stadt Haifa abgefeuert.", "Shelling/artillery/missile attack", 0),
    ("Kampfjets haben am Montag Bomben auf ein Dorf in der Region Sagaing abgeworfen, zwölf Menschen wurden getötet.",
     "Air/drone strike", 12),
    # the particle of "einnehmen" ends the clause
    ("Die Rebellen der M23 nahmen am Samstag die Stadt Kanyabayonga ein.", "Non-state actor overtakes territory", 0),
    ("Am Montag schlugen zwei Raketen in einem Wohnhaus in Charkiw ein, drei Menschen wurden getötet.",
     "Shelling/artillery/missile attack", 3),
    ("Die Flugabwehr habe über dem Gebiet Belgorod zwölf ukrainische Drohnen zerstört, teilte das Verteidigungsministerium "
     "am Montag mit.", "Disrupted weapons use", 0),
    ("Die ukrainische Luftabwehr schoss in der Nacht zum Montag nach Angaben der Luftwaffe 25 russische Drohnen ab.",
     "Disrupted weapons use", 0),
]


@pytest.mark.parametrize("text,sub,fatalities", SENTENCES)
def test_german_article_vocabulary_sentence(text, sub, fatalities):
    res = code(text, published="2024-05-07")
    events = [e for e in res.events if e.sub_event_type == sub]
    assert events, [(e.sub_event_type, e.actor1) for e in res.events]
    allowed = fatalities if isinstance(fatalities, tuple) else (fatalities,)
    assert events[0].fatalities in allowed, (events[0].fatalities, [s.text for s in events[0].evidence])


NON_EVENT_SENTENCES = [
    "Die Polizei nahm am Montag in Bamako einen Verdächtigen fest.",  # no capture in "nahm einen ... fest"
    "Den Angriff der Opposition nannte der Kanzler am Dienstag im Bundestag billige Polemik.",  # "Opposition" is no "Position"
    "Sollte Israel iranisches Territorium angreifen, werde die Antwort vernichtend ausfallen, sagte ein Sprecher am Montag.",
    "Die Regierung schlug am Montag in Kiew einen Kompromiss vor.",
    "Die Luftverteidigung sei am Montag in Tel Aviv in erhöhter Alarmbereitschaft, Reservisten der Luftabwehr würden einberufen.",
    "Die Grünen warfen dem Finanzminister am Montag in Berlin vor, wichtige Klimaprojekte zu blockieren.",
]
NON_EVENT_ALLOWED = {
    # the arrest is an event; only the capture is wrong
    0: {"Arrests"},
}


@pytest.mark.parametrize("i,text", list(enumerate(NON_EVENT_SENTENCES)))
def test_german_article_non_event_sentence(i, text):
    res = code(text, published="2024-05-07")
    subs = {e.sub_event_type for e in res.events}
    assert subs <= NON_EVENT_ALLOWED.get(i, set()), [(e.sub_event_type, [s.text for s in e.evidence]) for e in res.events]

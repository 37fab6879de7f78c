"""English coverage: full-length wire-style articles written for these tests (invented wording,
not taken from any corpus).

Each article has a dateline, attribution, quotes, background paragraphs about earlier events,
threats, plans or denials, and often a casualty update further down. The main event is coded
against what an ACLED coder would record (see /work/shared/notes/coding-conventions.md): the
sub-event type, the first actor (ACLED's actor order has no meaning outside violence against
civilians, so battles accept either side), the fatality figure (the lowest reliable figure; a
later toll update replaces the first figure, it is never added to it), the event date (relative
dates resolved against the publication date) and the country. Non-conflict articles that use
words like "attack", "shot", "fight", "battle" or "killed" must yield no events.
"""

import pytest

from article_cases import Articles, assert_no_events, negative_params, summary as _summary
from conflictcoder import code



# Failures that need a change in code, not in language data
XFAIL = {
    'rocket_iraq': "geo/actors: 'the Gaza war' places the event in Gaza (Ain al-Asad air base is not found), and "
                   "'Iran-backed militants' (unidentified) is actor1 instead of the group that claimed the attack",
    'ngo_burkina': "events: an event first reported 54 days later by a rights group is dropped as background "
                   "(BACKGROUND_DAYS = 31), although an explicit date ('on March 2') is given",
    'suicide_quetta': "geo/events: 'passengers waited to board a train to Peshawar' - the train's destination is taken "
                      "as the place of the bombing told again, so it becomes a second Suicide bomb event that takes "
                      "the claim (BLA) and the earlier toll (26)",
    'change_ethiopia': "typing: 'declared a state of emergency ... and deployed additional troops ... after days of "
                       "unrest' becomes an Armed clash between the government and its own army",
    'agreement_somalia': "typing: 'signed a peace agreement' is lost; the deal's terms ('withdraw their militias', "
                         "'return looted livestock', 'compensation for those killed') become events",
}
NEGATIVE_XFAIL = {
    'politics': "events: a march named as the topic of a politician's article ('attacked the police's handling of a "
                "pro-Palestinian march') is coded as a Peaceful protest",
    'film': "events: a film review ('snipers shoot at passing cars, militiamen execute prisoners') is coded as events; "
            "fiction is not recognised",
}

# name: (published, sub_event_type, actor1 substring (or a tuple of acceptable ones),
#        fatalities (or a tuple of acceptable values), event_date (or tuple), country)
CASES = [
    ('clash_sudan', ('2024-06-12', 'Armed clash', ('Sudan', 'Rapid Support Forces'), (23, 27), '2024-06-11', 'Sudan')),
    ('shelling_kupiansk', ('2024-05-06', 'Shelling/artillery/missile attack', 'Russia', 2, '2024-05-05', 'Ukraine')),
    ('missile_odesa', ('2024-04-30', 'Shelling/artillery/missile attack', 'Russia', 5, '2024-04-29', 'Ukraine')),
    ('missile_odesa#2', ('2024-04-30', 'Disrupted weapons use', None, 0, ('2024-04-29', '2024-04-30'), 'Ukraine')),
    ('drone_somalia', ('2024-02-20', 'Air/drone strike', 'United States', 3, '2024-02-18', 'Somalia')),
    ('airstrike_myanmar', ('2024-04-12', 'Air/drone strike', 'Military Forces of Myanmar', 30, '2024-04-10', 'Myanmar')),
    ('airstrike_gaza', ('2024-03-05', 'Air/drone strike', 'Israel', 9, '2024-03-04', 'Palestine')),
    ('airstrike_yemen', ('2024-05-31', 'Air/drone strike', 'United States', 16, '2024-05-30', 'Yemen')),
    ('syria_drone', ('2023-08-22', 'Air/drone strike', 'Turkey', 2, '2023-08-21', 'Syria')),
    ('syria_drone#2', ('2023-08-22', 'Armed clash', ('Hayat Tahrir', 'Syria'), 4, '2023-08-21', 'Syria')),
    ('rocket_iraq', ('2024-01-21', 'Shelling/artillery/missile attack', 'Islamic Resistance in Iraq', 0, '2024-01-20', 'Iraq')),
    ('attack_plateau', ('2024-01-25', 'Attack', 'Unidentified Armed Group (Nigeria)', 17, '2024-01-23', 'Nigeria')),
    ('attack_haiti', ('2024-10-04', 'Attack', 'Gran Grif', 70, '2024-10-03', 'Haiti')),
    ('ngo_burkina', ('2024-04-25', 'Attack', 'Military Forces of Burkina Faso', 56, '2024-03-02', 'Burkina Faso')),
    ('ied_waziristan', ('2024-03-17', 'Remote explosive/landmine/IED', 'Unidentified Armed Group (Pakistan)', 4, '2024-03-16', 'Pakistan')),
    ('ied_kabul', ('2024-01-07', 'Remote explosive/landmine/IED', 'Islamic State Khorasan', 5, '2024-01-06', 'Afghanistan')),
    ('suicide_quetta', ('2024-11-11', 'Suicide bomb', 'BLA', 32, '2024-11-09', 'Pakistan')),
    ('grenade_srinagar', ('2024-11-04', 'Grenade', 'Unidentified Armed Group (India)', 0, '2024-11-03', 'India')),
    ('grenade_srinagar#2', ('2024-11-04', 'Armed clash', None, 1, '2024-11-02', 'India')),
    ('abduction_haiti', ('2023-05-10', 'Abduction/forced disappearance', '400 Mawozo', 0, '2023-05-09', 'Haiti')),
    ('capture_rubaya', ('2024-05-02', 'Non-state actor overtakes territory', 'M23', None, '2024-04-30', 'Democratic Republic of Congo')),
    ('regain_somalia', ('2023-01-17', 'Government regains territory', 'Military Forces of Somalia', None, '2023-01-16', 'Somalia')),
    ('clash_mexico', ('2024-10-23', 'Armed clash', ('Mexico', 'Sinaloa'), 19, '2024-10-21', 'Mexico')),
    ('clash_colombia', ('2024-02-06', 'Armed clash', ('ELN', 'FARC'), 8, '2024-02-04', 'Colombia')),
    ('clash_ethiopia', ('2024-03-13', 'Armed clash', ('Fano', 'Ethiopia'), 12, '2024-03-11', 'Ethiopia')),
    ('clash_jenin', ('2024-01-08', 'Armed clash', ('Israel', 'Jenin'), 3, '2024-01-07', 'Palestine')),
    ('clash_mali', ('2023-09-12', 'Armed clash', ('JNIM', 'Mali'), 19, '2023-09-11', 'Mali')),
    ('protest_peaceful_france', ('2023-03-08', 'Peaceful protest', 'Protesters (France)', 0, '2023-03-07', 'France')),
    ('protest_teargas_georgia', ('2024-05-01', 'Protest with intervention', 'Protesters (Georgia)', 0, '2024-04-30', 'Georgia')),
    ('protest_force_kenya', ('2024-06-26', 'Excessive force against protesters', None, 5, '2024-06-25', 'Kenya')),
    ('riot_uk', ('2024-08-05', 'Violent demonstration', 'Rioters (United Kingdom)', 0, '2024-08-04', 'United Kingdom')),
    ('mob_india', ('2023-06-10', 'Mob violence', 'Rioters (India)', 1, '2023-06-08', 'India')),
    ('arrests_bangladesh', ('2023-10-30', 'Arrests', 'Police Forces of Bangladesh', 0, '2023-10-29', 'Bangladesh')),
    ('looting_sudan', ('2023-12-20', 'Looting/property destruction', 'Rapid Support Forces', 0, '2023-12-18', 'Sudan')),
    ('shootdown_ukraine', ('2024-07-08', 'Disrupted weapons use', None, 0, ('2024-07-07', '2024-07-08'), 'Ukraine')),
    ('defusal_peshawar', ('2024-02-15', 'Disrupted weapons use', 'Police Forces of Pakistan', 0, '2024-02-14', 'Pakistan')),
    ('change_ethiopia', ('2023-08-05', 'Change to group/activity', 'Ethiopia', 0, '2023-08-04', 'Ethiopia')),
    ('agreement_somalia', ('2024-09-16', 'Agreement', None, 0, '2024-09-14', 'Somalia')),
]

# name: published (the dateline's day)
NEGATIVE = {'football': '2024-05-05', 'boxing': '2024-05-19', 'pricewar': '2024-02-07', 'politics': '2023-11-14',
            'accident': '2023-08-09', 'weather': '2024-06-20', 'film': '2024-03-28', 'threats': '2024-08-12',
            'trial': '2024-12-13', 'cyber': '2024-06-21'}


ARTICLES = Articles("en_cov_", CASES, XFAIL)
load, coded, _published = ARTICLES.load, ARTICLES.coded, ARTICLES.published


@pytest.mark.parametrize("name,published,sub,actor1,fatalities,date,country", ARTICLES.params())
def test_english_conflict_article(name, published, sub, actor1, fatalities, date, country):
    ARTICLES.check_main_event(name, published, "en", sub, actor1, fatalities, date, country)


@pytest.mark.parametrize("name", negative_params(NEGATIVE, NEGATIVE_XFAIL))
def test_english_non_conflict_article_has_no_events(name):
    assert_no_events(ARTICLES, name, NEGATIVE[name])


# --- article-level properties: background, updates, merges ---------------------------------

def test_toll_update_is_not_a_second_event():
    """'The toll rose to 32 ... officials had put it at 26' is one bombing with 32 dead."""
    res = coded("suicide_quetta", _published("suicide_quetta"))
    bombs = [e for e in res.events if e.event_type == "Explosions/Remote violence"]
    assert len(bombs) == 1, [(e.sub_event_type, e.fatalities, str(e.event_date)) for e in bombs]


def test_later_toll_in_same_article_is_not_added():
    res = coded("clash_sudan", _published("clash_sudan"))
    clashes = [e for e in res.events if e.sub_event_type == "Armed clash" and str(e.event_date) == "2024-06-11"]
    assert len(clashes) == 1
    assert sum(e.fatalities or 0 for e in res.events) <= 27


def test_background_recapture_is_not_an_event():
    """Kupiansk 'recaptured ... that September' (2022) is background, not a 2024 event."""
    res = coded("shelling_kupiansk", _published("shelling_kupiansk"))
    assert not any(e.event_type == "Battles" for e in res.events), [(e.sub_event_type, str(e.event_date)) for e in res.events]


@pytest.mark.xfail(reason="the 'killed ... during a raid' lead and the 'exchanged "
                          "fire' sentence make two Armed clash events (one against 'Civilians' from 'refugee camp'); "
                          "ACLED codes one", strict=False)
def test_air_support_during_raid_is_one_battle():
    """An air strike told with a ground battle in the same place on the same day merges into the Battles event."""
    res = coded("clash_jenin", _published("clash_jenin"))
    same_day = [e for e in res.events if str(e.event_date) == "2024-01-07" and e.event_type != "Strategic developments"]
    assert [e.sub_event_type for e in same_day] == ["Armed clash"], [(e.sub_event_type, e.location) for e in same_day]


def test_peaceful_march_has_no_violence():
    res = coded("protest_peaceful_france", _published("protest_peaceful_france"))
    assert {e.event_type for e in res.events} == {"Protests"}, [(e.sub_event_type, [s.text for s in e.evidence]) for e in res.events]
    assert {e.sub_event_type for e in res.events} == {"Peaceful protest"}


def test_denial_of_targeting_does_not_cancel_the_strike():
    res = coded("airstrike_myanmar", _published("airstrike_myanmar"))
    assert any(e.sub_event_type == "Air/drone strike" for e in res.events)


def test_defusal_is_not_an_explosion():
    res = coded("defusal_peshawar", _published("defusal_peshawar"))
    same_day = [e for e in res.events if str(e.event_date) == "2024-02-14"]
    assert not any(e.event_type == "Explosions/Remote violence" for e in same_day), [(e.sub_event_type, [s.text for s in e.evidence]) for e in same_day]


@pytest.mark.xfail(reason="typing: 'drones launched by Russia overnight' in the shoot-down sentence is an air strike "
                          "of its own; shot-down drones did not strike", strict=False)
def test_shoot_down_is_only_disrupted_weapons_use():
    res = coded("shootdown_ukraine", _published("shootdown_ukraine"))
    assert [e.sub_event_type for e in res.events] == ["Disrupted weapons use"], [(e.sub_event_type, [s.text for s in e.evidence]) for e in res.events]


# --- one sentence each for vocabulary that English reports use ------------------------------

SENTENCES = [
    ("Soldiers and jihadists exchanged gunfire near Menaka in northern Mali on Monday, leaving four fighters dead.", "Armed clash"),
    ("Al Shabaab fighters ambushed an army convoy near Baidoa on Monday, killing six soldiers.", "Armed clash"),
    ("Security forces killed five suspected militants in a gunfight in Kupwara district on Monday.", "Armed clash"),
    ("A suicide bomber detonated his vest outside a mosque in Peshawar on Monday, killing three worshippers.", "Suicide bomb"),
    ("An army truck struck a landmine near Mosul on Monday, killing two soldiers.", "Remote explosive/landmine/IED"),
    ("Attackers hurled a hand grenade into a bar in Bujumbura on Monday, wounding eight people.", "Grenade"),
    ("A Russian drone hit an apartment building in Kharkiv on Monday, killing two people.", "Air/drone strike"),
    ("Russian forces fired Grad rockets at Nikopol on Monday, wounding three residents.", "Shelling/artillery/missile attack"),
    ("Unidentified gunmen shot dead a village chief in Cabo Delgado on Monday.", "Attack"),
    ("Gunmen abducted 15 pupils from a boarding school in northwestern Nigeria on Monday.", "Abduction/forced disappearance"),
    ("M23 rebels seized the town of Sake on Monday after heavy fighting with the army.", "Non-state actor overtakes territory"),
    ("Police fired rubber bullets and water cannon to break up a rally of thousands of demonstrators in Tbilisi on Monday.", "Protest with intervention"),
    ("Thousands of workers walked off the job in a general strike across Argentina on Monday.", "Peaceful protest"),
    ("Hundreds of farmers rallied peacefully outside parliament in Warsaw on Monday.", "Peaceful protest"),
    ("Demonstrators pelted police with stones and torched cars in the Paris suburb of Nanterre on Monday.", "Violent demonstration"),
    ("An angry crowd lynched a suspected thief in Bukavu on Monday.", "Mob violence"),
    ("Police in Islamabad detained dozens of supporters of former prime minister Imran Khan on Monday.", "Arrests"),
    ("The Colombian army seized a cache of rifles and explosives belonging to the ELN in Antioquia on Monday.", "Disrupted weapons use"),
    ("Militiamen set fire to dozens of houses in a village in central Mali on Monday.", "Looting/property destruction"),
]


@pytest.mark.parametrize("text,sub", SENTENCES)
def test_english_vocabulary_sentence(text, sub):
    res = code(text, published="2024-05-07")
    assert sub in [e.sub_event_type for e in res.events], [(e.sub_event_type, e.actor1) for e in res.events]

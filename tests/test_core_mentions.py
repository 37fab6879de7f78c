"""Stage tests: numbers, vague quantities, casualty figures, dates, lexicon matching."""
import datetime as dt

import pytest

from conflictcoder.lexicon import get_matcher
from conflictcoder.mentions import extract, find_dates, parse_number_word, resolve_weekday
from conflictcoder.models import Article
from conflictcoder.nlp import analyze


def doc(text, lang=None, published=None):
    return analyze(Article(text=text, lang=lang, published=published))


@pytest.mark.parametrize("word,lang,value", [
    ("vier", "de", 4), ("einundzwanzig", "de", 21), ("Fünf", "de", 5), ("twenty-one", "en", 21),
    ("37", "de", 37), ("1.500", "de", 1500), ("1,500", "en", 1500), ("ein", "de", None), ("a", "en", None),
    ("Soldaten", "de", None),
])
def test_number_words(word, lang, value):
    assert parse_number_word(word, lang) == value


def casualties(text, lang=None, published=None):
    return [(c.outcome, c.quantity.low, c.quantity.best, c.quantity.high, c.quantity.rule, c.subset)
            for c in extract(doc(text, lang, published)).casualties]


def test_exact_and_word_numbers_de():
    got = casualties("Bei dem Angriff wurden vier Polizisten getötet und zwölf Zivilisten verletzt.")
    assert ("killed", 4, 4, 4, "exact", False) in got
    assert ("wounded", 12, 12, 12, "exact", False) in got


def test_vague_quantities_follow_documented_rules():
    got = casualties("Dutzende Kämpfer kamen bei den Gefechten ums Leben.")
    assert got == [("killed", 12, 24, 99, "vague:dozens", False)]
    got = casualties("Hundreds of people were wounded in the clashes.")
    assert got == [("wounded", 100, 200, 999, "vague:hundreds", False)]
    got = casualties("Several soldiers were killed in the ambush.")
    assert got[0][4] == "vague:several"


def test_modifiers_at_least_nearly_about_and_ranges():
    assert casualties("At least four civilians were killed.")[0][1:5] == (4, 4, None, "at_least")
    assert casualties("Mindestens vier Zivilisten wurden getötet.")[0][1:5] == (4, 4, None, "at_least")
    assert casualties("Fast 100 Menschen starben bei den Kämpfen.")[0][1:5] == (90, 99, 99, "nearly")
    assert casualties("Nearly 100 people died in the fighting.")[0][1:5] == (90, 99, 99, "nearly")
    assert casualties("About 30 fighters were killed.")[0][1:5] == (27, 30, 33, "about")
    assert casualties("Between 10 and 15 villagers were killed.")[0][1:5] == (10, 12, 15, "range")


def test_subset_cue_marks_included_figures():
    got = casualties("37 soldiers were killed, including four officers.")
    assert ("killed", 37, 37, 37, "exact", False) in got
    assert any(c[1] == 4 and c[5] for c in got)


def test_quantities_of_things_are_not_casualties():
    assert casualties("The army fired hundreds of shells and 20 rockets at the town.") == []
    assert casualties("Die Kämpfer rückten zehn Kilometer vor.") == []


def test_fatalities_noun_glued_to_number():
    assert casualties("The victim died. 1 fatality.")[0][:3] == ("killed", 1, 1)


def test_singular_victim_counts_one():
    assert casualties("A man was shot dead by gunmen.")[0][:3] == ("killed", 1, 1)


def test_weekday_rule():
    wed = dt.date(2024, 11, 27)
    thu = dt.date(2024, 11, 28)
    assert resolve_weekday(2, thu, last=False) == wed
    assert resolve_weekday(2, wed, last=False) == wed  # same day: the publication day itself
    assert resolve_weekday(2, wed, last=True) == wed - dt.timedelta(days=7)


def dates(text, published=None, lang=None):
    return [(d.span.text, d.date, d.precision) for d in find_dates(doc(text, lang, published))]


def test_absolute_and_relative_dates():
    pub = dt.date(2025, 3, 14)  # a Friday
    assert dates("Am Mittwoch griffen Milizen das Dorf an.", pub) == [("Mittwoch", dt.date(2025, 3, 12), 1)]
    assert dates("Gestern wurden drei Soldaten getötet.", pub)[0][1] == dt.date(2025, 3, 13)
    assert dates("On 3 May, police arrested ten protesters.", pub)[0][1] == dt.date(2024, 5, 3)
    assert dates("Last Wednesday, rebels shelled the town.", pub)[0][1] == dt.date(2025, 3, 12)
    assert dates("Am 3. Dezember 2024 kam es zu Kämpfen.", pub)[0][1] == dt.date(2024, 12, 3)
    got = dates("Fighting continued last week.", pub)
    assert got[0][2] == 2
    got = dates("Ende Januar wurden zwei Dörfer geplündert.", pub)
    assert got[0][1] == dt.date(2025, 1, 31) and got[0][2] == 3


def test_relative_date_without_publication_is_unresolved():
    got = dates("Am Mittwoch griffen Milizen das Dorf an.", None)
    assert got == [("Mittwoch", None, 1)]


def test_lemmas_let_inflected_german_match():
    d = doc("Die Truppen töteten zwei Kämpfer. Drei Soldaten wurden getötet. Sie tötete niemanden.", lang="de")
    found = {(m.value, d.text[d.tokens[m.tok_start].start:d.tokens[m.tok_end - 1].end]) for m in get_matcher("de").find(d, labels=["action"])}
    assert ("kill", "töteten") in found and ("kill", "getötet") in found and ("kill", "tötete") in found


def test_separable_verb_gap_pattern():
    d = doc("Die Polizei nahm am Abend zwölf Demonstranten fest.", lang="de")
    classes = {t.cls for t in extract(d).triggers}
    assert "arrest" in classes


def test_modal_cues_block_threats_and_plans():
    trig = extract(doc("The group threatened to attack the base.", lang="en")).triggers
    assert all(t.modality for t in trig if t.cls == "attack")
    trig = extract(doc("Die Miliz drohte mit einem Angriff auf die Stadt.", lang="de")).triggers
    assert all(t.modality for t in trig if t.cls == "attack")


@pytest.mark.parametrize("text,lang,total", [
    ("Gunmen shot dead a farmer and his wife near the market on Sunday.", "en", 2),
    ("Three police officers (BPM) and a driver were killed in the ambush.", "en", 4),
    ("The raid led to the death of 4 soldiers and 2 gendarmes, and 5 others were injured.", "en", 6),
    ("Bei dem Überfall wurden zwei Soldaten und ein Polizist getötet.", "de", 3),
])
def test_coordinated_victims_add_up(text, lang, total):
    from conflictcoder import code

    res = code(text, lang=lang, published="2023-04-03")
    assert res.events and res.events[0].fatalities == total


def test_coordination_does_not_steal_another_outcome():
    got = casualties("The shelling killed 15 soldiers and 18 civilians were wounded in the town.", lang="en")
    assert ("killed", 15, 15, 15, "exact", False) in got
    assert ("wounded", 18, 18, 18, "exact", False) in got
    assert not any(c[0] == "killed" and c[2] == 18 for c in got)


@pytest.mark.parametrize("text", [
    "Relatives marched to demand justice for a student killed by the police in 2016.",
    "Police detained a man suspected of killing two herders at a well.",
    "The army demolished the home of a man convicted of killing a settler last year.",
])
def test_deaths_told_as_charge_or_past_are_not_casualties(text):
    got = casualties(text, lang="en", published="2023-04-03")
    assert not any(c[0] == "killed" for c in got)


def test_attributed_accusation_as_predicate_is_still_the_event():
    from conflictcoder import code

    res = code("On Monday, militiamen are accused of abducting a truck driver near the border post.", lang="en", published="2023-04-03")
    assert [e.sub_event_type for e in res.events] == ["Abduction/forced disappearance"]


@pytest.mark.parametrize("text,killed,wounded", [
    ("The shop owner was killed and two others were injured when the bomb went off.", 1, 2),
    ("Gunmen killed two farmers and injured another near the well.", 2, 1),
    ("A mortar round wounded one guard and killed another at the gate.", 1, 1),
    ("Soldiers shot and killed a 34-year-old man at the checkpoint.", 1, None),
    ("Militants stabbed a teacher in the market. He was killed in the attack.", 1, None),
    ("Four fighters were killed, three others survived the ambush.", 4, None),
])
def test_singular_others_and_another(text, killed, wounded):
    from conflictcoder import code

    res = code(text, lang="en", published="2023-04-03")
    assert res.events and res.events[0].fatalities == killed
    assert res.events[0].wounded == wounded


def test_signs_and_slogans_are_not_victims():
    got = casualties("Marchers carried many placards, some from the union and others reading 'Hands Off Our Bodies'.", lang="en")
    assert not any(c[0] == "killed" for c in got)


def test_a_partys_claim_is_another_account_not_an_added_part():
    from conflictcoder import code

    res = code("On Monday militants ambushed an army convoy near Djibo; dozens of soldiers were killed, security sources said. "
               "In a statement the group claimed its fighters had killed more than 100 soldiers.", lang="en", published="2023-05-10")
    e = res.events[0]
    assert e.fatalities == 12  # ACLED's conservative figure for 'dozens', not 12 + 100
    assert any("disagrees" in w for w in e.warnings)


def test_a_claim_with_coordinated_parts_is_one_account():
    from conflictcoder import code

    res = code("On Monday militants attacked soldiers near Amadiya. The group claimed one soldier and one fighter were killed.",
               lang="en", published="2023-05-10")
    assert res.events[0].fatalities == 2


def test_german_sentence_final_number_and_next_day_toll():
    from conflictcoder import code

    text = ("Bei einem Bombenanschlag auf einen Markt in Baidoa sind am Montag mindestens zwölf Menschen getötet worden. "
            "Am Dienstag stieg die Zahl der Todesopfer nach Angaben der Behörden auf 19. Mehr als 40 Menschen wurden verletzt.")
    res = code(text, lang="de", published="2024-03-12")
    assert res.events[0].fatalities == 19
    assert res.events[0].wounded == 40
    got = casualties("Am 3. Dezember wurden 5 Menschen getötet.", lang="de")
    assert [c[2] for c in got if c[0] == "killed"] == [5]

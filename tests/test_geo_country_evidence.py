"""Country evidence beyond place names: national bodies named in the text, the home countries of
named groups, and an article's own location when no event is coded."""
from __future__ import annotations

from conflictcoder import api
from conflictcoder.geo import country_cues
from geo_cases import first_event, found_places


def names(text: str, lang: str = "en") -> list[str]:
    return [m.name for m in found_places(text, lang)]


def test_country_cues_are_whole_words_and_split_when_shared():
    v = country_cues("Members of the CCOO union marched with the KCTU-affiliated drivers.")
    assert v["ES"] == 2.0 and v["KR"] == 2.0
    # a shared acronym splits its vote; a name inside a longer word is no cue
    v = country_cues("The CGT called a strike. ACCOOL is a brand.")
    assert 0 < v["FR"] < 2.0 and 0 < v["ES"] < 2.0 and "KR" not in v
    assert country_cues("Die AfD-Fraktion verließ den Saal.")["DE"] == 2.0
    assert not country_cues("cgt and ccoo in lower case are no cue")


def test_a_union_decides_between_homonym_cities():
    # Cordoba is a city in Spain and in Argentina, and a department of Colombia
    loc = api.locate("On 3 May 2023, members of the CCOO union gathered in Cordoba to demand higher wages.", lang="en")
    assert loc is not None and loc.candidate.country_iso2 == "ES"
    loc = api.locate("On 3 May 2023, members of Polo Obrero gathered in Cordoba to demand food aid.", lang="en")
    assert loc is not None and loc.candidate.country_iso2 == "AR"


def test_article_location_without_event_and_country_fallback():
    # no event words at all: the article still has a location
    loc = api.locate("The mayor of Dortmund opened a new library on Monday.", lang="en")
    assert loc is not None and loc.candidate.name == "Dortmund" and loc.candidate.country_iso2 == "DE"
    # no place the gazetteer knows, but a national body: the country, at precision 3, with no mention
    loc = api.locate("On 2 March 2023, the OSCE SMM recorded 12 explosions near Zzyzxovka.", lang="en")
    assert loc is not None and loc.mention is None and loc.candidate.country_iso2 == "UA" and loc.geo_precision == 3
    assert api.locate("   ", lang="en") is None


def test_small_district_does_not_outrank_cities_of_its_name():
    # Belize has a Toledo District; the cities of Ohio and Spain are far larger
    top = resolve_first("Toledo", "Nurses marched through Toledo on Friday.")
    assert top.country_iso2 != "BZ" and top.feature_class == "P"
    # a state with no town of its name stays the usual reading
    assert resolve_first("Kansas", "Storms hit Kansas overnight.").feature_code == "ADM1"


def resolve_first(name, context):
    from conflictcoder.geo import resolve

    return resolve(name, context=context, limit=1)[0]


def test_bare_name_is_the_town_before_a_district_elsewhere():
    # Ontario has a York Region (a district with no town called York); the English city is meant
    top = resolve_first("York", "Lecturers picketed in York on Tuesday.")
    assert top.country_iso2 == "GB"  # (the city, or the English district of the city)


def test_lone_connector_word_names_only_a_prominent_place():
    assert names("Farmers blocked a road in Van on Sunday.") == ["Van"]
    assert names("Ferries to Turkey were cancelled.") == ["Turkey"]
    assert names("The banner read: Do not forget us.") == []


def test_two_word_type_words_and_place_object_verbs():
    def found(text, lang="en"):
        return [(m.name, m.place_type) for m in found_places(text, lang)]

    # a minor village with no locative cue: a shelling verb or a two-word type word makes it a place
    assert ("Bereznehuvate", "district") in found("Artillery hit Bereznehuvate territorial community overnight.")
    assert ("Bereznehuvate", None) in found("Russian troops shelled Bereznehuvate overnight.")
    assert ("Bereznehuvate", None) in found("Die Armee beschoss Bereznehuvate in der Nacht.", "de")


def test_organisation_and_common_word_are_no_places():
    assert names("Officers of Scotland Yard searched a flat in Leeds.", "en") == ["Leeds"]
    assert names("Nach Angaben von Scotland Yard durchsuchten Beamte eine Wohnung in Leeds.", "de") == ["Leeds"]
    assert names("Der Minister sprach von Frieden in der Welt.", "de") == []
    assert names("In ihrer Rede in Magdeburg forderte sie mehr Geld.", "de") == ["Magdeburg"]


def test_the_place_named_with_a_locative_preposition_is_the_event_place():
    # both towns are equally specific; the event happened "in" one, the other is where the drivers come from
    assert first_event("On 4 May 2023, truck drivers from Sousse blocked the main road in Kairouan.",
                       published="2023-05-05").location == "Kairouan"


def test_a_country_named_as_the_far_side_of_a_border_is_not_the_focus():
    e = first_event("On 7 May 2024, troops killed nine militants in an operation in Bajaur district, close to the Afghan border.")
    assert e is not None and e.country_iso2 == "PK" and e.admin1 == "Khyber Pakhtunkhwa"
    e = first_event("Am 7. Mai 2024 wurden bei Gefechten nahe der türkischen Grenze in der Provinz Hasaka vier Kämpfer getötet.")
    assert e is not None and e.country_iso2 == "SY"

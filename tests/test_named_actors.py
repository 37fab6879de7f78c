"""Named actors of data/actors/named_world.yaml: a well-formed file and short sentences written
for these tests, in English and German."""
import datetime as dt
import os
from collections import defaultdict

import pytest
import yaml

from conflictcoder import code
from conflictcoder.actors import named_entries
from conflictcoder.lexicon import data_path

ACTORS_DIR = os.path.dirname(data_path("actors", "named.yaml"))
WORLD = os.path.join(ACTORS_DIR, "named_world.yaml")


def load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


def all_aliases(row):
    # the loader also adds the part of the name before ":" as an alias
    return [str(a) for a in row.get("aliases", [])] + [row["name"].split(":")[0]]


def alias_key(a):
    # short all-caps acronyms and aliases with digits are matched case-sensitively
    return a if (a.isupper() and len(a) <= 6) or any(ch.isdigit() for ch in a) else a.lower()


# ---------------------------------------------------------------- the file

def test_world_file_is_well_formed():
    rows = load(WORLD)
    assert 150 <= len(rows) <= 250
    names = set()
    for row in rows:
        assert set(row) <= {"name", "inter", "country", "aliases", "state_from", "unit", "party"}, row
        assert isinstance(row["name"], str) and row["name"].strip() == row["name"] and row["name"], row
        assert row["name"] not in names, row["name"]
        names.add(row["name"])
        assert row["inter"] in (2, 3, 4, 8), row
        assert isinstance(row["aliases"], list) and row["aliases"], row
        for a in row["aliases"]:
            assert isinstance(a, str) and a.strip() == a and a, (row["name"], a)
        if "{country}" in row["name"]:
            assert row["name"].endswith(" ({country})"), row["name"]
        else:
            assert isinstance(row.get("country"), str) and len(row["country"]) == 2 and row["country"].isupper(), row
        if "state_from" in row:
            dt.date.fromisoformat(row["state_from"])
            assert row.get("country"), row


def test_world_names_are_new():
    base = {r["name"] for r in load(os.path.join(ACTORS_DIR, "named.yaml"))}
    assert not base & {r["name"] for r in load(WORLD)}


def test_no_alias_duplicated_across_files():
    owners = defaultdict(set)
    world_names = set()
    for f in sorted(os.listdir(ACTORS_DIR)):
        if f == "named.yaml" or (f.startswith("named_") and f.endswith(".yaml")):
            for row in load(os.path.join(ACTORS_DIR, f)):
                if f == "named_world.yaml":
                    world_names.add(row["name"])
                for a in all_aliases(row):
                    owners[alias_key(a)].add(row["name"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1 and v & world_names}
    assert not clashes


def test_no_risky_acronyms():
    # words, wire services, sports tables, equipment: would give false actors
    risky = {"AA", "APC", "PTI", "EPL", "BRA", "PLA", "LeT", "JeM", "RSS", "CDF", "CNA", "SSA", "PRC",
             "NDF", "MIT", "EPP", "AFP", "AP", "IS", "US", "UN", "EU"}
    for row in load(WORLD):
        for a in all_aliases(row):
            assert a not in risky, (row["name"], a)


def test_loader_reads_world_file():
    names = {e.name for e, _ in named_entries()}
    assert "Kataib Hezbollah" in names and "KNDF: Karenni Nationalities Defense Force" in names
    assert len(named_entries()) >= 71 + 150


# ---------------------------------------------------------------- sentences

def first(text, published):
    res = code(text, published=published)
    assert res.events, text
    return res.events[0]


@pytest.mark.parametrize("text,published,actor1,inter1", [
    ("On 3 May 2023, TNLA fighters attacked a junta outpost near Lashio, Myanmar.", "2023-05-04", "TNLA", 2),
    ("On 12 March 2024, KNDF fighters attacked a military outpost in Loikaw, Myanmar.", "2024-03-13",
     "KNDF: Karenni Nationalities Defense Force", 2),
    ("Kataib Hezbollah fired rockets at a US base near Erbil on Tuesday, Iraqi officials said.", "2024-01-17",
     "Kataib Hezbollah", 3),
    ("Giants Brigades fighters clashed with Houthi forces in Shabwa on Monday, killing 12.", "2022-01-11",
     "Giants Brigades", 3),
    ("FDLR rebels attacked a village in Rutshuru territory, North Kivu, on Sunday, killing five civilians.",
     "2022-06-06", "FDLR: Democratic Forces for the Liberation of Rwanda", 2),
    ("Suspected Fulani militia killed 20 villagers in Plateau State, Nigeria, on Saturday.", "2023-05-22",
     "Fulani Ethnic Militia (Nigeria)", 4),
    ("Lions' Den gunmen opened fire on Israeli soldiers near Nablus on Tuesday.", "2022-10-12", "Lions' Den", 3),
    ("The Jenin Brigade clashed with Israeli forces in Jenin refugee camp on Monday.", "2023-07-04",
     "Katibat Jenin", 3),
    ("Police said the attack was carried out by the MILF in Maguindanao on Monday, killing three soldiers.",
     "2022-06-07", "MILF: Moro Islamic Liberation Front", 2),
    # Chechen units under Kadyrov are Russia's forces, an external force in Ukraine
    ("Kadyrovtsy shelled Ukrainian positions near Bakhmut on Monday.", "2023-01-10",
     "Military Forces of Russia (2000-)", 8),
    # German
    ("Die Giganten-Brigaden lieferten sich am Montag in Schabwa heftige Gefechte mit den Huthis.", "2022-01-11",
     "Giants Brigades", 3),
    ("Am Sonntag überfielen FDLR-Rebellen ein Dorf im Kongo und töteten fünf Zivilisten.", "2022-06-06",
     "FDLR: Democratic Forces for the Liberation of Rwanda", 2),
    ("Die Kataib Hisbollah beschoss am Dienstag einen US-Stützpunkt im Irak mit Raketen.", "2024-01-17",
     "Kataib Hezbollah", 3),
    ("Bei einem Angriff der Arakan Rohingya Salvation Army auf Polizeiposten in Rakhine wurden am Freitag "
     "zwölf Polizisten getötet.", "2024-01-13", "ARSA: Arakan Rohingya Salvation Army", 2),
    ("Kämpfer der Fatemiyoun-Brigade griffen am Montag Stellungen des IS bei Deir ez-Zor an.", "2017-10-10",
     "Liwa Fatemiyoun", 3),
    ("Der Rechte Sektor griff am Montag eine Kundgebung in Kiew an.", "2015-07-14", "Right Sector", 3),
])
def test_named_actor1(text, published, actor1, inter1):
    e = first(text, published)
    assert e.actor1.startswith(actor1), (e.actor1, text)
    assert e.inter1 == inter1, (e.inter1, text)


def test_wire_service_and_vehicle_are_not_parties():
    # "PTI" is also India's wire service, "APC" an armoured personnel carrier
    res = code("Maoists ambushed a police APC in Sukma, Chhattisgarh, on Monday, killing three officers, "
               "a police official told PTI.", published="2022-06-07")
    names = " ".join(e.actor1 + " " + e.actor2 for e in res.events)
    assert "Tehreek" not in names and "Progressives" not in names, names


def test_acronym_is_case_sensitive():
    # "tak" (Thai province Tak) and "fact" are not the acronyms TAK and FACT
    res = code("On Monday, soldiers clashed with smugglers in Tak province, Thailand; in fact two were killed.",
               published="2022-06-07")
    names = " ".join(e.actor1 + " " + e.actor2 for e in res.events)
    assert "Kurdistan Freedom Falcons" not in names and "Concord in Chad" not in names, names


def test_party_supporters_attacking_rivals_are_rioters_with_their_party():
    e = first("Awami League activists attacked BNP supporters in Dhaka on Friday, injuring 10.", "2023-07-29")
    assert e.sub_event_type == "Mob violence" and e.actor1 == "Rioters (Bangladesh)" and e.inter1 == 5
    assert e.assoc_actor_1 == "AL: Bangladesh Awami League" and e.assoc_actor_2 == "BNP: Bangladesh Nationalist Party"


def test_paramilitary_police_keep_their_branch():
    from conflictcoder import code

    res = code("On Monday militants fired at CRPF personnel in Srinagar, killing one CRPF jawan.", lang="en", published="2023-05-10")
    assert res.events and any("Police Forces of India" in (e.actor1 + e.actor2) and "Central Reserve Police Force" in (e.actor1 + e.actor2)
                              for e in res.events)


def test_coordinated_subsets_split_the_total():
    from conflictcoder import code

    res = code("On Monday militants attacked a checkpoint near Koutiala. Two customs officers and seven civilians, "
               "nine people in all, were killed.", lang="en", published="2023-05-10")
    assert res.events[0].fatalities == 9

"""Regenerate src/conflictcoder/data/countries.yaml from pycountry (ISO codes, English and German
names) plus the hand-written tables below (ACLED names, ACLED regions, adjectives, demonyms).

Usage: .venv/bin/python scripts/build_countries.py
"""
import gettext
import os

import pycountry
import yaml

# ACLED spellings where they differ from ISO short names
ACLED_NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "PS": "Palestine", "RU": "Russia",
    "US": "United States", "GB": "United Kingdom", "KR": "South Korea", "KP": "North Korea", "CI": "Ivory Coast",
    "SZ": "eSwatini", "CZ": "Czech Republic", "TR": "Turkey", "SY": "Syria", "IR": "Iran", "VE": "Venezuela",
    "BO": "Bolivia", "TZ": "Tanzania", "LA": "Laos", "VN": "Vietnam", "MD": "Moldova", "TW": "Taiwan",
    "MK": "North Macedonia", "FM": "Micronesia", "CV": "Cape Verde", "BN": "Brunei", "XK": "Kosovo",
    "VA": "Vatican City", "TL": "East Timor", "MM": "Myanmar", "BS": "Bahamas", "GM": "Gambia",
    "VG": "British Virgin Islands", "VI": "Virgin Islands, U.S.", "KN": "Saint Kitts and Nevis",
    "LC": "Saint Lucia", "VC": "Saint Vincent and the Grenadines", "FK": "Falkland Islands",
}
# ACLED regions (ISO2 codes per region)
REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW SD",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE CY",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": "AL AD AT BY BE BA BG HR CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO GI GG IM JE AX SJ GL",
    "North America": "CA US PM BM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF",
    "Antarctica": "AQ BV GS HM TF",
}
# adjectives / demonyms: ISO2 -> (English adjectives and demonyms, German adjective stems, German demonym nouns);
# space-separated, "_" joins the words of a multi-word adjective ("South_Sudanese": never "South" alone)
ADJ = {
    "AF": ("Afghan Afghans", "afghanisch", "Afghane Afghanen"), "AL": ("Albanian Albanians", "albanisch", "Albaner"),
    "DZ": ("Algerian Algerians", "algerisch", "Algerier"), "AO": ("Angolan Angolans", "angolanisch", "Angolaner"),
    "AR": ("Argentine Argentinian Argentinians", "argentinisch", "Argentinier"), "AM": ("Armenian Armenians", "armenisch", "Armenier"),
    "AU": ("Australian Australians", "australisch", "Australier"), "AT": ("Austrian Austrians", "österreichisch", "Österreicher"),
    "AZ": ("Azerbaijani Azeri Azerbaijanis", "aserbaidschanisch", "Aserbaidschaner"), "BH": ("Bahraini Bahrainis", "bahrainisch", ""),
    "BD": ("Bangladeshi Bangladeshis", "bangladeschisch", ""), "BY": ("Belarusian Belarusians", "belarussisch weißrussisch", "Belarussen"),
    "BE": ("Belgian Belgians", "belgisch", "Belgier"), "BJ": ("Beninese", "beninisch", ""), "BO": ("Bolivian Bolivians", "bolivianisch", "Bolivianer"),
    "BA": ("Bosnian Bosnians", "bosnisch", "Bosnier"), "BR": ("Brazilian Brazilians", "brasilianisch", "Brasilianer"),
    "BG": ("Bulgarian Bulgarians", "bulgarisch", "Bulgaren"), "BF": ("Burkinabe Burkinabè", "burkinisch", ""), "BI": ("Burundian Burundians", "burundisch", ""),
    "KH": ("Cambodian Cambodians", "kambodschanisch", ""), "CM": ("Cameroonian Cameroonians", "kamerunisch", "Kameruner"),
    "CA": ("Canadian Canadians", "kanadisch", "Kanadier"), "CF": ("Central_African", "zentralafrikanisch", ""),
    "TD": ("Chadian Chadians", "tschadisch", ""), "CL": ("Chilean Chileans", "chilenisch", "Chilenen"), "CN": ("Chinese", "chinesisch", "Chinesen"),
    "CO": ("Colombian Colombians", "kolumbianisch", "Kolumbianer"), "CD": ("Congolese", "kongolesisch", "Kongolesen"),
    "CR": ("Costa_Rican Costa_Ricans", "costa-ricanisch", ""), "HR": ("Croatian Croats", "kroatisch", "Kroaten"), "CU": ("Cuban Cubans", "kubanisch", "Kubaner"),
    "CY": ("Cypriot Cypriots", "zyprisch", "Zyprer"), "CZ": ("Czech Czechs", "tschechisch", "Tschechen"), "DK": ("Danish Danes", "dänisch", "Dänen"),
    "DJ": ("Djiboutian", "dschibutisch", ""), "DO": ("Dominican", "dominikanisch", ""), "EC": ("Ecuadorian Ecuadorians", "ecuadorianisch", ""),
    "EG": ("Egyptian Egyptians", "ägyptisch", "Ägypter"), "SV": ("Salvadoran Salvadorans", "salvadorianisch", ""),
    "ER": ("Eritrean Eritreans", "eritreisch", "Eritreer"), "EE": ("Estonian Estonians", "estnisch", "Esten"),
    "ET": ("Ethiopian Ethiopians", "äthiopisch", "Äthiopier"), "FI": ("Finnish Finns", "finnisch", "Finnen"),
    "FR": ("French", "französisch", "Franzosen Franzose"), "GA": ("Gabonese", "gabunisch", ""), "GM": ("Gambian", "gambisch", ""),
    "GE": ("Georgian Georgians", "georgisch", "Georgier"), "DE": ("German Germans", "deutsch", "Deutsche"),
    "GH": ("Ghanaian Ghanaians", "ghanaisch", ""), "GR": ("Greek Greeks", "griechisch", "Griechen"),
    "GT": ("Guatemalan Guatemalans", "guatemaltekisch", ""), "GN": ("Guinean Guineans", "guineisch", ""), "HT": ("Haitian Haitians", "haitianisch", "Haitianer"),
    "HN": ("Honduran Hondurans", "honduranisch", ""), "HU": ("Hungarian Hungarians", "ungarisch", "Ungarn"),
    "IN": ("Indian Indians", "indisch", "Inder"), "ID": ("Indonesian Indonesians", "indonesisch", "Indonesier"),
    "IR": ("Iranian Iranians Persian", "iranisch", "Iraner"), "IQ": ("Iraqi Iraqis", "irakisch", "Iraker"),
    "IE": ("Irish", "irisch", "Iren"), "IL": ("Israeli Israelis", "israelisch", "Israelis"), "IT": ("Italian Italians", "italienisch", "Italiener"),
    "CI": ("Ivorian Ivorians", "ivorisch", "Ivorer"), "JM": ("Jamaican Jamaicans", "jamaikanisch", ""), "JP": ("Japanese", "japanisch", "Japaner"),
    "JO": ("Jordanian Jordanians", "jordanisch", "Jordanier"), "KZ": ("Kazakh Kazakhstani", "kasachisch", "Kasachen"),
    "KE": ("Kenyan Kenyans", "kenianisch", "Kenianer"), "XK": ("Kosovar Kosovan", "kosovarisch", "Kosovaren"), "KW": ("Kuwaiti Kuwaitis", "kuwaitisch", ""),
    "KG": ("Kyrgyz Kyrgyzstani", "kirgisisch", "Kirgisen"), "LA": ("Lao Laotian", "laotisch", ""), "LV": ("Latvian Latvians", "lettisch", "Letten"),
    "LB": ("Lebanese", "libanesisch", "Libanesen"), "LR": ("Liberian Liberians", "liberianisch", ""), "LY": ("Libyan Libyans", "libysch", "Libyer"),
    "LT": ("Lithuanian Lithuanians", "litauisch", "Litauer"), "MG": ("Malagasy", "madagassisch", ""), "MW": ("Malawian Malawians", "malawisch", ""),
    "MY": ("Malaysian Malaysians", "malaysisch", ""), "ML": ("Malian Malians", "malisch", "Malier"), "MR": ("Mauritanian Mauritanians", "mauretanisch", ""),
    "MX": ("Mexican Mexicans", "mexikanisch", "Mexikaner"), "MD": ("Moldovan Moldovans", "moldauisch", ""), "MN": ("Mongolian Mongolians", "mongolisch", ""),
    "ME": ("Montenegrin", "montenegrinisch", ""), "MA": ("Moroccan Moroccans", "marokkanisch", "Marokkaner"),
    "MZ": ("Mozambican Mozambicans", "mosambikanisch", ""), "MM": ("Burmese Myanmar", "myanmarisch birmanisch burmesisch", ""),
    "NA": ("Namibian", "namibisch", ""), "NP": ("Nepali Nepalese", "nepalesisch", "Nepalesen"), "NL": ("Dutch", "niederländisch holländisch", "Niederländer"),
    "NZ": ("New_Zealand New_Zealander New_Zealanders", "neuseeländisch", ""), "NI": ("Nicaraguan Nicaraguans", "nicaraguanisch", ""), "NE": ("Nigerien Nigeriens", "nigrisch", ""),
    "NG": ("Nigerian Nigerians", "nigerianisch", "Nigerianer"), "KP": ("North_Korean North_Koreans", "nordkoreanisch", "Nordkoreaner"),
    "MK": ("Macedonian", "mazedonisch nordmazedonisch", ""), "NO": ("Norwegian Norwegians", "norwegisch", "Norweger"), "OM": ("Omani", "omanisch", ""),
    "PK": ("Pakistani Pakistanis", "pakistanisch", "Pakistaner"), "PS": ("Palestinian Palestinians", "palästinensisch", "Palästinenser"),
    "PA": ("Panamanian", "panamaisch", ""), "PG": ("Papua_New_Guinean", "papua-neuguineisch", ""), "PY": ("Paraguayan Paraguayans", "paraguayisch", ""),
    "PE": ("Peruvian Peruvians", "peruanisch", "Peruaner"), "PH": ("Filipino Philippine Filipinos", "philippinisch", "Philippiner"),
    "PL": ("Polish Poles", "polnisch", "Polen"), "PT": ("Portuguese", "portugiesisch", "Portugiesen"), "QA": ("Qatari", "katarisch", ""),
    "RO": ("Romanian Romanians", "rumänisch", "Rumänen"), "RU": ("Russian Russians", "russisch", "Russen Russe"), "RW": ("Rwandan Rwandans", "ruandisch", "Ruander"),
    "SA": ("Saudi Saudis", "saudisch saudi-arabisch", "Saudis"), "SN": ("Senegalese", "senegalesisch", "Senegalesen"), "RS": ("Serbian Serbs", "serbisch", "Serben"),
    "SL": ("Sierra_Leonean Sierra_Leoneans", "sierra-leonisch", ""), "SO": ("Somali Somalis", "somalisch", "Somalier"), "ZA": ("South_African South_Africans", "südafrikanisch", "Südafrikaner"),
    "KR": ("South_Korean South_Koreans", "südkoreanisch", "Südkoreaner"), "SS": ("South_Sudanese", "südsudanesisch", "Südsudanesen"),
    "ES": ("Spanish Spaniards", "spanisch", "Spanier"), "LK": ("Sri_Lankan Sri_Lankans", "sri-lankisch", ""), "SD": ("Sudanese", "sudanesisch", "Sudanesen"),
    "SE": ("Swedish Swedes", "schwedisch", "Schweden"), "CH": ("Swiss", "schweizerisch", "Schweizer"), "SY": ("Syrian Syrians", "syrisch", "Syrer"),
    "TW": ("Taiwanese", "taiwanisch", "Taiwaner"), "TJ": ("Tajik Tajikistani", "tadschikisch", "Tadschiken"), "TZ": ("Tanzanian Tanzanians", "tansanisch", ""),
    "TH": ("Thai", "thailändisch", "Thailänder"), "TG": ("Togolese", "togoisch", ""), "TN": ("Tunisian Tunisians", "tunesisch", "Tunesier"),
    "TR": ("Turkish Turks", "türkisch", "Türken"), "TM": ("Turkmen", "turkmenisch", ""), "UG": ("Ugandan Ugandans", "ugandisch", "Ugander"),
    "UA": ("Ukrainian Ukrainians", "ukrainisch", "Ukrainer"), "AE": ("Emirati Emiratis", "emiratisch", ""), "GB": ("British Britons", "britisch", "Briten"),
    "US": ("American Americans U.S. US", "amerikanisch us-amerikanisch", "Amerikaner US-Amerikaner"), "UY": ("Uruguayan", "uruguayisch", ""),
    "UZ": ("Uzbek Uzbekistani", "usbekisch", "Usbeken"), "VE": ("Venezuelan Venezuelans", "venezolanisch", "Venezolaner"),
    "VN": ("Vietnamese", "vietnamesisch", "Vietnamesen"), "YE": ("Yemeni Yemenis", "jemenitisch", "Jemeniten"), "ZM": ("Zambian Zambians", "sambisch", ""),
    "ZW": ("Zimbabwean Zimbabweans", "simbabwisch", ""), "ZW_": ("", "", ""),
}
EXTRA_NAMES_EN = {"US": ["USA", "U.S.", "United States of America", "America"], "GB": ["UK", "Britain", "Great Britain"], "CD": ["DR Congo", "DRC", "Congo-Kinshasa"],
                  "CG": ["Congo-Brazzaville"], "RU": ["Russian Federation"], "KR": ["Korea"], "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
                  "MM": ["Burma"], "PS": ["Palestinian Territories", "Gaza", "West Bank"], "SY": ["Syrian Arab Republic"], "TR": ["Türkiye"], "CZ": ["Czechia"],
                  "MK": ["Macedonia"], "SZ": ["Swaziland", "Eswatini"], "TL": ["Timor-Leste"], "NL": ["Holland"]}
EXTRA_NAMES_DE = {"US": ["USA", "Vereinigte Staaten", "Amerika"], "GB": ["Großbritannien", "England"], "CD": ["Demokratische Republik Kongo", "DR Kongo", "Kongo-Kinshasa"],
                  "CG": ["Republik Kongo", "Kongo-Brazzaville"], "BY": ["Weißrussland", "Belarus"], "CI": ["Elfenbeinküste"], "MM": ["Birma", "Burma"],
                  "PS": ["Palästina", "Palästinensische Gebiete", "Gazastreifen", "Westjordanland"], "KR": ["Südkorea"], "KP": ["Nordkorea"],
                  "NL": ["Holland", "Niederlande"], "CZ": ["Tschechien"], "MK": ["Mazedonien", "Nordmazedonien"], "TR": ["Türkei"], "SY": ["Syrien"],
                  # short names used in news where ISO's German name is the long form
                  "RU": ["Russland"], "IR": ["Iran"], "BO": ["Bolivien"], "BA": ["Bosnien-Herzegowina"], "KG": ["Kirgistan"],
                  "LA": ["Laos"], "MD": ["Moldau", "Moldawien"], "TW": ["Taiwan"], "TZ": ["Tansania"], "VE": ["Venezuela"]}


def _words(s: str) -> list[str]:
    return [w.replace("_", " ") for w in s.split()]


# ACLED spells names without accents and the Channel Islands as bailiwicks
ACLED_NAMES.update({"RE": "Reunion", "CW": "Curacao", "ST": "Sao Tome and Principe", "BL": "Saint-Barthelemy",
                    "MF": "Saint-Martin", "GG": "Bailiwick of Guernsey", "JE": "Bailiwick of Jersey"})


def main() -> None:
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    region_of = {c: r for r, codes in REGIONS.items() for c in codes.split()}
    out = []
    countries = list(pycountry.countries) + [type("K", (), {"alpha_2": "XK", "alpha_3": "XKX", "numeric": "0", "name": "Kosovo"})()]
    for c in countries:
        iso2 = c.alpha_2
        name_en = getattr(c, "common_name", None) or c.name
        names_en = sorted({c.name, name_en, getattr(c, "official_name", c.name), ACLED_NAMES.get(iso2, name_en), *EXTRA_NAMES_EN.get(iso2, [])})
        de_name = de.gettext(c.name) if iso2 != "XK" else "Kosovo"
        names_de = sorted({de_name, *EXTRA_NAMES_DE.get(iso2, [])})
        # plain "Congo"/"Kongo" in today's news means the Democratic Republic; the Republic is
        # named "Republic of Congo" / "Congo-Brazzaville" / "Republik Kongo"
        if iso2 == "CG":
            names_en = [n for n in names_en if n != "Congo"]
            names_de = [n for n in names_de if n != "Kongo"]
        if iso2 == "CD":
            names_en = sorted({*names_en, "Congo"})
            names_de = sorted({*names_de, "Kongo"})
        adj = ADJ.get(iso2, ("", "", ""))
        out.append({
            "iso2": iso2, "iso3": c.alpha_3, "iso_numeric": int(c.numeric), "name": ACLED_NAMES.get(iso2, name_en),
            "region": region_of.get(iso2, ""), "names_en": names_en, "names_de": names_de,
            "adjectives_en": _words(adj[0]), "adjectives_de": _words(adj[1]), "demonyms_de": _words(adj[2]),
        })
    path = os.path.join(os.path.dirname(__file__), "..", "src", "conflictcoder", "data", "countries.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# Countries: ISO codes, ACLED name and region, English/German names, adjectives and demonyms.\n")
        fh.write("# Generated by scripts/build_countries.py from pycountry plus hand-written tables.\n")
        yaml.safe_dump(out, fh, allow_unicode=True, sort_keys=False, width=200, default_flow_style=None)
    print(len(out), "countries")


if __name__ == "__main__":
    main()

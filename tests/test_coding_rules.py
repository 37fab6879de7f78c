"""Behaviour of coding rules added from error analysis (texts written for these tests)."""
import pytest

from conflictcoder import code


def first_subs(text, lang="en", published="2023-05-10"):
    """The sub-event type of the first event coded from `text` (a list, empty without events)."""
    return [e.sub_event_type for e in code(text, lang=lang, published=published).events][:1]


def only(text, **kw):
    evs = code(text, **kw).events
    assert len(evs) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in evs]
    return evs[0]


def test_killer_with_object_is_not_a_casualty_and_the_object_is():
    e = only("On 4 June 2023, a policeman shot and killed a motorcyclist at a checkpoint in Kano, Nigeria.")
    assert e.fatalities == 1
    assert e.deaths_civilians == 1 and not e.deaths_a


def test_struck_is_an_attack_not_a_labour_strike():
    e = only("On 9 July 2023, Turkish warplanes struck positions near Duhok, Iraq, killing three fighters.")
    assert e.sub_event_type == "Air/drone strike"
    assert e.event_type != "Protests"


def test_labour_strike_is_a_protest():
    e = only("On 2 August 2023, dock workers went on strike in Mombasa, Kenya, over unpaid wages.")
    assert e.sub_event_type == "Peaceful protest"


def test_killing_and_wounding_keep_their_own_figures():
    e = only("On 5 May 2023, gunmen attacked an army post near Gao, Mali, killing 6 soldiers and wounding 9 others.")
    assert e.fatalities == 6 and e.wounded == 9


@pytest.mark.parametrize("text,country", [
    ("On 3 March 2023, tenants protested in San Jose (California) against rising rents.", "United States"),
    ("On 3 March 2023, hundreds protested in Paris against the war in Ukraine.", "France"),
    ("On 3 March 2023, soldiers burned houses in Mei Lan Taw village (Kale township, Sagaing region).", "Myanmar"),
    ("On 3 March 2023, students rallied in Cetinje in solidarity with Ukrainian refugees.", "Montenegro"),
])
def test_place_readings(text, country):
    assert only(text).country == country


def test_stated_date_beats_overnight_and_anniversaries():
    e = only("On 12 October 2023, overnight rebels attacked a police station in Beni, Congo.")
    assert str(e.event_date) == "2023-10-12"
    e = only("On 8 May 2023, hundreds demonstrated in Leipzig on the anniversary of the surrender of 8 May 1945.")
    assert str(e.event_date) == "2023-05-08"


def test_a_battle_told_from_both_sides_is_one_clash():
    e = only("On 2 June 2023, the joint force of local PDF fighters attacked army troops in Sagaing region, Myanmar. "
             "The troops returned fire.")
    assert e.sub_event_type == "Armed clash"
    assert e.actor1.startswith("PDF") and e.actor2.startswith("Military Forces of Myanmar")


def test_grievance_is_not_the_opponent_of_a_violent_demonstration():
    e = only("Am 3. Mai 2023 demonstrierten in Leipzig rund 2000 Menschen gegen die Regierung. "
             "Einige Teilnehmer errichteten brennende Barrikaden.")
    assert e.sub_event_type == "Violent demonstration" and not e.actor2


def test_foreign_state_force_is_external():
    e = only("On 24 March 2023, a sniper near Al Mayadin, Syria, shot dead a member of the Islamic Revolutionary Guard Corps.")
    assert "Islamic Revolutionary Guard Corps" in (e.actor1 + e.actor2)
    assert 8 in (e.inter1, e.inter2)


def test_out_of_range_publication_date_is_ignored_with_a_message():
    res = code("Am Montag wurden drei Soldaten in Gao, Mali, getötet.", published="0001-01-01")
    assert any("publication date" in m for m in res.errors)


def test_german_verb_second_object_is_counted():
    e = only("Am 3. Mai 2023 töteten Kämpfer in Uvira zwei Zivilisten.")
    assert e.fatalities == 2 and e.deaths_civilians == 2


def test_german_noun_before_a_town_is_not_a_given_name():
    e = only("Am 3. Mai 2023 griffen Dschihadisten die Stadt Ménaka in Mali an.")
    assert e.location and e.country == "Mali"


def test_number_inside_a_name_is_not_a_figure():
    e = only("On 4 March 2023, two Barrio 18 members shot dead a member of the Mara Salvatrucha in Mejicanos, El Salvador.")
    assert e.fatalities == 1
    assert e.actor1.startswith("B-18") and e.actor2.startswith("MS-13") and e.sub_event_type == "Armed clash"


def test_killing_with_seized_weapons_stays_one_battle():
    evs = code("On 8 August 2023, Malian soldiers on patrol killed two jihadist fighters near Gao and seized their rifles.").events
    assert [e.sub_event_type for e in evs] == ["Armed clash"]


def test_local_before_an_armed_group_is_an_adjective():
    e = code("On 8 August 2023, a local militia ambushed Islamist fighters near Mocimboa da Praia, Mozambique.").events[0]
    assert e.sub_event_type == "Armed clash" and not e.actor1.startswith("Civilians")


def test_definite_reference_names_the_perpetrator_without_a_second_event():
    evs = code("On 10 August 2023, unidentified gunmen attacked an army post in Tame, Arauca, Colombia, killing "
               "one soldier. The army said the attack was carried out by the ELN.").events
    assert len(evs) == 1 and evs[0].sub_event_type == "Armed clash"
    assert evs[0].actor1.startswith("ELN") and evs[0].fatalities == 1


def test_accidental_explosion_is_no_event():
    assert code("On 11 August 2023, a gas explosion at a chemical factory in Tianjin, China, killed 12 workers.").events == []


def test_displacement_figure_is_an_other_event_with_civilians_as_actor():
    e = only("On 12 August 2023, about 4,000 people fled fighting around Wad Madani, Sudan, local officials said.")
    assert e.sub_event_type == "Other" and e.actor1 == "Civilians (Sudan)" and e.inter1 == 7


def test_displacement_without_figure_or_by_attackers_is_no_event():
    assert code("On 12 August 2023, the attackers fled on motorbikes towards Kaduna, Nigeria.").events == []
    assert code("About 2,000 people fled the floods in Sindh, Pakistan, on 12 August 2023.").events == []


def test_german_evacuation_figure():
    evs = code("Am Dienstag wurden nach Angaben der Behörden 2500 Menschen aus Pokrowsk evakuiert.", published="2024-08-21").events
    assert [e.sub_event_type for e in evs] == ["Other"] and evs[0].actor1 == "Civilians (Ukraine)"


def test_injured_in_an_accident_is_no_event():
    assert code("On 14 August 2023, three people were injured when a bus overturned near Kisumu, Kenya.").events == []


# Sub-event type of the first event, one rule each (texts written for these tests)
SUB_CASES = [
    # strategic and riot rules
    # "seized"/"captured" take territory only when their object is a place
    ("On 8 August 2023, jihadist fighters seized cattle and motorbikes from herders near Djibo, Burkina Faso.",
     "Looting/property destruction"),
    ("On 8 August 2023, jihadist fighters seized the town of Djibo, Burkina Faso, after the army withdrew.",
     "Non-state actor overtakes territory"),
    # a convoy of troops is a movement of forces; a convoy of drivers is a protest
    ("On 8 August 2023, a convoy of Turkish army trucks entered Idlib province, Syria.", "Change to group/activity"),
    ("On 8 August 2023, farmers drove a tractor convoy through Warsaw, Poland, to protest grain imports.",
     "Peaceful protest"),
    # the device that is defused is what the event is about
    ("On 8 August 2023, soldiers found and defused an IED on the road to Gao, Mali.", "Disrupted weapons use"),
    # troops burning houses with no one harmed: property destruction, not an attack
    ("On 8 August 2023, soldiers raided Kin Ma village (Sagaing region, Myanmar) and set fire to 30 houses.",
     "Looting/property destruction"),
    # a crowd burning a building is a riot
    ("On 8 August 2023, residents set fire to the police station in Kasese, Uganda, after a shooting.", "Mob violence"),
    # a crowd attacking officers is mob violence, not a battle
    ("On 8 August 2023, villagers assaulted two police officers at a market in Birgunj, Nepal.", "Mob violence"),
    # deployment of forces is a change to group activity
    ("On 8 August 2023, the army deployed 500 troops and armoured vehicles to Kidal, Mali.", "Change to group/activity"),
    # protest subtypes
    ("On 9 August 2023, residents blocked the main road in Goma, DR Congo, with barricades of burning tyres "
     "to protest power cuts.", "Violent demonstration"),
    ("On 9 August 2023, teachers held a sit-in outside the ministry in Rabat, Morocco, over pay. "
     "Police intervened to dislodge the teachers.", "Protest with intervention"),
    ("On 9 August 2023, students rallied outside parliament in Tbilisi, Georgia, against a new law. "
     "Three students were arrested.", "Protest with intervention"),
    ("On 9 August 2023, relatives of detained journalists rallied in Istanbul, Turkey, to demand their release.",
     "Peaceful protest"),
    # more rules
    ("On 10 August 2023, supporters of two rival candidates clashed in Comilla, Bangladesh; 15 people were injured.",
     "Mob violence"),
    ("On 10 August 2023, bandits abducted 12 villagers and killed two others in Tsafe, Zamfara, Nigeria.", "Attack"),
    ("On 10 August 2023, bandits abducted 12 villagers and stole their cattle in Tsafe, Zamfara, Nigeria.",
     "Abduction/forced disappearance"),
    ("On 10 August 2023, Russian troops occupied the village of Synkivka near Kupiansk, Ukraine.",
     "Non-state actor overtakes territory"),
    ("On 10 August 2023, about 200 students occupied the rectorate of the university in Turin, Italy, against cuts.",
     "Peaceful protest"),
    ("On 10 August 2023, nurses began a strike outside the general hospital in Accra, Ghana, over unpaid allowances.",
     "Peaceful protest"),
    # explosions arson offensives
    ("On 11 August 2023, two civilians were wounded when an explosion hit a market in Beledweyne, Somalia.",
     "Remote explosive/landmine/IED"),
    ("On 11 August 2023, militants fired a grenade at a police post in Pulwama, Kashmir. Two officers were "
     "injured in the explosion.", "Grenade"),
    ("On 11 August 2023, unknown persons set two trucks of a mining company on fire in Tete, Mozambique.",
     "Looting/property destruction"),
    ("On 11 August 2023, Russian forces engaged in an offensive near Marinka, Donetsk, Ukraine.", "Armed clash"),
    ("On 11 August 2023, villagers from two clans exchanged fire near Baidoa, Somalia, leaving three dead.",
     "Armed clash"),
    # protest retyping and launchers
    ("On 13 August 2023, separatist fighters fired grenade launchers at army positions near Avdiivka, Ukraine.",
     "Shelling/artillery/missile attack"),
    ("On 13 August 2023, about 300 people staged a torch procession in Leipzig, Germany, against energy prices.",
     "Peaceful protest"),
    ("On 13 August 2023, journalists held a protest outside the city hall in Surabaya, Indonesia. "
     "They condemned the murder of a colleague.", "Peaceful protest"),
    ("On 13 August 2023, students protested in Khartoum, Sudan, against the coup. Two protesters were shot dead "
     "by security forces.", "Excessive force against protesters"),
    # wounding attempts and gunshot wounds
    ("On 14 August 2023, militiamen wounded four farmers near Djugu, Ituri, DR Congo.", "Attack"),
    ("On 14 August 2023, government forces thwarted an infiltration and clashed with rebels near Marib, Yemen.",
     "Armed clash"),
    ("On 14 August 2023, a taxi driver was killed; his body, with three gunshot wounds, lay by a road in Celaya, Mexico.",
     "Attack"),
    # what a bomb is: a device unless an aircraft drops or carries it
    ("On 15 August 2023, a bomb exploded outside a tax office in Monywa, Sagaing, Myanmar. Nobody was hurt.",
     "Remote explosive/landmine/IED"),
    ("On 15 August 2023, rebels attacked army trenches near Kamituga, South Kivu, DR Congo, with bomb-carrying drones.",
     "Air/drone strike"),
    # a blockade by the force that makes arrests is a security measure, not a protest
    ("On 15 August 2023, soldiers blocked the roads of Kalay, Sagaing, Myanmar, and arrested five young men.",
     "Arrests"),
    # the dead told next were armed: the attack met resistance
    ("On 15 August 2023, jihadists attacked the village of Tin-Akoff, Oudalan, Burkina Faso. Six soldiers were killed.",
     "Armed clash"),
    ("On 15 August 2023, Ukrainian forces destroyed 12 Russian tanks and killed 60 Russian soldiers near Robotyne, "
     "Zaporizhzhia.", "Armed clash"),
    # explosions counted in a number are fire from a distance
    ("On 15 August 2023, ceasefire monitors recorded 23 explosions near Horlivka, Donetsk, Ukraine.",
     "Shelling/artillery/missile attack"),
    # police dispersing a demonstration told in its own sentence
    ("On 16 August 2023, nurses demonstrated outside the health ministry in Rabat, Morocco. Police intervened "
     "to disperse them.", "Protest with intervention"),
    # burning tyres on a blocked road, throwing bottles at police: a violent demonstration
    ("On 16 August 2023, residents blocked an avenue in Recife, Brazil, by setting tires on fire to protest an eviction.",
     "Violent demonstration"),
    ("On 16 August 2023, about 2,000 people demonstrated in Leipzig, Germany, against a new law. Demonstrators threw "
     "bottles at police officers.", "Violent demonstration"),
    # burning a symbol at a demonstration is no property destruction
    ("On 16 August 2023, opposition supporters protested in Lahore, Pakistan, and burned effigies of the minister.",
     "Peaceful protest"),
    ("Am 16. August 2023 protestierten Hunderte in Teheran, Iran, gegen die Regierung und verbrannten Fahnen.",
     "Peaceful protest"),
    # a trigger word inside a capitalised name is part of the name
    ("On 16 August 2023, members of the Workers Fight Alliance rallied outside the labour ministry in Jakarta, "
     "Indonesia, over wages.", "Peaceful protest"),
    ("On 16 August 2023, residents of Burnt Oak Lane gathered in Leeds, United Kingdom, against a new road.",
     "Peaceful protest"),
]


@pytest.mark.parametrize("text,sub", SUB_CASES)
def test_first_event_sub_type(text, sub):
    evs = code(text).events
    assert evs and evs[0].sub_event_type == sub, [(e.sub_event_type, e.actor1) for e in evs]


@pytest.mark.parametrize("text,fat,sub", [
    ("On 15 August 2023, about 300 people gathered in Lyon, France, over the murder of a teenager who had been "
     "found dead in a park.", 0, "Peaceful protest"),
    ("On 15 August 2023, relatives of a man who was shot dead during a police raid protested in Recife, Brazil.",
     0, "Peaceful protest"),
    ("On 15 August 2023, students protested in Larkana, Pakistan, demanding justice for the death of two students.",
     0, "Peaceful protest"),
    ("On 15 August 2023, two protesters were killed when police opened fire on a rally in Omdurman, Sudan.",
     2, "Excessive force against protesters"),
])
def test_grievance_deaths_are_not_protest_fatalities(text, fat, sub):
    e = only(text)
    assert e.fatalities == fat and e.sub_event_type == sub


@pytest.mark.parametrize("text,fat", [
    ("On 16 August 2023, Russian forces shelled Kupiansk, Kharkiv, Ukraine, as a result of which 1 civilian died.", 1),
    ("On 16 August 2023, a gunman shot at a trader at a market in Maiduguri, Nigeria. The victim died in hospital.", 1),
])
def test_singular_and_relative_deaths_count(text, fat):
    assert code(text).events[0].fatalities == fat


def test_attack_on_a_military_convoy_is_not_a_protest():
    e = code("On 16 August 2023, militants attacked a military convoy near Bama, Borno, Nigeria, killing 4 soldiers.").events[0]
    assert e.sub_event_type == "Armed clash" and e.fatalities == 4


def test_police_post_is_a_target_not_a_source():
    e = code("On 16 August 2023, gunmen attacked a police post in Katsina, Nigeria.").events[0]
    assert e.sub_event_type == "Armed clash" and e.actor2.startswith("Police Forces of Nigeria")


def test_rival_party_supporters_clashing_are_rioters_on_both_sides():
    e = only("On 17 August 2023, supporters of the Awami League and the BNP clashed in Feni, Bangladesh, "
             "leaving 12 people injured.")
    assert e.sub_event_type == "Mob violence" and e.actor1 == e.actor2 == "Rioters (Bangladesh)"
    assert e.assoc_actor_1.startswith("AL:") and e.assoc_actor_2.startswith("BNP:") and e.interaction == 55


@pytest.mark.parametrize("text,actor,place", [
    ("On 4 March 2024, Russia launched a dozen missiles at Zhytomyr, killing two civilians.", "Military Forces of Russia", "Zhytomyr"),
    ("On 9 March 2024, the United States carried out an airstrike near Kismayo, killing three al-Shabaab fighters.",
     "Military Forces of the United States", "Kismayo"),
    ("Am Dienstag hat Russland weitere Truppen in die Region Belgorod verlegt.", "Military Forces of Russia", "Belgorod"),
])
def test_country_as_subject_of_a_military_act_is_its_army(text, actor, place):
    e = code(text, published="2024-03-12").events[0]
    assert e.actor1.startswith(actor) and place in e.location
    # the country is the actor, not the event's place
    assert not any(ev.field == "location" and ev.text in ("Russia", "Russland", "United States") for ev in e.evidence)


def test_country_as_place_stays_a_place():
    e = code("On 9 March 2024, in Russia, police detained 15 protesters in Kazan.", published="2024-03-12").events[0]
    assert e.location == "Kazan" and e.actor1.startswith(("Protesters (Russia)", "Police Forces of Russia"))


def test_people_who_shoot_are_an_armed_group_and_a_mob_beats():
    e = code("On 16 August 2023, two men fired pistols at customers of a bar in Celaya, Guanajuato, Mexico, "
             "killing three people.").events[0]
    assert e.sub_event_type == "Attack" and e.actor1.startswith("Unidentified Armed Group")
    e = code("On 16 August 2023, a crowd of residents beat a suspected thief with sticks in Kumasi, Ghana.").events[0]
    assert e.sub_event_type == "Mob violence" and e.actor1.startswith("Rioters")


def test_passive_agent_after_an_approximate_number():
    e = code("On 16 August 2023, a trader was beaten and killed by approximately twelve gang members in Recife, "
             "Pernambuco, Brazil.").events[0]
    assert e.sub_event_type == "Attack" and not e.actor1.startswith("Rioters")


def test_arrest_of_the_attacker_is_aftermath_not_an_event():
    evs = code("On 16 August 2023, a gunman opened fire on a minibus in Eldoret, Kenya, wounding two passengers. "
               "Police later arrested the attacker.").events
    assert [e.sub_event_type for e in evs] == ["Attack"]
    # arrests elsewhere or by the force that did the violence stay events
    evs = code("On 16 August 2023, soldiers beat three traders in Bunia, Ituri, DR Congo. "
               "On 17 August 2023, police arrested 40 people in Kisangani, Tshopo.").events
    assert "Arrests" in [e.sub_event_type for e in evs]


@pytest.mark.parametrize("text", [
    "NAIROBI, Aug 16 (Reuters) - Gunmen attacked a police post in Mandera, Kenya, on Monday, killing two officers.",
    "KHARTOUM, Sudan, Aug. 16 (AP) - Gunmen attacked a police post in Mandera, Kenya, on Monday, killing two officers.",
])
def test_dateline_date_and_place_are_the_filing_not_the_event(text):
    e = code(text, published="2023-08-16").events[0]
    assert str(e.event_date) == "2023-08-14" and e.location == "Mandera"


def test_blocking_roads_is_a_protest_by_a_crowd_and_a_measure_by_a_force():
    e = code("On 16 August 2023, residents closed the road to the airport in Kisumu, Kenya, over water cuts.").events[0]
    assert e.sub_event_type == "Peaceful protest"
    assert code("On 16 August 2023, police closed the road to the airport in Kisumu, Kenya, after a bomb threat.").events == []


@pytest.mark.parametrize("text,actor1", [
    ("On 16 August 2023, an air strike by Myanmar's military killed nine villagers in Kani, Sagaing.",
     "Military Forces of Myanmar"),
    ("On 16 August 2023, the United States military carried out a drone strike near Jilib, Somalia, "
     "killing two al Shabaab fighters.", "Military Forces of the United States"),
    ("On 16 August 2023, fighters of Sudan's paramilitary Rapid Support Forces looted the market in Nyala, "
     "South Darfur.", "RSF"),
])
def test_country_owned_forces_and_fighters_of_a_group(text, actor1):
    assert code(text).events[0].actor1.startswith(actor1)


def test_figures_of_earlier_violence_are_not_the_event_s():
    e = code("On 16 August 2023, gunmen killed 9 people in Bokkos, Plateau, Nigeria, weeks after a wave of attacks "
             "in the area left more than 150 dead.").events[0]
    assert e.fatalities == 9
    evs = code("On 16 August 2023, a bomb killed 3 soldiers in Kunar, Afghanistan. The province has seen many attacks "
               "in recent years, including a bombing in 2021 that killed 40 people.").events
    assert [e.fatalities for e in evs] == [3]


def test_toll_with_a_long_subject_and_dateline_digits():
    e = code("QUETTA, Pakistan, Nov 11 (Reuters) - The death toll from Saturday's bombing at the crowded bus terminal "
             "in the western part of the city of Quetta rose to 29 on Monday, officials said.",
             published="2024-11-11").events[0]
    assert e.fatalities == 29 and str(e.event_date) == "2024-11-09"


def test_arson_stays_property_destruction_and_death_threats_kill_nobody():
    e = code("On 16 August 2023, unknown men set the house of a union leader on fire in Tame, Arauca, Colombia. "
             "The house was empty. The leader had received several death threats.").events[0]
    assert e.sub_event_type == "Looting/property destruction" and e.fatalities == 0


@pytest.mark.parametrize("text", [
    "On 16 August 2023, a ransomware attack by a criminal group shut down hospitals in Lagos, Nigeria.",
    "On 16 August 2023, the militia said it was ready to strike the capital Tripoli, Libya, if it was attacked.",
    "On 16 August 2023, the president fired his defence minister in Accra, Ghana, after a corruption scandal.",
    "On 16 August 2023, a bus crashed near Kumasi, Ghana. Several of the dead were children.",
])
def test_figurative_conditional_and_accidental_violence_is_no_event(text):
    assert code(text).events == []


def test_force_word_inside_a_place_is_not_a_party():
    e = code("On 16 August 2023, gunmen shot dead a farmer in Dhubri village under Golakganj police station limits "
             "(Dhubri, Assam).").events[0]
    assert e.sub_event_type == "Attack" and e.actor2.startswith("Civilians")
    e = code("On 16 August 2023, PDF fighters opened fire at the Kani police station in Sagaing, Myanmar.").events[0]
    assert e.sub_event_type == "Armed clash"


def test_a_blaze_is_not_gunfire_and_a_source_is_not_a_party():
    evs = code("On 16 August 2023, rebels struck an oil depot in Marib, Yemen, with two drones. Officials said a small "
               "fire broke out at the depot and nobody was hurt.").events
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    e = code("On 16 August 2023, according to DPR sources, Ukrainian forces shelled Horlivka, Donetsk.").events[0]
    assert e.actor1.startswith("Military Forces of Ukraine")


@pytest.mark.parametrize("text,fat", [
    ("On 16 August 2023, a 54-year-old man was killed in a Russian drone attack on Kherson, Ukraine.", 1),
    ("On 16 August 2023, a farmer, 61, was killed in a Russian drone attack on Kherson, Ukraine.", 1),
    ("Am 16. August 2023 wurde in Cherson ein 54 Jahre alter Mann bei einem russischen Drohnenangriff getötet.", 1),
])
def test_ages_are_no_figures_and_the_attacker_is_the_adjective(text, fat):
    e = code(text, published="2023-08-17").events[0]
    assert e.fatalities == fat and e.actor1.startswith("Military Forces of Russia")


def test_state_since_a_date_descriptions_of_groups_and_disappearances():
    e = code("On 16 August 2023, the Taliban arrested three journalists in Kabul, Afghanistan.",
             published="2023-08-17").events[0]
    assert e.sub_event_type == "Arrests" and e.actor1.startswith("Military Forces of Afghanistan")
    e = code("On 16 August 2023, the Taliban arrested two former soldiers in Ghazni, Afghanistan. Their whereabouts "
             "remain unknown.", published="2023-08-17").events[0]
    assert e.sub_event_type == "Abduction/forced disappearance"
    e = code("On 16 August 2023, fighters of the jihadist group Boko Haram killed 12 farmers in Gwoza, Borno, "
             "Nigeria.").events[0]
    assert e.sub_event_type == "Attack" and e.actor1.startswith("Boko Haram")


def test_toll_update_and_reported_source_and_the_same_night():
    e = code("Bei einem russischen Drohnenangriff auf Kiew sind in der Nacht zu Sonntag drei Menschen getötet worden. "
             "Nach Angaben der ukrainischen Luftwaffe setzte Russland in der Nacht 30 Drohnen ein. Am Nachmittag stieg "
             "die Zahl der Todesopfer auf vier.", published="2024-06-09")
    assert [(ev.actor1[:25], ev.fatalities) for ev in e.events] == [("Military Forces of Russia", 4)]


def test_an_abductee_killed_later_makes_the_abduction_an_attack():
    e = code("On 16 August 2023, gunmen kidnapped a trader and his son near Rutshuru, North Kivu, DR Congo. The trader "
             "was killed the next day.").events[0]
    assert e.sub_event_type == "Attack" and e.fatalities == 1


def test_unknown_organisation_and_armed_vandalism_are_property_destruction():
    e = code("On 16 August 2023, the Workers of Dawn carried out an arson attack in Izmit, Kocaeli, Turkey, damaging a truck.").events[0]
    assert e.sub_event_type == "Looting/property destruction" and e.actor1.startswith("Unidentified Armed Group")
    e = code("On 16 August 2023, soldiers ransacked 40 shops in Kawthoung, Tanintharyi, Myanmar.").events[0]
    assert e.sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize("text,sub,fat", [
    ("Soldiers beat and arrested two shopkeepers in the market of Tessalit on Monday.", "Attack", 0),
    ("Two students were arrested and killed by soldiers at a checkpoint outside Bamenda on Monday.", "Attack", 2),
    ("A detainee died in police custody in Kisumu on Monday after officers beat him.", "Attack", 1),
    ("Police arrested two men in Kisumu on Monday for the attack on a bank.", "Arrests", 0),
])
def test_violence_against_detainees_is_an_attack(text, sub, fat):
    res = code(text, lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in res.events][:1] == [sub]
    assert res.events[0].fatalities == fat


def test_one_assailant_is_not_a_mob_but_a_mob_is():
    one = code("On Monday a man punched and kicked a refugee outside a bakery in Leipzig.", lang="en", published="2023-05-10")
    mob = code("On Monday a mob beat up a suspected thief outside a bakery in Kisumu.", lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in one.events] == ["Attack"]
    assert [e.sub_event_type for e in mob.events] == ["Mob violence"]


def test_passive_agent_after_members_of_is_the_perpetrator():
    res = code("On Monday a shopkeeper was beaten up in the Vila Nova neighbourhood of Manaus by members of a drug trafficking group.",
               lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in res.events] == ["Attack"]


@pytest.mark.parametrize("text,sub", [
    ("On Monday gunmen shot dead a regime 4th Armored Division member near Daraa.", "Armed clash"),
    ("On Monday militants shot dead a government official of the transport ministry in Mogadishu.", "Attack"),
    ("On Monday gunmen attacked a camp near Tillaberi. Six Fulani pastoralists were killed.", "Attack"),
    ("On Monday militants ambushed a convoy escorted by VDP near Fada N'Gourma. Three VDP and nine civilians were killed.", "Armed clash"),
])
def test_who_the_victims_are_decides_attack_or_clash(text, sub):
    assert first_subs(text) == [sub]


def test_named_group_after_a_figure_is_counted():
    res = code("On Monday UPC fighters clashed with the army near Bambari, leading to the death of 4 FACA and 2 gendarmes.",
               lang="en", published="2023-05-10")
    assert res.events[0].fatalities == 6


@pytest.mark.parametrize("text,sub", [
    ("On Monday separatist forces fired mortars and small arms at army positions near Horlivka.", "Armed clash"),
    ("On Monday separatist forces fired mortars and heavy machine guns at army positions near Horlivka.",
     "Shelling/artillery/missile attack"),
    ("On Monday government troops and rebels exchanged artillery shelling near Marib.", "Armed clash"),
])
def test_small_arms_or_an_exchange_make_shelling_a_clash(text, sub):
    assert first_subs(text) == [sub]


@pytest.mark.parametrize("text", [
    "On Monday the army fired heavy weapons at the village of Ywathit, killing a farmer.",
    "On Monday rebel forces fired 82 mm rounds at army positions near Avdiivka, damaging two houses.",
])
def test_heavy_weapons_and_calibres_are_shelling(text):
    res = code(text, lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in res.events][:1] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize("text,sub", [
    ("On Monday about forty nurses staged a flash mob outside the hospital in Turin against staff cuts.", "Peaceful protest"),
    ("On Monday parents took over the primary school in Puebla to demand repairs to the roof.", "Peaceful protest"),
    ("On Monday taxi drivers demonstrated in Kinshasa against fuel prices. Police erected barricades around the ministry.",
     "Peaceful protest"),
    ("On Monday residents demonstrated in Valparaiso and erected burning barricades on the coast road.", "Violent demonstration"),
    ("On Monday farmers marched in Bogota and complained about damage to their roads.", "Peaceful protest"),
])
def test_peaceful_protest_vocabulary(text, sub):
    assert first_subs(text) == [sub]


def test_arrests_and_seizures_after_a_shootout_are_part_of_the_clash():
    res = code("On Monday three gang members exchanged fire with police in the Vila Nova neighbourhood of Recife. "
               "The gang members were arrested. Police seized two rifles and a quantity of cocaine.",
               lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in res.events] == ["Armed clash"]


def test_a_seizure_on_its_own_stays_an_event():
    res = code("On Monday police seized 500 kilograms of cocaine in a warehouse in Guayaquil.", lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in res.events] == ["Looting/property destruction"]


@pytest.mark.parametrize("text,sub,fat", [
    ("On Monday police shot dead two gang members and arrested five others in Cap-Haitien.", "Armed clash", 2),
    ("On Monday police in Kaduna arrested two men who killed a farmer last week.", "Arrests", 0),
])
def test_violence_before_the_arrests_is_the_event(text, sub, fat):
    res = code(text, lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in res.events][:1] == [sub]
    assert res.events[0].fatalities == fat


@pytest.mark.parametrize("text,sub", [
    ("On Monday PKK fighters attacked Turkish army helicopters near Amadiya.", "Armed clash"),
    ("On Monday Russian forces attacked Kharkiv with drones, killing two civilians.", "Air/drone strike"),
    ("On Monday militants ambushed an army convoy near Fada Ngourma with an IED and gunfire.", "Armed clash"),
])
def test_aircraft_as_target_and_ied_with_gunfire(text, sub):
    assert first_subs(text) == [sub]


@pytest.mark.parametrize("text,sub", [
    ("On Monday a group of villagers caught and killed a suspected cattle thief near Lira.", "Mob violence"),
    ("On Monday soldiers shelled Izium. At least three civilians, including a child, died.", "Shelling/artillery/missile attack"),
    ("On Monday a woman was killed in Manaus; she was last seen getting into a car with two people.", "Attack"),
])
def test_crowd_killings_are_mob_violence_but_victims_are_no_crowd(text, sub):
    assert first_subs(text) == [sub]


@pytest.mark.parametrize("text,sub,fat", [
    ("On Monday party cadres murdered a rival party cadre in a village near Birgunj.", "Attack", 1),
    ("On Monday Zomba-Kol fighters killed a civilian in Kalo and also stole goods.", "Attack", 1),
    ("On Monday a man was killed and his body found in a drainage canal in Tlaquepaque.", "Attack", 1),
])
def test_murders_count_and_killings_with_theft_are_attacks(text, sub, fat):
    res = code(text, lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in res.events][:1] == [sub]
    assert res.events[0].fatalities == fat


@pytest.mark.parametrize("text,n", [
    ("On Monday students closed the university in Oran to denounce the lack of lecturers.", 1),
    ("On Monday supporters of the jailed editor demanded his release outside the court in Tbilisi.", 1),
    ("On Monday gunmen abducted a trader near Nikki. The gunmen demanded a ransom to release him.", 0),
])
def test_a_groups_act_with_a_protest_purpose_is_a_demonstration(text, n):
    res = code(text, lang="en", published="2023-05-10")
    assert sum(e.event_type == "Protests" for e in res.events) == n


def test_a_few_hundred_people_are_no_sole_person_and_perpetrators_fleeing_are_no_displacement():
    mob = code("On Monday a few hundred people beat up a suspected thief in the market of Kisumu.", lang="en",
               published="2023-05-10")
    fled = code("On Monday a man stabbed a doctor in Tours and then fled.", lang="en", published="2023-05-10")
    assert [e.sub_event_type for e in mob.events] == ["Mob violence"]
    assert [e.sub_event_type for e in fled.events] == ["Attack"]


@pytest.mark.parametrize("text,lang", [
    ("On 3 March 2024, at least nine residents died after a Russian missile hit a residential block in Zaporizhzhia, Ukraine.", "en"),
    ("On 3 March 2024, a tower block in Odesa, Ukraine, was damaged by a Russian drone; two people were killed.", "en"),
])
def test_a_block_of_flats_is_a_building_not_a_road_blockade(text, lang):
    evs = code(text, lang=lang, published="2024-03-04").events
    assert evs and not any(e.event_type == "Protests" for e in evs)


def test_farmers_who_block_a_road_still_protest():
    e = only("On 6 February 2024, farmers block the ring road around Lille, France, with tractors to protest against fuel taxes.",
             lang="en", published="2024-02-06")
    assert e.event_type == "Protests"


@pytest.mark.parametrize("text,lang", [
    ("On 12 April 2024, seven people were killed when Russian missiles hit a hotel in Kharkiv, Ukraine.", "en"),
    ("On 12 April 2024, four villagers were wounded as Russian drones struck a market in Sumy, Ukraine.", "en"),
    ("Am 12. April 2024 wurden sieben Menschen getötet, als russische Raketen ein Hotel in Charkiw trafen.", "de"),
])
def test_the_subject_of_a_when_clause_after_a_passive_killing_is_the_doer(text, lang):
    e = code(text, lang=lang, published="2024-04-13").events[0]
    assert e.actor1 == "Military Forces of Russia (2000-)"
    assert e.actor2 != "Military Forces of Russia (2000-)"


def test_a_riot_that_broke_out_when_police_arrested_someone_is_still_the_crowds():
    e = code("On 8 May 2024, riots broke out when police arrested a vendor in Santa Cruz, Bolivia; youths burned a patrol car.",
             lang="en", published="2024-05-09").events[0]
    assert e.actor1.startswith("Rioters")


@pytest.mark.parametrize("text,n", [
    ("On 2 June 2024, soldiers shot dead three Sudanese at a checkpoint near Kassala, Sudan.", 3),
    ("On 2 June 2024, gunmen killed four Yazidis in an ambush near Sinjar, Iraq.", 4),
])
def test_a_nationality_or_people_in_the_plural_is_a_casualty_group(text, n):
    assert only(text, lang="en", published="2024-06-03").fatalities == n


def test_a_die_in_is_a_form_of_protest_not_a_death():
    evs = code("On 9 June 2024, dozens of Georgians staged a die-in outside parliament in Tbilisi, Georgia, against a new media law.",
               lang="en", published="2024-06-10").events
    assert all(not e.fatalities for e in evs)


@pytest.mark.parametrize("text,lang", [
    ("Am 4. Juni 2024 haben Polizisten bei einer Razzia in Lagos zwei Verdächtige erschossen.", "de"),
    ("On 4 June 2024, police shot dead two suspects during a raid in Lagos, Nigeria.", "en"),
])
def test_killings_during_a_raid_are_violence_not_an_arrest(text, lang):
    e = only(text, lang=lang, published="2024-06-05")
    assert e.event_type != "Strategic developments" and e.fatalities == 2


def test_arrests_after_an_earlier_killing_stay_arrests():
    e = code("On 4 June 2024, soldiers arrested twelve party members in Pathein, Myanmar, after a local official was killed.",
             lang="en", published="2024-06-05").events[0]
    assert e.sub_event_type == "Arrests"


def test_fighters_from_a_named_group_are_that_group():
    e = only("On 20 March 2024, fighters from the M23 rebel group seized the town of Rubaya in North Kivu, Congo.",
             lang="en", published="2024-03-21")
    assert e.actor1 == "M23: March 23 Movement" and e.actor2 != "M23: March 23 Movement"


@pytest.mark.parametrize("text,lang", [
    ("On 7 May 2024, the army said it killed nine militants in a raid in Bajaur district, Pakistan.", "en"),
    ("Pakistan's army said on Tuesday it had killed nine militants in a raid in Bajaur district.", "en"),
    ("Am 7. Mai 2024 erklärte die Armee, sie habe im Bezirk Bajaur in Pakistan neun Extremisten getötet.", "de"),
])
def test_a_source_reporting_its_own_act_is_its_doer(text, lang):
    e = only(text, lang=lang, published="2024-05-08")
    assert e.actor1.startswith("Military Forces of Pakistan") and e.fatalities == 9


def test_a_source_reporting_others_acts_stays_a_source():
    e = only("On 7 May 2024, police said gunmen killed four farmers in Gusau, Nigeria.", lang="en", published="2024-05-08")
    assert not e.actor1.startswith("Police Forces")


def test_a_local_government_area_is_a_district_not_the_government():
    e = only("On 5 July 2024, bandits killed eleven villagers in Maru local government area of Zamfara State, Nigeria.",
             lang="en", published="2024-07-06")
    assert "Government" not in (e.actor2 or "") and e.location == "Maru" and e.fatalities == 11


@pytest.mark.parametrize("text,lang", [
    ("On 5 July 2024, gunmen killed six people in Katsina State, Nigeria. The attackers stormed a village in Faskari local government area.", "en"),
    ("Am 5. Juli 2024 haben Bewaffnete im Bundesstaat Katsina in Nigeria sechs Menschen getötet. Die Angreifer stürmten ein Dorf im Bezirk Faskari.", "de"),
])
def test_the_attack_told_again_with_a_finer_place_is_one_event_at_that_place(text, lang):
    e = only(text, lang=lang, published="2024-07-06")
    assert e.fatalities == 6 and e.location == "Faskari" and e.geo_precision < 3


@pytest.mark.parametrize("text,lang", [
    ("On 5 July 2024, gunmen killed six people in Katsina State, Nigeria. Separately, bandits killed two traders in another village.", "en"),
    ("Am 5. Juli 2024 haben Bewaffnete im Bundesstaat Katsina in Nigeria sechs Menschen getötet. Bei einem weiteren Angriff töteten Banditen in einem anderen Dorf zwei Händler.", "de"),
])
def test_another_incident_is_not_merged_into_the_one_before(text, lang):
    evs = code(text, lang=lang, published="2024-07-06").events
    assert sorted(e.fatalities for e in evs) == [2, 6]


def test_the_place_attacked_is_where_the_event_is():
    e = only("On 5 July 2024, bandits attacked Funtua and killed three farmers, Nigerian police said.", lang="en", published="2024-07-06")
    assert e.location == "Funtua"


@pytest.mark.parametrize("published,day", [("2024-06-10", "2024-06-08"), ("2024-06-14", "2024-06-08"), ("2024-06-16", "2024-06-15")])
def test_the_weekend_is_the_latest_one_on_or_before_publication(published, day):
    e = only("Bei Gefechten im Osten der Ukraine sind am Wochenende neun Soldaten getötet worden.", lang="de", published=published)
    assert str(e.event_date) == day


def test_members_of_one_family_are_not_one_more_death():
    e = only("On 3 March 2024, an airstrike on a house in Deir al-Balah, Gaza, killed nine members of one family.",
             lang="en", published="2024-03-04")
    assert e.fatalities == 9


@pytest.mark.parametrize("text,lang", [
    ("Am 3. Mai 2023 kamen bei den Kämpfen in Omdurman mehr als 40 Zivilisten ums Leben, berichteten Ärzte.", "de"),
    ("On 3 May 2023, more than 40 civilians were killed in the fighting in Omdurman, doctors said.", "en"),
])
def test_civilians_killed_in_fighting_are_its_victims_not_a_mob(text, lang):
    e = only(text, lang=lang, published="2023-05-04")
    assert e.event_type != "Riots" and e.fatalities == 40


@pytest.mark.parametrize("text,lang", [
    ("Am 2. Juli 2024 sind bei Protesten gegen hohe Brotpreise in Khartum mindestens sechs Menschen getötet worden. Die Polizei schoss auf die Demonstranten.", "de"),
    ("On 2 July 2024, thousands protested in Khartoum against bread prices. Police fired on the crowd, and six people were killed.", "en"),
])
def test_deaths_at_a_protest_where_police_fired_are_force_against_protesters(text, lang):
    e = only(text, lang=lang, published="2024-07-03")
    assert e.sub_event_type == "Excessive force against protesters" and e.fatalities == 6


def test_deaths_told_as_the_grievance_of_a_protest_stay_out_of_it():
    e = only("On 2 July 2024, students marched in Accra, Ghana, to demand justice after two classmates were killed in a crash.",
             lang="en", published="2024-07-03")
    assert e.sub_event_type == "Peaceful protest" and not e.fatalities


@pytest.mark.parametrize("text,lang,sub,a2", [
    ("On 20 January 2024, Israeli strikes near Damascus, Syria, killed four Syrian soldiers.", "en", "Air/drone strike",
     "Military Forces of Syria (2000-2024)"),
    ("Am 8. Februar 2024 wurde bei einem US-Drohnenangriff in Bagdad ein Kommandeur der Miliz Kataib Hisbollah getötet.", "de",
     "Air/drone strike", "Kataib Hezbollah"),
])
def test_a_states_strikes_are_from_the_air_and_their_dead_name_the_target(text, lang, sub, a2):
    e = only(text, lang=lang, published="2024-02-09")
    assert e.sub_event_type == sub and e.actor2 == a2
    assert e.actor1.startswith("Military Forces of")


def test_a_country_before_a_hyphenated_force_noun_is_its_forces():
    e = only("Am 9. Februar 2024 griffen US-Kampfjets Stellungen der Huthi in Hudaida im Jemen an.", lang="de", published="2024-02-10")
    assert e.actor1 == "Military Forces of the United States (2021-2025)"


def test_a_countrys_weapons_are_its_forces_acting_not_a_target():
    e = only("Am 12. Januar 2024 schlugen in der Nacht mehrere russische Raketen in Saporischschja ein. "
             "Nach Angaben des Gouverneurs wurde ein Mensch getötet.", lang="de", published="2024-01-13")
    assert e.actor1 == "Military Forces of Russia (2000-)" and e.actor2 != "Military Forces of Russia (2000-)"


def test_the_dead_of_both_sides_name_both_parties_of_a_clash():
    e = only("On 12 May 2024, officials said 10 militants and three soldiers were killed in a gunbattle in Bajaur district, Pakistan.",
             lang="en", published="2024-05-13")
    assert e.actor1.startswith("Unidentified Armed Group") and e.actor2.startswith("Military Forces of Pakistan")
    assert e.fatalities == 13 and e.deaths_a == 10 and e.deaths_b == 3


@pytest.mark.parametrize("text,lang", [
    ("On 20 July 2024, firefighters battled a wildfire near Patras, Greece, as strong winds fanned the flames; two people died.", "en"),
    ("Am 1. Februar 2024 hat die Gewerkschaft in Bremen zu einem Warnstreik im Nahverkehr aufgerufen.", "de"),
    ("Am 1. Februar 2024 rief die Opposition in Tiflis zu Protesten am Wochenende auf.", "de"),
    ("Am 1. Februar 2024 griff die Ministerin die Opposition im Landtag in Kiel scharf an und warf ihr Blockade vor.", "de"),
])
def test_disasters_calls_and_words_are_no_events(text, lang):
    assert not code(text, lang=lang, published="2024-02-01").events


def test_a_strike_that_follows_a_call_is_one():
    e = only("Am 1. Februar 2024 folgten Tausende Beschäftigte dem Aufruf zum Warnstreik und legten in Bremen die Arbeit nieder.",
             lang="de", published="2024-02-01")
    assert e.event_type == "Protests"


@pytest.mark.parametrize("text,lang,n", [
    ("On 1 February 2024, the senator attacked the governor's budget plan in a fiery speech in Lansing, calling it a disaster for farmers.", "en", 0),
    ("Am 1. Februar 2024 griff der Minister in einer scharfen Rede im Landtag in Kiel die Regierung an.", "de", 0),
    ("On 1 February 2024, gunmen attacked a police station in Kano, Nigeria, the governor said in a statement.", "en", 1),
])
def test_an_attack_told_as_said_in_a_speech_is_words(text, lang, n):
    assert len(code(text, lang=lang, published="2024-02-01").events) == n


@pytest.mark.parametrize("text,lang", [
    ("On 9 March 2024, clashes between two armed groups in Galkayo, Somalia, left 12 people dead.", "en"),
    ("Am 9. März 2024 wurden bei Zusammenstößen zwischen zwei Milizen in Galkayo in Somalia zwölf Menschen getötet.", "de"),
])
def test_the_parties_counted_after_between_are_not_the_dead(text, lang):
    assert only(text, lang=lang, published="2024-03-10").fatalities == 12


def test_between_a_range_of_dead_is_still_a_figure():
    e = only("On 9 March 2024, gunmen attacked a village near Jos, Nigeria; between 14 and 20 people were killed.",
             lang="en", published="2024-03-10")
    assert e.fatalities == 14


def test_a_compound_person_noun_after_an_article_is_one_death():
    e = only("Am 9. März 2024 hat die israelische Armee einen Hamas-Kommandeur bei einem Luftangriff in Rafah getötet.",
             lang="de", published="2024-03-10")
    assert e.fatalities == 1

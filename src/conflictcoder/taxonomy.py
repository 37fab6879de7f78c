"""ACLED event taxonomy and the rules that map action classes + actor types to sub-event types.

The rules are language independent: they see action classes (from the per-language lexicons),
actor types (from the actor dictionaries) and weapon classes, never words.
"""
from __future__ import annotations

from typing import Optional

# ACLED hierarchy order (earlier = higher when merging interactions at one place/day/actor pair)
HIERARCHY: list[tuple[str, str]] = [
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Armed clash"),
    ("Protests", "Excessive force against protesters"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
]
EVENT_TYPE_OF = {sub: et for et, sub in HIERARCHY}
RANK = {sub: i for i, (_, sub) in enumerate(HIERARCHY)}

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Riots":
        return "Political violence; Demonstrations" if sub_event_type == "Violent demonstration" else "Political violence"
    return DISORDER.get(event_type, "")


# action class -> family (one frame per family and sentence)
FAMILY = {
    "clash": "battle",
    "firefight": "battle",
    "capture": "territory",
    "seize": "territory",  # resolved to capture or loot by its object (mentions stage)
    "regain": "territory",
    "withdraw": "territory",
    "shell": "remote",
    "air": "remote",
    "ied": "remote",
    "grenade": "remote",
    "blast": "remote",
    "suicide": "remote",
    "chemical": "remote",
    "protest": "protest",
    "riot": "protest",
    "convoy": "protest",
    "block": "protest",
    "occupy": "protest",
    "mob": "protest",
    "intervene": "protest",
    "force": "protest",
    "abduct": "vac",
    "sexual": "vac",
    "arrest": "arrest",
    "loot": "loot",
    "weapons_seized": "disrupt",
    "agreement": "agree",
    "change": "change",
    "base": "change",
    "displacement": "displace",
    "attack": "generic",
    "kill": "generic",
    "injure": "generic",
    "offensive": "generic",
}
GENERIC_CLASSES = {"attack", "kill", "offensive", "injure"}
# Families that absorb generic/other triggers in the same sentence, strongest first.
# A movement of forces told with violence is part of that violence. (A defusal absorbs the
# explosive device it disrupts: frames.build_frames.)
ABSORB_ORDER = ["protest", "remote", "battle", "vac", "territory", "loot", "arrest", "generic", "disrupt", "agree", "change", "displace"]
# which other families a family absorbs when both occur in one sentence
ABSORBS = {
    "protest": {"generic", "arrest", "loot", "battle", "vac", "change"},
    "remote": {"generic", "loot", "battle", "change", "disrupt"},
    "battle": {"generic", "change", "disrupt"},
    "vac": {"generic", "arrest", "loot", "change"},
    "territory": {"change"},
    "loot": {"generic", "change"},
    "arrest": {"generic", "change"},
    "generic": {"change"},
}

ARMED_TYPES = {"military", "police", "government", "named", "unidentified", "rebels", "militia", "state"}
CIVILIAN_TYPES = {"civilians", "party"}  # party members fighting are a riot, as crowds are


def classify(family: str, classes: set[str], agent_type: Optional[str], target_type: Optional[str],
             agent_state: bool, has_civilian_victims: bool, has_armed_victims: bool,
             state_present: bool = False) -> Optional[str]:
    """Sub-event type for one frame."""
    if family == "protest":
        violent = bool(classes & {"riot", "loot"})
        demo = bool(classes & {"protest", "convoy", "occupy", "block"})
        if "mob" in classes and not demo:
            if agent_type in ARMED_TYPES - {"government"}:
                return "Attack"  # "militants beat up a motorcyclist": an armed group, not a mob
            return "Mob violence"
        if violent and not demo and not classes & {"kill", "attack", "clash", "firefight", "mob"} \
                and agent_type in ARMED_TYPES:
            return "Looting/property destruction"  # "soldiers ransacked shops" (armed agents; settlers stay rioters)
        lethal_force = ("force" in classes) or (("kill" in classes) and state_present and not violent)
        if lethal_force and not violent:
            return "Excessive force against protesters"
        if violent or classes & {"clash", "firefight"} or (demo and "attack" in classes and not state_present):
            # a demonstration that turns violent; violence by a crowd with no demonstration is mob violence
            return "Violent demonstration" if demo else "Mob violence"
        if "mob" in classes:
            return "Mob violence"
        if classes & {"intervene", "force"} or ("arrest" in classes and state_present):
            return "Protest with intervention"
        if demo:
            return "Peaceful protest"
        return "Mob violence"
    if family == "remote":
        if classes & {"clash", "firefight"}:
            return "Armed clash"
        for cls, sub in (("suicide", "Suicide bomb"), ("chemical", "Chemical weapon"), ("air", "Air/drone strike"),
                         ("ied", "Remote explosive/landmine/IED"), ("grenade", "Grenade"),
                         ("shell", "Shelling/artillery/missile attack"), ("blast", "Remote explosive/landmine/IED")):
            if cls in classes:
                return sub
    if family == "battle":
        if agent_type in CIVILIAN_TYPES | {"protesters", "rioters"} and "firefight" not in classes:
            return "Mob violence"  # "supporters of two parties clashed": unarmed crowds fight
        return "Armed clash"
    if family == "territory":
        if "withdraw" in classes and not classes & {"capture", "regain"}:
            return "Non-violent transfer of territory"
        if agent_state:
            return "Government regains territory"
        if agent_type is None and "regain" in classes:
            return "Government regains territory"
        return "Non-state actor overtakes territory"
    if family == "vac":
        if "sexual" in classes:
            return "Sexual violence"
        if "kill" in classes or ("attack" in classes and has_civilian_victims):
            # people killed or hurt as well as taken: the attack is the event (ACLED codes the
            # most severe act)
            return "Attack"
        return "Abduction/forced disappearance"
    if family == "arrest":
        if agent_type in ("unidentified", "named", "rebels", "militia") and not agent_state:
            return "Abduction/forced disappearance"
        return "Arrests"
    if family == "loot":
        if agent_type in ("rioters", "civilians", "mob"):
            return "Mob violence"  # a crowd burning or wrecking things is a riot
        if ("kill" in classes or "attack" in classes) and (target_type in ARMED_TYPES or has_armed_victims) \
                and not has_civilian_victims and agent_type in ARMED_TYPES:
            return "Armed clash"  # "forces destroyed equipment and killed 40 soldiers"
        if "kill" in classes or ("attack" in classes and (has_civilian_victims or has_armed_victims or target_type)):
            return "Attack"
        # "troops raided the village and set fire to houses": no one reported harmed
        return "Looting/property destruction"
    if family == "disrupt":
        return "Disrupted weapons use"
    if family == "agree":
        return "Agreement"
    if family == "change":
        if "base" in classes:
            return "Headquarters or base established"
        return "Change to group/activity"
    if family == "displace":
        return "Other"
    if family == "generic":
        if classes <= {"offensive", "kill"} and "offensive" in classes and agent_type in ARMED_TYPES and not has_civilian_victims:
            return "Armed clash"  # "Russian forces engaged in an offensive near X"
        if agent_type in ("rioters", "mob") or (agent_type in CIVILIAN_TYPES | {"people"} and "attack" in classes) \
                or (agent_type in ("civilians", "people") and "kill" in classes):
            return "Mob violence"  # "a group of villagers killed a suspected thief": a lynching
        if target_type in ARMED_TYPES or has_armed_victims:
            if agent_type in CIVILIAN_TYPES:
                return "Mob violence"
            return "Armed clash"
        if has_civilian_victims or target_type == "civilians":
            return "Attack"
        if "loot" in classes and "kill" not in classes:
            return "Looting/property destruction"  # "troops set fire to five houses": no one attacked
        if "attack" in classes or "kill" in classes:
            return "Attack"
    return None

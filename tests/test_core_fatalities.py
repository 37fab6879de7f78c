"""UCDP-style reconciliation of casualty claims (parts, totals, subsets, conflicts)."""
from conflictcoder.events.fatalities import reconcile
from conflictcoder.mentions import Casualty, Quantity, Span


def claim(best, low=None, high="same", rule="exact", side=None, group="", subset=False, text=None):
    low = best if low is None else low
    high = best if high == "same" else high
    q = Quantity(0, 1, Span(0, 1, text or str(best)), low, best, high, low, rule)
    c = Casualty("killed", q, (0, 0), group, None, Span(0, 1, "killed"), 0, subset)
    c.side_hint = side
    return c


def side_of(c):
    return c.side_hint


def test_parts_add_up_and_agree_with_vague_total():
    claims = [
        claim(99, low=90, high=99, rule="nearly", text="fast 100"),
        claim(44, side="a", group="HTS-Mitgliedern"),
        claim(16, side="a", group="Verbündeten"),
        claim(37, side="b", group="Regimekräfte"),
        claim(4, side="b", group="Offiziere", subset=True),
        claim(24, low=12, high=99, rule="vague:dozens", text="Dutzende"),
    ]
    f = reconcile(claims, side_of)
    assert f.best == 97
    assert (f.deaths_a, f.deaths_b, f.deaths_civilians, f.deaths_unknown) == (60, 37, 0, 0)
    assert f.low == 90 and f.high == 99
    assert f.acled == 97
    assert f.warnings == []


def test_total_that_disagrees_with_parts_is_flagged_and_kept():
    f = reconcile([claim(10, text="10 people"), claim(7, side="civilians"), claim(8, side="a")], side_of)
    assert f.best == 15
    assert any("disagrees" in w for w in f.warnings)
    assert f.acled == 10  # ACLED: the lowest of conflicting figures
    assert f.low == 10


def test_same_part_reported_twice_is_counted_once():
    f = reconcile([claim(5, side="civilians", group="civilians"), claim(5, side="civilians", group="villagers")], side_of)
    assert f.best == 5


def test_only_totals_take_most_precise_and_range():
    f = reconcile([claim(24, low=12, high=99, rule="vague:dozens"), claim(30, low=27, high=33, rule="about")], side_of)
    assert f.best == 30 and f.low == 27 and f.high == 33
    assert f.deaths_unknown == 30


def test_at_least_is_open_upwards():
    f = reconcile([claim(4, high=None, rule="at_least")], side_of)
    assert f.best == 4 and f.low == 4 and f.high == 4


def test_no_claims():
    f = reconcile([], side_of)
    assert f.best is None

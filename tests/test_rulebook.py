"""Every setting checked before it is saved; which settings differ from their defaults."""
import pytest

from kamp import rfm, rulebook, store


def test_every_setting_has_a_check_and_its_default_passes():
    assert set(rulebook.CHECKS) == set(store.SETTINGS)
    for name, (default, _help) in store.SETTINGS.items():
        rulebook.check(name, default)


@pytest.mark.parametrize("name, value, fragment", [
    ("abc_cuts", [0.95, 0.80], "abc_cuts = [0.95, 0.8]"),
    ("abc_cuts", [0.80, 1.5], "B at most 100%"),
    ("abc_cuts", [0, 0.9], "above 0"),
    ("abc_cuts", [0.8], "two numbers"),
    ("abc_cuts", ["x", 0.9], "must be a number"),
    ("status_rules", {"dormant_after_cycles": 4, "lost_after_cycles": 2}, "Dormant after (cycles) must be above 0 and below Lost after (cycles)"),
    ("status_rules", {"min_cycle_days": 400}, "Shortest cycle (days) must be at least 1 and at most Longest cycle (days)"),
    ("tier_scheme", "rainbow", "pyramid, metals"),
    ("tier_k", 1, "from 2 to 8"),
    ("tier_k", 2.5, "whole number"),
    ("tier_features", [], "at least one"),
    ("tier_features", ["revenue", "shoe_size"], "shoe_size"),
    ("tier_seed", -1, "from 0 to 4,294,967,295"),
    ("tier_seed", 2**32, "from 0 to 4,294,967,295"),  # k-means takes no larger seed
    ("coverage_models", [{"tier_rank": 1, "model": "telepathy", "hours_per_account": 10}], "coverage model"),
    ("coverage_models", [{"tier_rank": 1, "model": "1:1", "hours_per_account": 10},
                         {"tier_rank": 1, "model": "1:few", "hours_per_account": 5}], "each appear once"),
    ("rep_hours_per_year", 9000, "from 1 to 8,760"),
    ("goal_rules", {"share_target": 1.2}, "Target share of wallet (%) must be above 0% and at most 100%, not 120%"),
    ("goal_rules", {"growth_target": -1}, "Revenue growth target (%) must be above −100%, not -100%"),
    ("relationship_rules", {"many": {"high": "best friends"}}, "no valid level"),
    ("relationship_thresholds", {"few_max_accounts": 400}, "“Few” means at most (accounts) must be below “Medium” means"),
    ("strategy_cuts", [67, 33], "below the high cut"),
    ("strategy_cuts", [33, 120], "from 0 to 100"),
    ("dso_period_days", 0, "from 1 to 3,650"),
    ("memory_limit", "lots", "512MB"),
    ("memory_limit", "1KB", "at least 256MB, not 1KB"),
    ("memory_limit", "0.2GiB", "at least 256MB"),
    ("money_units", "lakh", "short, wan"),
    ("rfm_segments", [], "no rules"),
    ("rfm_segments", [{"segment": "Odd", "r_min": 4, "r_max": 2, "fm_min": 1, "fm_max": 5}], "Odd: R from 4 – R to 2 must satisfy 1 ≤ from ≤ to ≤ 5"),
])
def test_bad_values_name_the_rule_and_the_value(name, value, fragment):
    with pytest.raises(ValueError) as err:
        rulebook.check(name, value)
    message = str(err.value)
    assert message.startswith(f"{name} = ")
    assert fragment in message


def test_check_normalises_what_is_stored():
    assert rulebook.check("abc_cuts", [0.7, 0.9]) == [0.7, 0.9]
    assert rulebook.check("tier_k", 0) is None  # 0 = let the silhouette choose
    assert rulebook.check("memory_limit", " 2 gb ") == "2GB"
    assert rulebook.check("memory_limit", "256MB") == "256MB"
    assert rulebook.check("tier_seed", 2**32 - 1) == 2**32 - 1
    assert rulebook.check("non_product_codes", "POST, dot\n,POST, ") == ["POST", "dot"]
    assert rulebook.check("coverage_models", [{"tier_rank": 2, "model": "1:few", "hours_per_account": 80},
                                              {"tier_rank": 1, "model": "1:1", "hours_per_account": 400}]) == [
        {"tier_rank": 1, "model": "1:1", "hours_per_account": 400.0},
        {"tier_rank": 2, "model": "1:few", "hours_per_account": 80.0}]
    assert rulebook.check("relationship_rules", {c: {m: "Partnership" for m in ("high", "medium", "low")}
                                                 for c in ("many", "medium", "few")})["few"]["low"] == "partnership"


def test_same_treats_equal_rules_as_equal():
    assert rulebook.same("abc_cuts", [0.8, 0.95], [0.80, 0.950])
    assert rulebook.same("rfm_segments", None, rfm.DEFAULT_SEGMENTS)
    assert rulebook.same("rep_hours_per_year", 1200, 1200.0)
    assert not rulebook.same("abc_cuts", [0.8, 0.95], [0.7, 0.95])
    assert not rulebook.same("abc_cuts", [0.95, 0.8], [0.95, 0.8])  # an invalid value is never "the same"


def test_customised_lists_only_real_changes(con):
    assert rulebook.customised(con) == []
    store.set_setting(con, "abc_cuts", [0.80, 0.95])  # stored, but the default
    store.set_setting(con, "rfm_segments", rfm.DEFAULT_SEGMENTS)
    store.set_setting(con, "tier_k", 3)
    store.set_setting(con, "money_units", "short")
    assert rulebook.customised(con) == ["tier_k", "money_units"]
    store.reset_setting(con, "tier_k")
    assert rulebook.customised(con) == ["money_units"]


def test_a_setting_reset_and_saved_again_while_a_page_that_read_it_lives(con):
    # A page's cursor that read a setting outlives the page's run. Its read must be over: while
    # its transaction stayed open, saving a setting just reset to its default failed with
    # "Duplicate key".
    store.set_setting(con, "tier_k", 3)
    reader = con.cursor()
    assert store.get_setting(reader, "tier_k") == 3
    store.reset_setting(con, "tier_k")
    store.set_setting(con, "tier_k", 5)
    assert store.get_setting(con, "tier_k") == 5

"""A summary table's Download button gives the table a reader can use: headers as the page
labels them, in its language; money in full (in 万 on a Chinese page in 万/亿, as the header
says); shares as percentages — where the table's own toolbar download gave internal column
names and money in the page's unit without naming it."""
import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pagetest import downloaded, open_page, record_downloads

TIER_ZH = {"Major": "重要客户", "Named": "次重要客户", "Non-named": "一般客户", "Mass-market": "不重要客户"}


@pytest.fixture
def db(demo_copy) -> Path:
    return demo_copy


def _by_tier(db: Path) -> dict[str, tuple[int, float]]:
    with duckdb.connect(str(db)) as con:
        rows = con.execute("SELECT tier, count(*), sum(revenue) FROM account_table_store GROUP BY tier").fetchall()
    return {tier: (n, revenue) for tier, n, revenue in rows}


def _csv(recipes: dict, key: str) -> pd.DataFrame:
    data = downloaded(recipes[key])
    assert data.startswith(b"\xef\xbb\xbf")  # the mark that lets Excel read Chinese
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_tier_profile_downloads_with_page_headers_and_money_in_named_units(lang, db, monkeypatch):
    recipes = record_downloads(monkeypatch)
    at = open_page("pages/tiers.py", lang)
    assert not at.exception
    got = _csv(recipes, "tier_profile.csv")
    if lang == "en":
        assert list(got.columns[:3]) == ["Tier", "Accounts", "Net revenue"]
    else:
        assert list(got.columns[:3]) == ["级别", "客户数", "净收入（万）"]
    assert not any("_" in c for c in got.columns)  # no internal column name
    expected = _by_tier(db)
    assert len(got) == len(expected)
    for tier, (n, revenue) in expected.items():
        row = got[got.iloc[:, 0] == (TIER_ZH[tier] if lang == "zh" else tier)].iloc[0]
        assert row.iloc[1] == n
        # in full on the English page; in 万 on the Chinese one, where the table shows 亿
        assert row.iloc[2] == pytest.approx(round(revenue / (1e4 if lang == "zh" else 1), 2), abs=0.006)
    share = next(c for c in got.columns if c.startswith(("Share of accounts", "客户占比")))
    assert share.endswith(("(%)", "（%）")) and got[share].sum() == pytest.approx(100, abs=0.1)


def test_summary_tables_have_their_own_download_and_hide_the_toolbars(db, monkeypatch):
    recipes = record_downloads(monkeypatch)
    at = open_page("pages/customers.py", "en")
    assert not at.exception
    segments = _csv(recipes, "segments.csv")
    with duckdb.connect(str(db)) as con:
        accounts = con.execute("SELECT count(*) FROM account_table_store").fetchall()[0][0]
    assert segments["Accounts"].sum() == accounts  # every account in some segment
    hidden = [h.proto.body for h in at.get("html") if "stElementToolbarButton" in h.proto.body]
    assert any(".st-key-segments " in body for body in hidden)


def test_a_tables_formats_are_the_downloads():
    import streamlit as st

    from pages import _lists

    config = {"score": st.column_config.NumberColumn("Score", format="%.1f"),
              "total": st.column_config.NumberColumn("Total", format="%.4g"),
              "revenue": st.column_config.NumberColumn("Revenue", format=_lists.MONEY_FORMAT),
              "saved_at": st.column_config.DatetimeColumn("Saved", format="YYYY-MM-DD HH:mm"),
              "due": st.column_config.DateColumn("Due", format="YYYY-MM-DD"), "name": "Name"}
    # money keeps its two decimals and a significant-figure format its four decimals: only these change
    assert _lists._formats(config) == {"score": "%.1f", "saved_at": "%Y-%m-%d %H:%M", "due": "%Y-%m-%d"}


def test_scores_save_times_and_last_purchases_download_as_the_pages_show_them(db, monkeypatch):
    import re

    recipes = record_downloads(monkeypatch)
    assert not open_page("pages/scorecards.py", "en").exception
    scores = _csv(recipes, "results.csv")["Score 0–100"]
    assert len(scores) and all(re.fullmatch(r"\d+(\.\d)?", str(v)) for v in scores)  # 76.9, not 76.9547
    assert not open_page("pages/relationship.py", "en").exception
    saved = _csv(recipes, "rel_accounts.csv")["Saved"].dropna()
    assert len(saved) and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", v) for v in saved)
    with duckdb.connect(str(db)) as con:
        top = con.execute("SELECT account_id FROM account_table_store ORDER BY revenue DESC LIMIT 1").fetchone()[0]
    assert not open_page("pages/account.py", "en", account=top).exception
    last = _csv(recipes, "products_bought.csv")["Last bought"]
    assert len(last) and all(re.fullmatch(r"\d{4}-\d\d-\d\d", v) for v in last)


def test_every_download_has_a_name_in_both_languages():
    import ast

    from kamp import i18n

    root = Path(__file__).resolve().parents[1]
    named = set()
    for page in (root / "pages").glob("*.py"):
        for call in (n for n in ast.walk(ast.parse(page.read_text("utf-8"))) if isinstance(n, ast.Call)):
            called = getattr(call.func, "id", getattr(call.func, "attr", None))
            if called in ("table", "show_table"):
                named |= {kw.value.value for kw in call.keywords if kw.arg == "name" and isinstance(kw.value, ast.Constant)}
            elif called in ("account_list", "plan_table", "list_download"):
                keys = [kw.value for kw in call.keywords if kw.arg == "key"] + call.args[2:3]
                named |= {k.value for k in keys if isinstance(k, ast.Constant)}
    named |= {"status_active", "status_dormant", "status_lost", "review_dormant", "review_overdue", "review_no_sponsor"}
    assert {"segments", "accounts", "products_bought", "review_signal_list"} <= named  # the search finds them
    assert not sorted(n for n in named if f"file.{n}" not in i18n.TEXTS)


def test_a_download_name_holds_no_character_a_file_system_refuses():
    from pages import _file_names

    assert _file_names.safe('a/b\\c:d*e?f"g<h>i|j  k') == "a-b-c-d-e-f-g-h-i-j-k"
    assert _file_names.download_name("nothing known", "C/1", "2026Q4", ext="md") == "nothing-known_C-1_2026Q4.md"


def _names(page: str, lang: str, monkeypatch, **query) -> dict:
    names = {}
    record_downloads(monkeypatch, names)
    assert not open_page(page, lang, **query).exception
    return names


def _last_day(db: Path) -> str:
    with duckdb.connect(str(db)) as con:
        return str(con.execute("SELECT max(ts)::DATE FROM transactions").fetchone()[0])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_downloads_are_named_in_the_pages_language_with_what_they_are_of(lang, db, monkeypatch):
    day = _last_day(db)
    zh = lang == "zh"
    names = _names("pages/customers.py", lang, monkeypatch, segment="Hibernating")
    assert names["segments.csv"] == ("客户细分" if zh else "rfm-segments") + f"_{day}.csv"
    assert names["accounts.csv"] == ("客户名单_沉睡客户" if zh else "rfm-accounts_Hibernating") + f"_{day}.csv"
    names = _names("pages/account.py", lang, monkeypatch, account="C0217")
    assert names["products_bought.csv"] == ("所购产品" if zh else "products-bought") + f"_C0217_{day}.csv"
    names = _names("pages/review.py", lang, monkeypatch)
    assert names["review_signal_list.csv"] == ("客户流失信号" if zh else "why-accounts-leave") + "_2026Q2-2026Q3.csv"
    names = {}
    record_downloads(monkeypatch, names)
    quarter = open_page("pages/plan.py", lang, account="C0217").selectbox(key="period").value  # the plan's quarter
    assert names["export_html"] == ("客户计划" if zh else "account-plan") + f"_C0217_{quarter}_{lang}.html"
    assert names["export_md"] == ("客户计划" if zh else "account-plan") + f"_C0217_{quarter}_{lang}.md"

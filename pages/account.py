"""One account's profile card (客户资料卡, seed 001): who it is, where it stands (tier, RFM segment,
status against its own purchase cycle), its key figures, receivables, revenue by month with
returns and the products it buys; its key people (pages/_people.py) and recent interactions.
Opened from any chart or table, or with ``?account=<id>``."""
import datetime as dt

import numpy as np
import pandas as pd
import streamlit as st

from kamp import accounts, charts, profitability
from pages import _people
from pages._accounts import account_row, account_table, as_of, as_of_caption, from_table, kept_without_lines
from pages._charts import plot
from pages._lists import MAX_LIST_ROWS, account_choices, account_list
from pages._ui import (author_box, cursor, db_path, lang, money, query_selectbox, segment_names, status_label, tr,
                       version)


@st.cache_data(show_spinner=False, max_entries=64)
def _months(_con, db: str, data_version: int, account_id: str, as_of_):
    return accounts.monthly(_con, account_id, as_of_)


@st.cache_data(show_spinner=False, max_entries=8)
def _receivables(_con, db: str, data_version: int, as_of_):
    return profitability.receivables(_con, as_of_)


# What this page reads of the whole account table: the lists, the chooser and the portfolio's cycle.
COLUMNS = ["account_id", "name", "status", "segment", "revenue", "days_since_last", "tier", "mean_interval_days"]
# The account record's fields on the line under its name, after its id (``account.<field>`` in the i18n table).
PROFILE_FIELDS = ["industry", "region", "country", "owner", "size_band"]


def _start(table, top: str):
    """The accounts of the top tier, lost and dormant ones first, then by revenue (at most as many
    as a list shows), and how many the tier holds."""
    rows = np.flatnonzero((table["tier"] == top).to_numpy())
    status = table["status"].to_numpy()[rows]
    slipping = np.select([status == "lost", status == "dormant"], [0, 1], 2)
    order = np.lexsort((-table["revenue"].to_numpy()[rows], slipping))[:MAX_LIST_ROWS]
    columns = ["account_id", "name", "status", "segment", "revenue", "days_since_last"]
    return table[columns].iloc[rows[order]], len(rows)


def _figure(value, kind: str = "money") -> str:
    if value is None or pd.isna(value):
        return "—"
    return {"money": money, "pct": lambda v: f"{v:.1%}", "int": lambda v: f"{int(v):,}"}[kind](value)


def _since(days: int, day) -> str:
    """How long before the analysis ``day`` the last purchase was: today, or on that day when it
    is another, rather than 0 days ago."""
    if days:
        return tr("account.days_ago", n=days)
    return tr("account.bought_today" if day is None or pd.Timestamp(day).date() == dt.date.today()
              else "account.bought_on_as_of")


st.title(tr("account.title"))
author_box()
table, meta = account_table(COLUMNS)
if table.empty:
    if not kept_without_lines(st.query_params.get("account") or st.query_params.get("id"), False):
        st.info(tr("overview.empty"))
    st.stop()
if "id" in st.query_params and "account" not in st.query_params:  # ?id=C0217 names an account too
    st.query_params["account"] = st.query_params.pop("id")
choices = account_choices(table, "account")  # after the rename: the account named is kept among the choices
asked = st.query_params.get("account")
if asked and asked not in choices:
    begins = accounts.first_line(cursor(), asked)
    if begins is not None and meta.get("as_of") is not None and begins > meta["as_of"]:
        st.warning(tr("account.after_as_of", account=asked, as_of=meta["as_of"], first=begins))
    elif not kept_without_lines(asked, True):  # a record, contacts …, no lines yet: said so
        st.warning(tr("account.unknown", account=asked))
account = query_selectbox(tr("account.search"), choices, "account", format_func=choices.get,
                          placeholder=tr("account.search_hint"))
if account is None:
    as_of_caption(meta)
    st.info(tr("account.pick"))
    if meta.get("tier_order"):  # somewhere to start: the top tier, those slipping first
        top = meta["tier_order"][0]
        start, in_tier = from_table(_start, top, columns=COLUMNS)
        names = segment_names(list(start["segment"].unique()), meta["rules"]["rfm_segments"])
        st.subheader(tr("account.start_list", tier=top))
        account_list(start, ["account_id", "name", "status", "segment", "revenue", "days_since_last"], key="start",
                     values={"segment": names, "status": {x: status_label(x) for x in accounts.STATUSES}},
                     ranked=in_tier)
    st.stop()

row = account_row(account)
record = accounts.record(cursor(), account)
rules = meta["rules"]["rfm_segments"]
head, plan = st.columns([5, 2], vertical_alignment="bottom")
head.header(f"{row['name'] if isinstance(row['name'], str) else account}")
if plan.button(tr("account.open_plan"), icon=":material/menu_book:", help=tr("account.open_plan_help"),
               width="stretch"):
    st.switch_page("pages/plan.py", query_params={"account": account, "lang": lang()})
facts = [(tr("account.id"), account), *((tr(f"account.{f}"), record[f]) for f in PROFILE_FIELDS
                                         if isinstance(record.get(f), str) and record[f].strip())]  # the known ones
st.markdown(" · ".join(f"**{label}** {value}" for label, value in facts))
badges = st.container(horizontal=True)
with badges:
    st.badge(tr("ui.labelled", label=tr("col.tier"), value=row["tier"]), color="blue", icon=":material/layers:")
    st.badge(tr("ui.labelled", label=tr("col.segment"), value=segment_names([row["segment"]], rules)[row["segment"]]),
             color="violet")
    st.badge(tr("ui.labelled", label=tr("col.status"), value=status_label(row["status"])),
             color={"active": "green", "dormant": "orange", "lost": "red"}.get(row["status"], "gray"))
    st.badge(tr("ui.labelled", label="ABC", value=row["abc_class"]), color="gray")
    st.badge(f"R{row['r_score']} F{row['f_score']} M{row['m_score']}", color="gray")
st.caption(tr("account.segment_vs_status", segment=segment_names([row["segment"]], rules)[row["segment"]],
              status=status_label(row["status"])))
if isinstance(row.get("override_reason"), str) and row["override_reason"]:
    st.caption(tr("account.override", computed=row["computed_tier"], reason=row["override_reason"]))

profile, key_people, activity = st.tabs([tr("account.tab_profile"), tr("account.tab_people"),
                                       tr("account.tab_activity")])
with profile:
    m = st.columns(4)
    m[0].metric(tr("col.revenue"), _figure(row["revenue"]))
    m[1].metric(tr("col.revenue_12m"), _figure(row["revenue_12m"]),
                None if pd.isna(row["growth_12m"]) else f"{row['growth_12m']:+.1%}", help=tr("account.growth_help"))
    m[2].metric(tr("col.orders"), _figure(row["orders"], "int"), help=tr("account.orders_help"))
    m[3].metric(tr("col.avg_order"), _figure(row["avg_order"]))
    m = st.columns(4)
    m[0].metric(tr("col.margin_pct"), _figure(row["margin_pct"], "pct"), help=tr("overview.margin_help"))
    m[1].metric(tr("col.last_purchase"), f"{row['last_purchase']:%Y-%m-%d}",
                _since(int(row["days_since_last"]), meta["as_of"]), delta_color="off", delta_arrow="off")
    m[2].metric(tr("col.returns"), _figure(row["returns"], "int"), _figure(row["return_amount"]), delta_color="off",
                delta_arrow="off", help=tr("overview.returns_help"))
    wallet = record.get("wallet_estimate")
    m[3].metric(tr("col.wallet_estimate"), _figure(wallet),
                tr("account.share_of_wallet", share=f"{row['revenue_12m'] / wallet:.0%}") if wallet else None,
                delta_color="off", delta_arrow="off", help=tr("account.wallet_help"))
    once = pd.isna(row["mean_interval_days"])  # a single purchase day: no interval yet
    st.caption(tr("account.since_once" if once else "account.since", first=f"{row['first_purchase']:%Y-%m-%d}",
                  days=int(row["tenure_days"]), cycle=None if once else round(row["mean_interval_days"]),
                  as_of=f"{meta['as_of']:%Y-%m-%d}"))
    cyc = accounts.cycle_position(table, account, rules=meta["rules"].get("status_rules"))
    st.caption(tr("account.cycle" if cyc["own"] else "account.cycle_median", status=status_label(row["status"]),
                  since=_since(cyc["days_since_last"], meta["as_of"]),
                  cycles=cyc["cycles"], cycle=cyc["cycle"], lo=cyc["min_cycle"], hi=cyc["max_cycle"],
                  dormant=cyc["dormant_after"], lost=cyc["lost_after"]))

    st.subheader(tr("account.receivables"))
    rec = _receivables(cursor(), db_path(), version(), meta["as_of"])
    mine = rec[rec["account_id"] == account]
    if mine.empty:
        st.caption(tr("account.no_payments"))
    else:
        r = mine.iloc[0]
        m = st.columns(4)
        m[0].metric(tr("col.outstanding"), _figure(r["outstanding"]), tr("account.invoices", n=int(r["invoices"])),
                    delta_color="off", delta_arrow="off")
        m[1].metric(tr("col.overdue"), _figure(r["overdue"]),
                    None if pd.isna(r["overdue_share"]) else f"{r['overdue_share']:.0%}", delta_color="inverse",
                    delta_arrow="off", help=tr("account.overdue_help"))
        m[2].metric(tr("col.dso_days"), "—" if pd.isna(r["dso_days"]) else f"{r['dso_days']:.0f}")
        m[3].metric(tr("account.oldest_overdue"), "—" if not r["oldest_overdue_days"] > 0
                    else tr("account.days", n=int(r["oldest_overdue_days"])))
        st.caption(tr("account.receivables_basis", date=f"{rec.attrs['as_of']:%Y-%m-%d}",
                      days=rec.attrs["period_days"]))

    plot(charts.account_monthly(_months(cursor(), db_path(), version(), account, as_of()), lang(),
                                           meta["as_of"]), width="stretch")
    _people.products(account, meta["as_of"])
with key_people:
    _people.key_people(account, meta["as_of"])
with activity:
    _people.activity(account)


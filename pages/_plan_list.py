"""The key accounts and how far their plans are for a quarter: shared by Plan completeness
(pages/plans.py) and the Account plan page before an account is chosen (pages/plan.py)."""
from urllib.parse import quote

import streamlit as st

from kamp import playbooks
from pages._accounts import from_table
from pages._lists import LIST_MONEY_FORMAT, list_download, table
from pages._ui import lang, tr, wan

# What these lists read of the account table.
COLUMNS = ["account_id", "name", "tier", "revenue_12m"]


def _key_accounts(accounts_table, tiers: tuple):
    """The accounts of ``tiers`` (in the table's order) with their places by 12-month revenue,
    largest first, and their ids, indexed."""
    return playbooks.key_accounts(accounts_table, list(tiers))


def key_accounts(tier_labels: tuple) -> playbooks.KeyAccounts:
    """The key accounts of the tiers named (as the account table names them), computed once per table."""
    return from_table(_key_accounts, tuple(tier_labels), columns=COLUMNS)


def plan_quarter() -> str:
    """The quarter whose plans the pages open: that of the analysis date chosen in the sidebar
    when it is before this quarter, else this quarter, or the last line's when none is chosen
    and the lines end before last quarter (:func:`kamp.playbooks.plan_period`)."""
    from pages._accounts import as_of, line_days

    return playbooks.plan_period(as_of(), last=line_days()[1])


def date_note() -> None:
    """Say which quarter's plans are shown, when the analysis date is chosen in the sidebar or falls
    in another quarter than today's: the date's quarter when one earlier than this quarter is
    chosen, else this quarter, its milestones overdue by today (the date then sets the accounts'
    figures only)."""
    from pages._accounts import as_of, line_days

    chosen, now, last = as_of(), playbooks.current_period(), line_days()[1]
    period = playbooks.plan_period(chosen, last=last)
    if period != now:
        st.caption(tr("plans.as_of_quarter_note", period=period, chosen=f"{chosen:%Y-%m-%d}") if chosen is not None
                   else tr("plans.lines_quarter_note", period=period, last=f"{last:%Y-%m-%d}"))
        return
    day = chosen or last
    if day is not None and (chosen is not None or playbooks.current_period(day) != now):
        st.caption(tr("plans.as_of_note", period=now, chosen=f"{day:%Y-%m-%d}"))


def open_plan(account_id) -> None:
    st.switch_page("pages/plan.py", query_params={"account": str(account_id), "lang": lang()})


def plan_links(ids) -> list[str]:
    language = lang()
    return [f"plan?account={quote(str(a))}&lang={language}" for a in ids]


def plan_column() -> dict:
    """The column of links that open each account's plan."""
    return {"plan": st.column_config.LinkColumn(tr("plans.col.plan"), display_text=r"account=([^&]*)",
                                                help=tr("plans.open_plan"))}


def plan_table(rows, n: int, key: str) -> None:
    """The accounts of ``rows`` (from ``KeyAccounts.progress``: the largest of ``n``) with the
    worksheets saved and milestones overdue; a click opens the account's plan."""
    if n > len(rows):  # a browser table of a million rows helps nobody: the largest first
        st.caption(tr("ui.list_first", shown=len(rows), n=n))
    columns = ["name", "tier", "filled", "overdue_milestones", "revenue_12m"]
    labels = {"filled": st.column_config.ProgressColumn(tr("plans.col.filled"), min_value=0, max_value=12,
                                                        format="%d / 12"),
              "overdue_milestones": tr("plans.col.overdue_milestones")}
    # money as in the other account lists: in 万/亿 on a Chinese page that says them, else whole figures
    picked = table(rows.assign(plan=plan_links(rows["account_id"]))[["plan", *columns]],
                   "compact" if wan() else LIST_MONEY_FORMAT, key=key, on_select="rerun", selection_mode="single-row",
                   labels={**plan_column(), **labels})
    list_download(rows, ["account_id", *columns], key, labels)
    if picked and picked.selection.rows:
        open_plan(rows.iloc[picked.selection.rows[0]]["account_id"])


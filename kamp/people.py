"""An account's people and activity: the key-people map (influence × attitude by buying role)
with its risk warnings, contact editing, the products it buys and its recent interactions.

Seed 000 names the people a key account plan must know: the sponsor (赞助人) who wants us to
win, the strategic coach (战略教练) who tells us how the account works, the anti-sponsor
(抵制者) who works against us, and the decision makers, users and influencers around them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import numpy as np
import pandas as pd

from kamp import schema
from kamp.problems import Listing, Problem, named
from kamp.reasons import choice_words

ROLES = schema.CONTACT_ROLES
CONTACT_COLUMNS = ["name", "title", "role", "influence", "attitude", "email", "phone", "last_contact"]
STALE_DAYS = 90  # an anti-sponsor nobody has met for this long counts as unaddressed
SINGLE_THREAD_SHARE = 0.8  # this share of a year's contact through one person is single-threaded
PEOPLE_COLUMNS = CONTACT_COLUMNS + ["interactions_12m", "last_touch"]


def contacts(con, account_id: str, as_of=None) -> pd.DataFrame:
    """The account's contacts with their activity. Columns: :data:`PEOPLE_COLUMNS`;
    interactions_12m counts the interactions naming the contact in the year before ``as_of``
    (default today), last_touch is the later of last_contact and the last such interaction."""
    end = pd.Timestamp(as_of or dt.date.today()) + pd.Timedelta(days=1)
    return con.execute(
        """WITH touch AS (
               SELECT contact, count(*) FILTER (WHERE ts >= $start) AS n, max(ts) AS last_ts
               FROM interactions WHERE account_id = $account AND ts < $end GROUP BY contact)
           SELECT c.name, c.title, c.role, c.influence, c.attitude, c.email, c.phone, c.last_contact,
                  coalesce(t.n, 0) AS interactions_12m, greatest(c.last_contact, t.last_ts) AS last_touch
           FROM current_contacts c LEFT JOIN touch t ON t.contact = c.name
           WHERE c.account_id = $account ORDER BY c.influence DESC NULLS LAST, c.name""",
        {"account": str(account_id), "end": end.to_pydatetime(),
         "start": (end - pd.Timedelta(days=366)).to_pydatetime()}).df()


def warnings(people: pd.DataFrame, as_of=None, stale_days: int = STALE_DAYS) -> list[tuple[str, dict]]:
    """Risks in the key-people map, as (key, values) pairs for the i18n table ``people.warn.<key>``:

    ``no_contacts``; ``no_sponsor`` (nobody wants us to win); ``no_coach`` (no strategic coach:
    nobody tells us how the account works); ``no_decision_maker``; ``anti_sponsor`` (an
    anti-sponsor nobody has met for ``stale_days``: names); ``single_thread`` (one contact only,
    or one person carries at least 80 % of the year's interactions: name).
    """
    if people.empty:
        return [("no_contacts", {})]
    found = []
    roles = set(people["role"].dropna())
    if "sponsor" not in roles:
        found.append(("no_sponsor", {}))
    if "strategic_coach" not in roles:
        found.append(("no_coach", {}))
    if "decision_maker" not in roles:
        found.append(("no_decision_maker", {}))
    cutoff = pd.Timestamp(as_of or dt.date.today()) - pd.Timedelta(days=stale_days)
    anti = people[people["role"] == "anti_sponsor"]
    stale = anti[anti["last_touch"].isna() | (pd.to_datetime(anti["last_touch"]) < cutoff)]
    if len(stale):
        found.append(("anti_sponsor", {"names": ", ".join(stale["name"]), "days": stale_days}))
    total = float(people["interactions_12m"].sum())
    top = people.loc[people["interactions_12m"].idxmax()] if total else people.iloc[0]
    if len(people) == 1 or (total and top["interactions_12m"] / total >= SINGLE_THREAD_SHARE):
        share = top["interactions_12m"] / total if total else 1.0
        found.append(("single_thread", {"name": top["name"], "share": f"{share:.0%}"}))
    return found


def _clean(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == "" \
        else value


def _text(value) -> str | None:
    value = _clean(value)
    return None if value is None else str(value).strip()


def _date(value):
    """A timestamp from a date, an ISO string, ``2024/3/5`` or ``2024年3月5日``; NaT when unreadable."""
    if isinstance(value, str):
        value = re.sub(r"^(\d{4})\s*[年/.]\s*(\d{1,2})\s*[月/.]\s*(\d{1,2})\s*日?", r"\1-\2-\3", value.strip())
    try:
        return pd.to_datetime(value, errors="coerce")
    except (TypeError, ValueError):
        return pd.NaT


def _whole(value, lo: int, hi: int) -> int | None:
    """``value`` as a whole number in lo…hi, None when empty; ValueError when it is not one."""
    if value is None:
        return None
    try:
        n = float(value)
    except (TypeError, ValueError):
        raise ValueError from None
    if not (np.isfinite(n) and n == int(n) and lo <= n <= hi):
        raise ValueError
    return int(n)


def check_contacts(frame: pd.DataFrame) -> pd.DataFrame:
    """Edited contacts, checked: a name each (no name twice), a known role (key, English or
    Chinese label), influence 1–5, attitude −2…+2, a readable last-contact date. Rows with
    nothing in them are dropped. ValueError names the row (1-based) and the value.

    Returns a frame with :data:`CONTACT_COLUMNS`: text stripped, role as its key, influence and
    attitude as numbers (NaN when empty), last_contact as a timestamp."""
    out, seen = [], {}
    for i, row in enumerate(frame.reindex(columns=CONTACT_COLUMNS).to_dict("records"), start=1):
        if all(_clean(v) is None for v in row.values()):
            continue  # an empty row the editor added
        name = _text(row["name"])
        if name is None:
            raise Problem("problem.contact.no_name", row=i)
        if name in seen:
            raise Problem("problem.contact.twice", row=i, name=name, first=seen[name])
        seen[name] = i
        role = _text(row["role"])
        if role is not None:
            role = schema.choice_value("role", role)
            if role is None:
                raise Problem("problem.contact.role", row=i, name=name, value=row["role"],
                              roles=Listing(choice_words("role").values()))
        checked = {"name": name, "title": _text(row["title"]), "role": role,
                   "email": _text(row["email"]), "phone": _text(row["phone"])}
        for col, lo, hi in (("influence", 1, 5), ("attitude", -2, 2)):
            v = _clean(row[col])
            try:
                checked[col] = _whole(v, lo, hi)
            except ValueError:
                raise Problem("problem.contact.whole", row=i, name=name, column=named(col, f"people.col.{col}"),
                              value=v, low=lo, high=hi) from None
        when = _clean(row["last_contact"])
        stamp = None if when is None else _date(when)
        if when is not None and pd.isna(stamp):
            raise Problem("problem.contact.date", row=i, name=name, value=when)
        checked["last_contact"] = None if stamp is None else stamp.to_pydatetime()
        out.append(checked)
    return pd.DataFrame(out, columns=CONTACT_COLUMNS)


class SavedSince(Exception):
    """The account's contacts changed (another tab, someone else, an import) since the list
    the edit started from was read; nothing was written."""


def stamp(con, account_id: str) -> str:
    """A fingerprint of the account's contacts as stored now: it differs once anyone saves or
    imports other contacts for the account."""
    rows = con.execute(f"SELECT {', '.join(CONTACT_COLUMNS)} FROM current_contacts WHERE account_id = ? "
                       "ORDER BY ALL", [str(account_id)]).fetchall()
    return hashlib.sha1(json.dumps(rows, default=str, ensure_ascii=False).encode()).hexdigest()


def save_contacts(con, account_id: str, frame: pd.DataFrame, author: str | None = None,
                  opened: str | None = None) -> int:
    """Replace the account's contacts by the edited ``frame`` (checked first: nothing changes on
    a bad row). The contacts as they were are kept in ``contact_history``, so no edit loses
    anything. ``opened``: the :func:`stamp` of the list the edit started from; when the stored
    contacts differ from it, :class:`SavedSince` is raised and nothing is written. Returns the
    number of contacts now held."""
    rows = check_contacts(frame)
    before = con.execute(f"SELECT {', '.join(CONTACT_COLUMNS)} FROM current_contacts WHERE account_id = ?",
                         [str(account_id)]).df()
    con.begin()
    try:
        if opened is not None and stamp(con, account_id) != opened:
            raise SavedSince(account_id)
        con.execute("INSERT INTO contact_history VALUES (?, ?, ?, current_timestamp)",
                    [str(account_id), before.to_json(orient="records", date_format="iso", force_ascii=False), author])
        con.execute("DELETE FROM contacts WHERE account_id = ?", [str(account_id)])
        for r in rows.to_dict("records"):
            values = [str(account_id)] + [_clean(r[c]) for c in CONTACT_COLUMNS]
            con.execute(f"""INSERT INTO contacts (account_id, {', '.join(CONTACT_COLUMNS)}, row_hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, hash(?))""",
                        values + [json.dumps(values, default=str, ensure_ascii=False)])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return len(rows)


def products(con, account_id: str, as_of=None, n: int = 10) -> pd.DataFrame:
    """What the account buys: the ``n`` product lines with the most net revenue up to ``as_of``
    (product lines only: fees and postage left out; the product code where a line has no
    product line), largest first. Columns: product_line, revenue, lines (order lines),
    top_product (the line's product with the most net revenue: its description, else its code),
    last_bought."""
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1) if as_of is not None else pd.Timestamp("9999-12-31")
    return con.execute(
        """WITH per_product AS (
               SELECT coalesce(product_line, product, '—') AS product_line,
                      coalesce(any_value(description), product) AS item,
                      sum(amount) AS revenue, count(*) AS lines, max(ts) AS last_bought
               FROM transactions WHERE account_id = ? AND ts < ? AND is_product
               GROUP BY coalesce(product_line, product, '—'), product)
           SELECT product_line, sum(revenue) AS revenue, sum(lines)::BIGINT AS lines,
                  arg_max(item, revenue) AS top_product, max(last_bought) AS last_bought
           FROM per_product GROUP BY product_line ORDER BY revenue DESC, product_line LIMIT ?""",
        [str(account_id), end.to_pydatetime(), int(n)]).df()


def recent_interactions(con, account_id: str, n: int = 10) -> pd.DataFrame:
    """The account's ``n`` latest interactions, newest first. Columns: ts, kind, contact, score, note."""
    return con.execute(
        """SELECT ts, kind, contact, score, note FROM interactions WHERE account_id = ?
           ORDER BY ts DESC, kind, contact LIMIT ?""", [str(account_id), int(n)]).df()

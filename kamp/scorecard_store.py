"""Scorecard templates and judgement scores kept in the database: a stored template replaces a
bundled one of the same name (until it is reset); one's own may be deleted; scores are kept per
(entity, criterion) cell, the latest winning.
The scoring itself: :mod:`kamp.scorecard`."""
from __future__ import annotations

import json

import pandas as pd

from kamp import store
from kamp.problems import Problem
from kamp.scorecard import BUNDLED, _check_scores, criteria_frame, validate_template


def list_templates(con) -> pd.DataFrame:
    """Bundled and stored templates; a stored one replaces a bundled one of the same name.
    Columns: name, name_zh, criteria (count), source ('bundled' / 'stored'), author, saved_at."""
    stored = con.execute('SELECT name, name_zh, entity, criteria, author, saved_at FROM "scorecard_templates" '
                         'ORDER BY name').fetchall()
    rows = {t["name"]: (t["name"], t["name_zh"], t["entity"], len(t["criteria"]), "bundled", None, None)
            for t in BUNDLED.values()}
    for name, name_zh, entity, criteria, author, saved_at in stored:
        rows[name] = (name, name_zh, entity or "account", len(json.loads(criteria)), "stored", author, saved_at)
    return pd.DataFrame(list(rows.values()),
                        columns=["name", "name_zh", "entity", "criteria", "source", "author", "saved_at"])


def save_template(con, template: dict, author: str | None = None, renamed: dict | None = None) -> dict:
    """Check and keep a template (a new one, or an edited copy of a bundled one); returns it.
    ``renamed`` ({old name: new name} of criteria renamed in place) moves the template's saved
    scores along, so a renamed criterion keeps its scores."""
    t = validate_template(template)
    names = [c["criterion"] for c in t["criteria"]]
    moves = {str(o): n for o, n in (renamed or {}).items() if n in names and str(o) != n}
    con.begin()
    try:
        con.execute('INSERT OR REPLACE INTO "scorecard_templates" (name, name_zh, entity, criteria, author, saved_at) '
                    'VALUES (?, ?, ?, ?, ?, current_timestamp)',
                    [t["name"], t["name_zh"], t["entity"], json.dumps(t["criteria"], ensure_ascii=False), author])
        if moves:
            _move_scores(con, t["name"], moves)
    except BaseException:
        con.rollback()
        raise
    con.commit()
    return t


def _move_scores(con, template_name: str, moves: dict[str, str]) -> None:
    """Scores on criterion ``old`` become scores on ``new`` for each pair of ``moves`` whose old
    name has scores; scores left under such a ``new`` name by an earlier criterion go first."""
    scored = set(_latest(con, template_name).dropna(subset=["score"])["criterion"])
    moves = {o: n for o, n in moves.items() if o in scored}
    if not moves:
        return
    old, new = list(moves), list(moves.values())
    con.execute('DELETE FROM "scorecard_scores" WHERE template = ? AND list_contains(?::VARCHAR[], criterion) '
                'AND NOT list_contains(?::VARCHAR[], criterion)', [template_name, new, old])
    con.execute('UPDATE "scorecard_scores" SET criterion = m.new '
                'FROM (SELECT unnest(?::VARCHAR[]) AS old, unnest(?::VARCHAR[]) AS new) AS m '
                'WHERE template = ? AND "scorecard_scores".criterion = m.old', [old, new, template_name])


def load_template(con, name: str) -> dict:
    """The stored template called ``name``, else the bundled one; ValueError if neither."""
    row = store.first_row(con, 'SELECT name, name_zh, entity, criteria FROM "scorecard_templates" WHERE name = ?',
                          [name])
    if row:
        return {"name": row[0], "name_zh": row[1], "entity": row[2] or "account", "criteria": json.loads(row[3])}
    if name in BUNDLED:
        return BUNDLED[name]
    raise Problem("problem.card.no_template", name=name)


def unsaved_criteria(con, template_name: str, names) -> list[str]:
    """Those of ``names`` that are no criterion of the template as saved, in their order."""
    saved = {c["criterion"] for c in load_template(con, template_name)["criteria"]}
    return [n for n in names if n not in saved]


def save_scores(con, template_name: str, scores: pd.DataFrame, author: str | None = None) -> int:
    """Keep judgement scores: one row per (entity, criterion) cell of a wide frame indexed by
    entity that differs from the latest score kept, so each score keeps who gave it. A NaN cell
    records "no score" where there was one (it clears it). Returns the cells kept. A column of a
    criterion the saved template lacks (one added but not yet saved) keeps nothing."""
    unsaved = unsaved_criteria(con, template_name, [c for c in scores.columns if c != "entity"])
    if unsaved:
        raise Problem("problem.card.unsaved_criterion", column=unsaved[0], template=template_name)
    crit = criteria_frame(load_template(con, template_name))
    _check_scores(crit, scores, "unscored")
    wide = scores.set_index("entity") if "entity" in scores.columns else scores
    minus = [c for c, d in zip(crit["criterion"], crit["direction"]) if d == "-" and c in wide.columns]
    wide = wide.apply(pd.to_numeric)
    wide[minus] = wide[minus].abs()  # a '−' criterion keeps its score; the sign is the direction's
    long = wide.rename_axis("entity").reset_index().melt(
        id_vars="entity", var_name="criterion", value_name="score")
    long["entity"] = long["entity"].astype(str)
    long = _changed(long, _latest(con, template_name))
    con.register("_kamp_scorecard_scores", long)
    try:
        con.execute('INSERT INTO "scorecard_scores" SELECT ?, entity, criterion, score, ?, current_timestamp '
                    'FROM "_kamp_scorecard_scores"', [template_name, author])
    finally:
        con.unregister("_kamp_scorecard_scores")
    return len(long)


def _changed(scores: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``scores`` (entity, criterion, score) whose score is not the ``latest`` one
    kept (same columns): new, different, or cleared."""
    was = scores.merge(latest, on=["entity", "criterion"], how="left", suffixes=("", "_was"))
    same = (was["score"] == was["score_was"]) | (was["score"].isna() & was["score_was"].isna())
    return scores[~same.to_numpy()]


def _latest(con, template_name: str) -> pd.DataFrame:
    """The latest score per (entity, criterion) of a template; columns entity, criterion, score."""
    return con.execute(
        """SELECT entity, criterion, score FROM "scorecard_scores" WHERE template = ?
           QUALIFY row_number() OVER (PARTITION BY entity, criterion ORDER BY saved_at DESC, rowid DESC) = 1""",
        [template_name]).df()


def load_scores(con, template_name: str, renamed: dict | None = None) -> pd.DataFrame:
    """The latest score per (entity, criterion) of a template: a wide frame indexed by entity,
    one column per criterion that has a score; NaN where none. With ``renamed`` ({old: new}),
    the scores as :func:`save_template` with these renames leaves them (a rename whose old name
    has no scores, one already saved, changes nothing)."""
    long = _latest(con, template_name)
    wide = long.pivot(index="entity", columns="criterion", values="score").dropna(how="all").dropna(axis=1, how="all")
    moves = {o: n for o, n in (renamed or {}).items() if o != n and o in wide.columns}
    wide = wide.drop(columns=[n for n in moves.values() if n not in moves], errors="ignore").rename(columns=moves)
    order = [moves.get(c, c) for c in criteria_frame(load_template(con, template_name))["criterion"]]
    order = [c for c in dict.fromkeys(order) if c in wide.columns]
    return wide.reindex(columns=order + [c for c in wide.columns if c not in order]).rename_axis(columns=None)


def scores_off(con, template_name: str, criteria) -> int:
    """How many saved scores of a template (the latest of each entity and criterion, when a
    number) are on criteria not named in ``criteria``: those a template of these criteria leaves behind."""
    long = _latest(con, template_name).dropna(subset=["score"])
    return int((~long["criterion"].isin(list(criteria))).sum())


def reset_template(con, name: str) -> int:
    """Put a bundled template back to its bundled criteria: its stored copy goes, and with it its
    scores on criteria the bundled one lacks (those on criteria of the same name stay).
    Returns how many scores went (:func:`scores_off`)."""
    if name not in BUNDLED:
        raise Problem("problem.card.not_bundled", name=name)
    return _forget(con, name, [c["criterion"] for c in BUNDLED[name]["criteria"]])


def delete_template(con, name: str) -> int:
    """Delete a template of one's own and every score saved on it; returns how many scores went.
    A bundled template is reset (:func:`reset_template`), never deleted."""
    if name in BUNDLED:
        raise Problem("problem.card.bundled_kept", name=name)
    if not store.first_row(con, 'SELECT 1 FROM "scorecard_templates" WHERE name = ?', [name]):
        raise Problem("problem.card.no_template", name=name)
    return _forget(con, name, [])


def _forget(con, name: str, keep: list[str]) -> int:
    """Drop the stored template ``name`` and its scores on criteria other than ``keep``, together."""
    gone = scores_off(con, name, keep)
    con.begin()
    try:
        con.execute('DELETE FROM "scorecard_templates" WHERE name = ?', [name])
        con.execute('DELETE FROM "scorecard_scores" WHERE template = ? AND NOT list_contains(?::VARCHAR[], criterion)',
                    [name, keep])
    except BaseException:
        con.rollback()
        raise
    con.commit()
    return gone

"""Criteria and scores as CSV files (what ``python -m kamp scorecard`` reads).

Every problem is a ValueError naming the file, the row (as numbered in the file, the header
being row 1) and the bad value.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from kamp import workbooks
from kamp.problems import Listing, Problem
from kamp.scorecard import check_criterion, criteria_frame
from kamp.scorecard_features import percentile_scores

HEADERS = {"group": "group", "分组": "group", "group_zh": "group_zh", "criterion": "criterion", "标准": "criterion",
           "name": "criterion", "名称": "criterion", "指标": "criterion",  # SPEC: "group, name, weight …"
           "criterion_zh": "criterion_zh", "name_zh": "criterion_zh", "weight": "weight", "权重": "weight",
           "direction": "direction", "方向": "direction", "method": "method", "方法": "method",
           "how": "method", "how scored": "method", "scoring": "method", "评分方式": "method",
           "feature": "feature", "特征": "feature"}


def _at(path, line: int, problem: ValueError) -> Problem:
    """``problem`` in row ``line`` of the file ``path``."""
    return Problem("problem.file.row", path=str(path), row=line, problem=problem)


def _csv_rows(path) -> list[tuple[int, list[str]]]:
    if Path(path).is_dir():
        raise Problem("problem.file.folder", path=str(path))
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise Problem("problem.file.not_found", path=str(path)) from None
    if workbooks.is_workbook(path):  # the first sheet, its cells as text
        rows = workbooks._rows_text(workbooks._book(path).get_sheet_by_index(0).to_python())
        rows = [(n, [cell.strip() for cell in row]) for n, row in enumerate(rows, 1) if any(c.strip() for c in row)]
        if not rows:
            raise Problem("problem.file.empty", path=str(path))
        return rows
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Problem("problem.file.encoding", path=str(path))
    try:  # a semicolon, a tab or a bar between the columns, as an export may have them
        dialect = csv.Sniffer().sniff("\n".join(text.splitlines()[:20]), delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), delimiter=dialect.delimiter)
    rows = [(reader.line_num, [cell.strip() for cell in row]) for row in reader]
    rows = [(n, r) for n, r in rows if any(r)]
    if not rows:
        raise Problem("problem.file.empty", path=str(path))
    return rows


def read_criteria_csv(path) -> pd.DataFrame:
    """Criteria from a CSV with columns criterion, weight, direction and optional group,
    method, feature, group_zh, criterion_zh (or 分组, 标准, 权重, 方向, 方法, 特征).
    Returns :func:`criteria_frame`; ValueError names the file, the row and the bad value."""
    (_, header), *body = _csv_rows(path)
    fields = [HEADERS.get(h.lower(), HEADERS.get(h)) for h in header]
    for need in ("criterion", "weight", "direction"):
        if need not in fields:
            raise _at(path, 1, Problem("problem.file.no_column", column=need, found=Listing(header)))
    rows, seen = [], {}
    for line, cells in body:
        try:
            row = check_criterion({f: v for f, v in zip(fields, cells) if f})
        except ValueError as exc:
            raise _at(path, line, exc) from None
        if row["criterion"] in seen:
            raise _at(path, line, Problem("problem.file.criterion_repeats", name=row["criterion"],
                                          first=seen[row["criterion"]]))
        seen[row["criterion"]] = line
        rows.append(row)
    if not rows:
        raise Problem("problem.file.no_criteria", path=str(path))
    return criteria_frame(rows)


def read_scores_csv(path, criteria) -> pd.DataFrame:
    """Scores from a wide CSV: the first column names the entity, then one column per
    criterion (its name, or its Chinese name). A percentile criterion's column holds the raw
    feature value, turned into 1–10 by :func:`percentile_scores` over the file's entities.
    Returns a frame for :func:`score`; ValueError names the file, the row and the bad value."""
    crit = criteria_frame(criteria)
    by_name = {**{z: n for z, n in zip(crit["criterion_zh"], crit["criterion"]) if z}, **{n: n for n in crit["criterion"]}}
    (_, header), *body = _csv_rows(path)
    if len(header) < 2:
        raise _at(path, 1, Problem("problem.file.too_few_columns"))
    for h in header[1:]:
        if h not in by_name:
            raise _at(path, 1, Problem("problem.card.unknown_column", column=h, criteria=Listing(crit["criterion"])))
    columns = [by_name[h] for h in header[1:]]
    absent = [n for n in crit["criterion"] if n not in columns]
    if absent:
        raise _at(path, 1, Problem("problem.file.no_criterion_column", name=absent[0]))
    judged = dict(zip(crit["criterion"], crit["method"] == "judgement"))
    entities, values = [], []
    for line, cells in body:
        cells = cells + [""] * (len(header) - len(cells))
        entity = cells[0]
        if not entity or entity in entities:
            raise _at(path, line, Problem("problem.file.entity_repeated", entity=entity) if entity
                      else Problem("problem.file.entity_missing"))
        row = []
        for name, cell in zip(columns, cells[1:]):
            if not cell:
                raise _at(path, line, Problem("problem.file.no_score", entity=entity, name=name))
            try:
                v = float(cell)
            except ValueError:
                raise _at(path, line, Problem("problem.file.not_number", entity=entity, name=name, value=cell)) from None
            if judged[name] and not 1 <= abs(v) <= 10:
                raise _at(path, line, Problem("problem.file.score_range", entity=entity, name=name, value=cell))
            row.append(v)
        entities.append(entity)
        values.append(row)
    if not entities:
        raise Problem("problem.file.no_entities", path=str(path))
    frame = pd.DataFrame(values, index=pd.Index(entities, name="entity"), columns=columns, dtype=float)
    for name in crit.loc[crit["method"] == "percentile", "criterion"]:
        frame[name] = percentile_scores(frame[name])
    return frame[list(crit["criterion"])]

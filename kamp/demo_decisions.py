"""What the demo company's managers have already judged: industry attractiveness scores,
key-account selection and service scores for the largest accounts, and relationship
assessments of the key accounts — so the decision pages have content on first start.

Deterministic for a seed, like :mod:`kamp.demo`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kamp import relationship, scorecard

AUTHOR = "演示 demo"
# Industry attractiveness (行业选择标准) in the template's criterion order: market size, growth,
# customer awareness, competition (−), implementation difficulty (−), funding and credit,
# customer relationship, policy support. 政府, 电信, 教育 and 金融 are seed 004's own rows
# (its 电信业 row); the others are this company's judgement.
INDUSTRY_SCORES = {
    "政府": (9, 7, 7, 3, 3, 9, 7, 9),
    "电信": (9, 7, 9, 5, 1, 9, 9, 7),
    "教育": (9, 5, 5, 5, 3, 7, 5, 9),
    "金融": (9, 3, 9, 9, 7, 9, 7, 7),
    "制造": (8, 5, 6, 6, 5, 6, 6, 7),
    "交通运输": (7, 6, 5, 4, 4, 7, 5, 8),
    "IT": (6, 8, 8, 8, 4, 6, 6, 6),
    "零售": (6, 4, 6, 7, 3, 5, 5, 4),
    "能源": (7, 5, 5, 3, 6, 8, 4, 8),
    "医疗": (7, 7, 5, 4, 6, 7, 4, 8),
}
TOP_ACCOUNTS = 30  # the largest accounts the managers have scored one by one


def judgements(accounts: pd.DataFrame, seed: int = 7) -> dict[str, pd.DataFrame]:
    """Judgement scores per template name: wide frames indexed by entity, one column per
    judgement criterion (scores 1–10). ``accounts`` has account_id and revenue."""
    rng = np.random.default_rng(seed)
    out = {}
    industry = scorecard.BUNDLED["Industry attractiveness"]
    names = [c["criterion"] for c in industry["criteria"]]
    out[industry["name"]] = pd.DataFrame.from_dict(INDUSTRY_SCORES, orient="index", columns=names).rename_axis("entity")
    top = accounts.nlargest(TOP_ACCOUNTS, "revenue")["account_id"].astype(str).tolist()
    # Larger accounts tend to score higher, with a manager's spread around it.
    lean = np.linspace(2.0, -1.0, len(top))[:, None]
    for name in ("Key-account selection", "Customer value scorecard"):
        template = scorecard.BUNDLED[name]
        judged = [c["criterion"] for c in template["criteria"] if c["method"] == "judgement"]
        values = np.clip(np.rint(6 + lean + rng.normal(0, 1.6, (len(top), len(judged)))), 1, 10)
        out[name] = pd.DataFrame(values, index=pd.Index(top, name="entity"), columns=judged)
    return out


def assessments(accounts: pd.DataFrame, seed: int = 11, n: int = 12) -> list[dict]:
    """Relationship assessments of the ``n`` largest accounts: actual Kotler level and business
    pyramid level now and targeted (seed 000: most sit at 2–3 and aim one or two higher)."""
    rng = np.random.default_rng(seed)
    levels = [key for key, _en, _zh in relationship.LEVELS]
    rows = []
    for account_id in accounts.nlargest(n, "revenue")["account_id"].astype(str):
        now = int(rng.choice([2, 2, 3, 3, 3, 4]))
        rows.append({"account_id": account_id, "kotler_level": levels[int(rng.choice([1, 2, 2, 3]))],
                     "pyramid_now": now, "pyramid_target": min(5, now + int(rng.choice([1, 1, 2]))),
                     "note": "季度评估 quarterly assessment"})
    return rows


def record(con, transactions: pd.DataFrame) -> None:
    """Store the demo's judgements and assessments in the database ``con``."""
    revenue = transactions.groupby("account_id", as_index=False)["amount"].sum().rename(columns={"amount": "revenue"})
    for name, frame in judgements(revenue).items():
        scorecard.save_scores(con, name, frame, author=AUTHOR)
    for row in assessments(revenue):
        relationship.save_assessment(con, author=AUTHOR, **row)

"""What the demo company's managers have already judged: industry attractiveness scores,
key-account selection and service scores for the largest accounts, and relationship
assessments of the key accounts — so the decision pages have content on first start.

Also the account plans (战略手册) its account managers are writing: this quarter's for the
largest accounts, more or less complete, and last quarter's for the three largest, with a
milestone left undone — so the plan pages, the completeness view and the review's overdue
milestones have something to show.

Deterministic for a seed, like :mod:`kamp.demo` (the plans' quarter is the build day's).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kamp import accounts as accounts_mod
from kamp import features, playbook_prefill, playbooks, relationship, scorecard, scorecard_store

AUTHOR = "演示"  # the demo is a Chinese company: its managers write in Chinese
# Every name the demo's judgements have been saved under (演示 demo before it was all Chinese), so
# that a demo built then is removed all the same.
AUTHORS = (AUTHOR, "演示 demo")
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
                     "note": "季度评估"})
    return rows


# How many worksheets each of the largest accounts has saved this quarter, largest first.
PLAN_PROGRESS = (12, 12, 11, 10, 9, 8, 6, 5, 3, 2)


def _texts(record: dict, lines: list[str]) -> dict[str, dict]:
    """What an account manager writes into the worksheets' text fields, in the demo's words."""
    name = record.get("name") or record["account_id"]
    industry = record.get("industry") or "客户"
    first = lines[0] if lines else "解决方案"
    second = lines[1] if len(lines) > 1 else first
    return {
        "statement": {"contribution": f"{first}与{second}的整体方案及驻场运维", "to_whom": f"{name}信息中心",
                      "customer_benefit": "缩短业务上线时间，降低三年总体拥有成本", "avoids_octopus": True,
                      "avoids_master_key": True},
        "env_customer": {"goals": f"{industry}业务数字化转型，核心系统国产化替代", "challenges": "预算审批周期长，招标流程严格",
                         "how_they_see_us": "可靠的实施伙伴，但高层关系偏弱"},
        "env_ours": {"position": f"{first}的主要供应商之一", "strengths": "本地服务团队响应快",
                     "weaknesses": "高端咨询能力不足"},
        "env_summary": {"achilles_heel": "关键决策人更换时缺少第二条关系线"},
        "revenue_targets": {"assumptions": "按近 12 个月的运行率和增长趋势，分产品线逐季测算"},
        "time_investment": {"focus_areas": "集中于决策层拜访和方案交流"},
        "strategy_draft": {"overall_goal": f"两年内成为{name}{first}的首选供应商",
                           "goals": [{"goal": "钱包份额提高 5 个百分点", "kind": "quantitative", "measure": "份额",
                                      "by": None}],
                           "goals_tested": True},
        "closing_gap": {"resource_pressure": "需要售前顾问支持两次方案交流"},
        "action_plan": {"win_win": "联合立项，共同申报示范项目"},
        "n_day_review": {"moved": "完成高层拜访", "slipped": "方案交流推迟两周"},
        "key_factors": {"improvements": "补齐反对者的沟通计划"},
    }


def _milestones(period: str, done: tuple[bool, bool, bool], today, owner) -> list[dict]:
    """Worksheet 8's three milestones, each ``owner``'s. A quarter before ``today``'s has them at
    days 25 and 50 and ten days before its end; this quarter's are dated from ``today`` (25 and 5
    days before it, the last later on), so that a demo built on any day has a milestone done and
    one overdue."""
    start, end = playbooks.period_bounds(period)
    today = pd.Timestamp(today or dt.date.today()).date()
    if end < today:
        due = [start + pd.Timedelta(days=25), start + pd.Timedelta(days=50), end - pd.Timedelta(days=10)]
    else:
        due = [today - pd.Timedelta(days=25), today - pd.Timedelta(days=5),
               max(end - pd.Timedelta(days=10), today + pd.Timedelta(days=14))]
    names = ["高层拜访", "方案交流会", "框架协议续签"]
    return [{"milestone": n, "due": d.isoformat(), "owner": owner, "done": x} for n, d, x in zip(names, due, done)]


def _metrics(period: str, owner, earlier: bool) -> list[dict]:
    """Worksheet 8's short-term metrics, ``owner``'s, due within ``period``: a quarter before has
    every actual in, this quarter's only the first's."""
    start, end = playbooks.period_bounds(period)
    rows = [("高层拜访", 2, "次", 30, 2), ("方案交流会", 1, "场", 60, 1),
            ("新产品线试点", 1, "个", (end - start).days, 1 if earlier else None)]
    return [{"metric": m, "target": target, "unit": unit, "due": (start + pd.Timedelta(days=d)).isoformat(),
             "owner": owner, "actual": actual if earlier or i == 0 else None}
            for i, (m, target, unit, d, actual) in enumerate(rows)]


def _actions(period: str, owner, earlier: bool) -> list[dict]:
    """Worksheet 10's actions for ``period``: a plan of the quarter before is all but done; this
    quarter's has one action done, one under way (due by mid-quarter) and one planned."""
    start, end = playbooks.period_bounds(period)
    rows = [("高层拜访：回顾年度合作成果", 20, "客户信息中心主任", "了解明年预算方向", "明确供应商评价标准"),
            ("方案交流会：扩容与国产化替代方案", 45, "技术部负责人", "进入方案短名单", "降低选型风险"),
            ("框架协议续签谈判", (end - start).days - 10, "采购部", "锁定三年框架份额", "获得批量价格")]
    status = ("done", "done", "in_progress") if earlier else ("done", "in_progress", "planned")
    return [{"action": a, "owner": owner, "due": (start + pd.Timedelta(days=d)).isoformat(), "customer_participant": who,
             "benefit_us": us, "benefit_them": them, "status": st}
            for (a, d, who, us, them), st in zip(rows, status)]


def plans(con, revenue: pd.DataFrame, today=None) -> int:
    """Save the demo's account plans: this quarter's for the largest accounts (as many
    worksheets as :data:`PLAN_PROGRESS` says), last quarter's complete for the three largest,
    its last milestone not done; the action plans hold actions (:func:`_actions`). Returns the
    number of worksheet versions saved."""
    period = playbooks.current_period(today)
    earlier = playbooks.previous_period(period)
    order = [w["key"] for w in playbooks.worksheets()]
    top = revenue.nlargest(len(PLAN_PROGRESS), "revenue")["account_id"].astype(str).tolist()
    table = features.account_features(con).set_index("account_id", drop=False)  # once, not per account
    saved = 0
    for rank, account_id in enumerate(top):
        record = accounts_mod.record(con, account_id)
        for quarter, count in ((earlier, 12 if rank < 3 else 0), (period, PLAN_PROGRESS[rank])):
            if not count:
                continue
            drafts = playbook_prefill.prefill(con, account_id, quarter, today=today,
                                              figures=playbook_prefill.figures_of(table.loc[account_id]))
            lines = [r["product_line"] for r in drafts["env_ours"].get("products_in_use") or []]
            texts = _texts(record, lines)
            done = (True, True, False) if quarter == earlier else (True, False, False)
            texts["short_term_metrics"] = {"metrics": _metrics(quarter, record.get("owner"), quarter == earlier),
                                           "milestones": _milestones(quarter, done, today, record.get("owner"))}
            texts["action_plan"] = {**texts["action_plan"],
                                    "actions": _actions(quarter, record.get("owner"), quarter == earlier)}
            for key in order[:count]:
                playbooks.save(con, account_id, quarter, key, {**drafts[key], **texts.get(key, {})}, author=AUTHOR)
                saved += 1
    return saved


def record(con, transactions: pd.DataFrame) -> None:
    """Store the demo's judgements, assessments and account plans in the database ``con``."""
    revenue = transactions.groupby("account_id", as_index=False)["amount"].sum().rename(columns={"amount": "revenue"})
    for name, frame in judgements(revenue).items():
        scorecard_store.save_scores(con, name, frame, author=AUTHOR)
    for row in assessments(revenue):
        relationship.save_assessment(con, author=AUTHOR, **row)
    plans(con, revenue)

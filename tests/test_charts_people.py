"""kamp.charts_people: the key-people map and the plan-completeness heatmap from small frames."""
import numpy as np
import pandas as pd

from kamp import charts_people, playbooks


def _people():
    return pd.DataFrame({
        "name": ["Wang", "Li", "Zhao", "Sun", "Qian"], "title": ["CIO", "CFO", None, "Engineer", "Buyer"],
        "role": ["decision_maker", "sponsor", "anti_sponsor", "user", None],
        "influence": [5, 3, 3, 3, None], "attitude": [1, 1, 1, 1, 0],
        "interactions_12m": [4, 0, 1, 2, 0],
        "last_touch": pd.to_datetime(["2024-06-01", None, "2024-01-01", None, None])})


def test_key_people_colours_by_role_in_the_ui_language_and_spreads_equal_points():
    fig = charts_people.key_people(_people(), "zh")
    traces = {t.name: t for t in fig.data}
    assert set(traces) == {"决策者", "赞助人", "抵制者", "用户"}  # Qian has no influence: not drawn
    assert "Qian" in fig.layout.annotations[0].text
    # Li, Zhao and Sun share (+1, 3): three distinct spots around it, none on another.
    spots = [(float(traces[n].x[0]), float(traces[n].y[0])) for n in ("赞助人", "抵制者", "用户")]
    assert len(set(spots)) == 3
    assert all(abs(x - 1) <= 0.3 and abs(y - 3) <= 0.35 for x, y in spots)
    assert (float(traces["决策者"].x[0]), float(traces["决策者"].y[0])) == (1.0, 5.0)  # alone: not moved
    assert list(traces["决策者"].text) == ["Wang"]


def test_completeness_marks_saved_sheets_and_overdue_milestones():
    keys = playbooks.keys()
    df = pd.DataFrame({"account_id": ["A", "B"], "name": ["Acme", None], **{k: [True, k == "statement"] for k in keys},
                       "filled": [12, 1], "overdue_milestones": [2, 0]})
    fig = charts_people.completeness(df, "2026Q4", "en")
    heat, cells = fig.data[0], fig.data[1]
    z = np.array(heat.z)
    assert z.shape == (2, 12)
    assert list(z[0]) == [1] * 7 + [2] + [1] * 4  # A: all saved, worksheet 8 red with its 2 overdue milestones
    assert list(z[1]) == [1] + [0] * 11
    assert np.array(heat.text)[0, 7] == "⚠ 2"
    assert list(heat.y) == ["Acme · A (12/12)", "B (1/12)"]
    # every cell can be clicked: its point carries the account id
    assert [c[0] for c in cells.customdata] == ["A"] * 12 + ["B"] * 12
    # the cells start right under the slanted heads: no band of padding, one row and column per cell
    assert tuple(fig.layout.yaxis.range) == (1.5, -0.5) and tuple(fig.layout.xaxis.range) == (-0.5, 11.5)


def test_completeness_names_the_worksheets_as_the_plans_tabs_do():
    df = pd.DataFrame({"account_id": ["A"], "name": ["Acme"], **{k: [False] for k in playbooks.keys()},
                       "filled": [0], "overdue_milestones": [0]})
    heads = list(charts_people.completeness(df, "2026Q4", "zh").data[0].x)
    assert heads[:3] == ["1 声明", "2 客户视角", "3 我方视角"] and heads[7] == "8 短期指标"
    heads = list(charts_people.completeness(df, "2026Q4", "en").data[0].x)
    assert heads[:3] == ["1 Statement", "2 Customer's view", "3 Our view"] and heads[11] == "12 Key factors"


def test_completeness_counts_each_account_s_sheets_in_brackets_of_the_language():
    keys = playbooks.keys()
    df = pd.DataFrame({"account_id": ["C0217", "B"], "name": ["国泰证券股份有限公司", None],
                       **{k: [True, k == "statement"] for k in keys}, "filled": [12, 1], "overdue_milestones": [2, 0]})
    fig = charts_people.completeness(df, "2026Q4", "zh")
    assert list(fig.data[0].y) == ["国泰证券股份有限公司 · C0217（12/12）", "B（1/12）"]
    assert fig.data[1].customdata[7][1] == "已填写 · 逾期里程碑（工作表 8）：2"

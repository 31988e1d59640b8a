"""Scorecards (评分卡): weighted criteria, judgement and data-derived scores per account or
industry, the weighted total, 0–100 score, rank and ★, and how robust ★ is to the weights."""
import pandas as pd
import streamlit as st

from kamp import charts_selection, scorecard
from pages._ui import account_table, chart, cursor, lang, problem, tr
from pages._ui import table as show_table

st.title(tr("card.title"))
st.caption(tr("card.intro"))
st.sidebar.text_input(tr("tiers.your_name"), key="author", help=tr("card.your_name_help"))
accounts, _ = account_table()
if accounts.empty:
    st.info(tr("overview.empty"))
    st.stop()

templates = scorecard.list_templates(cursor())
label = {r.name: (r.name_zh or r.name) if lang() == "zh" else r.name for r in templates.itertuples()}
name = st.selectbox(tr("card.template"), list(label), format_func=label.get, key="card_template")
template = scorecard.load_template(cursor(), name)
entity = template["entity"]
entities = scorecard.entity_table(accounts, entity)
tab_results, tab_scores, tab_criteria, tab_robust = st.tabs(
    [tr("card.results"), tr("card.judgement"), tr("card.criteria"), tr("card.sensitivity")])

tab_criteria.caption(tr("card.criteria_help"))
names = ["group", "criterion"] if lang() == "en" else ["group_zh", "criterion_zh"]
features = sorted({c for c in entities.select_dtypes("number").columns} | set(scorecard.DERIVED_FEATURES))
edited = tab_criteria.data_editor(
    pd.DataFrame(template["criteria"], columns=scorecard.CRITERIA_COLUMNS), num_rows="dynamic", hide_index=True,
    width="stretch", key=f"criteria_{name}", column_order=[*names, "weight", "direction", "method", "feature",
                                                           *[c for c in ("group", "group_zh", "criterion", "criterion_zh")
                                                             if c not in names]],
    column_config={
        "group": tr("card.col.group"), "group_zh": tr("card.col.group_zh"),
        "criterion": tr("card.col.criterion"), "criterion_zh": tr("card.col.criterion_zh"),
        "weight": st.column_config.NumberColumn(tr("card.col.weight"), min_value=1, max_value=10, step=1),
        "direction": st.column_config.SelectboxColumn(tr("card.col.direction"), options=["+", "-"]),
        "method": st.column_config.SelectboxColumn(tr("card.col.method"), options=list(scorecard.METHODS)),
        "feature": st.column_config.SelectboxColumn(tr("card.col.feature"), options=features),
    })
try:
    criteria = scorecard.criteria_frame(edited.dropna(how="all"))
except ValueError as exc:
    tab_criteria.error(tr("card.bad_criteria", error=problem(exc)))
    st.stop()
with tab_criteria.expander(tr("card.save_template")):
    c1, c2, c3 = st.columns([3, 3, 1], vertical_alignment="bottom")
    new_name = c1.text_input(tr("card.template_name"), value=name, key="new_name")
    new_zh = c2.text_input(tr("card.template_name_zh"), value=template.get("name_zh") or "", key="new_zh")
    if c3.button(tr("card.save"), key="save_template", type="primary"):
        try:
            scorecard.save_template(cursor(), {"name": new_name, "name_zh": new_zh, "entity": entity,
                                               "criteria": criteria}, author=st.session_state.get("author") or None)
            st.toast(tr("card.template_saved", name=new_name), icon=":material/check:")
        except ValueError as exc:
            st.error(problem(exc))

judged = criteria.loc[criteria["method"] == "judgement", "criterion"].tolist()
judgements = None
with tab_scores:
    if not judged:
        st.info(tr("card.no_judgement"))
    else:
        stored = scorecard.load_scores(cursor(), name)
        if entity == "account":
            n = st.number_input(tr("card.how_many"), 5, 500, 30, step=5, key="how_many", help=tr("card.how_many_help"))
            keep = set(accounts.nlargest(int(n), "revenue")["account_id"].astype(str)) | set(stored.index.astype(str))
            rows = entities[entities["entity"].isin(keep)].sort_values("revenue", ascending=False)
        else:
            rows = entities
        grid = stored.reindex(index=rows["entity"], columns=judged)
        grid.insert(0, "label", rows["label"].to_numpy())
        st.caption(tr("card.judgement_help", n=len(grid)))
        edited_scores = st.data_editor(
            grid, width="stretch", key=f"grid_{name}_{len(grid)}", disabled=["label"],
            column_config={"label": tr(f"card.entity.{entity}"),
                           **{c: st.column_config.NumberColumn(c, min_value=1, max_value=10, step=1) for c in judged}})
        judgements = edited_scores.drop(columns="label")
        if st.button(tr("card.save_scores"), key="save_scores"):
            try:
                kept = scorecard.save_scores(cursor(), name, judgements, author=st.session_state.get("author") or None)
                st.toast(tr("card.scores_saved", n=kept), icon=":material/check:")
            except ValueError as exc:
                st.error(problem(exc))

with tab_results:
    c1, c2, c3 = st.columns([2, 2, 3])
    rules = {r: tr(f"card.rule.{r}") for r in ("mean", "threshold")}
    rule = c1.radio(tr("card.star_rule"), list(rules), format_func=rules.get,
                    horizontal=True, key="star_rule")
    threshold = c2.number_input(tr("card.threshold"), value=0.0, key="threshold") if rule == "threshold" else None
    neutral = bool(judged) and c3.toggle(tr("card.neutral"), key="neutral", help=tr("card.neutral_help"))
    scores = scorecard.scores_from_features(criteria, entities, judgements, entity="entity",
                                            fill_missing=scorecard.NEUTRAL if neutral else None)
    result = scorecard.score(criteria, scores, threshold=threshold, missing="unscored")
    cut = result.attrs["cut"]
    result = result.merge(entities[["entity", "label"]], on="entity", how="left")
    scored = result.dropna(subset=["total"])
    if scored.empty:
        st.info(tr("card.nothing_scored"))
        st.stop()
    m1, m2, m3 = st.columns(3)
    m1.metric(tr("card.scored"), f"{len(scored):,}", help=tr("card.scored_help", unscored=len(result) - len(scored)))
    m2.metric(tr("card.selected"), f"{int(scored['selected'].sum()):,}")
    m3.metric(tr("card.cut"), f"{cut:,.4g}", help=tr(f"card.rule.{rule}"))
    chart(charts_selection.scorecard_totals(scored, cut, lang()), key="totals", clickable=entity == "account")
    shown = scored.sort_values(["rank", "label"]).assign(selected=lambda d: d["selected"].map({True: "★", False: ""}))
    show_table(shown[["label", "total", "score_0_100", "rank", "selected"]],
               labels={"label": tr(f"card.entity.{entity}"),
                       "total": st.column_config.NumberColumn(tr("chart.total"), format="%.4g"),
                       "score_0_100": st.column_config.NumberColumn(tr("card.score"), format="%.1f"),
                       "rank": tr("card.rank"), "selected": "★"}, key="results")

with tab_robust:
    st.caption(tr("card.sensitivity_help"))
    c1, c2 = st.columns(2)
    pct = c1.slider(tr("card.perturb"), 0, 50, 20, step=5, format="± %d %%", key="perturb")
    draws = c2.select_slider(tr("card.draws"), [200, 500, 1000, 2000, 5000], value=1000, key="draws")
    robust = scorecard.sensitivity(criteria, scores.loc[scored["entity"]], pct=pct, n_draws=draws, random_state=0,
                                   threshold=threshold)
    robust = robust.merge(entities[["entity", "label"]], on="entity", how="left")
    fragile = robust[(robust["p_selected"] > 0) & (robust["p_selected"] < 1)]
    st.caption(tr("card.fragile", n=len(fragile), total=len(robust)))
    chart(charts_selection.rank_ranges(robust, lang()), key="ranges", clickable=entity == "account")

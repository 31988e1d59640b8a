"""Scorecards (评分卡): weighted criteria, judgement and data-derived scores per account or
industry, the weighted total, 0–100 score, rank and ★, and how robust ★ is to the weights."""
import pandas as pd
import streamlit as st

from kamp import analysis, charts_selection, scorecard, scorecard_features, scorecard_store
from kamp import scorecard_portfolio as portfolio
from pages._accounts import account_table, from_table
from pages._charts import chart, figure
from pages._lists import table as show_table
from pages._language import wkey
from pages._scorecard_parts import renamed_criteria, reset_or_delete, save_box
from pages._ui import author, author_box, cursor, db_path, lang, problem, tr


@st.cache_data(show_spinner=False, max_entries=8)
def _features(db: str, cache_key: str, entity: str) -> list[str]:
    """The features a percentile criterion may read: the account table's column types suffice."""
    sample = analysis.kept_account_columns(cursor(), cache_key, None, limit=0)
    return portfolio.feature_options(account_table()[0] if sample is None else sample, entity)


@st.cache_resource(show_spinner=False, max_entries=16)  # shared, not copied per run: never modified
def _robustness(_result, key: tuple, pct: int, draws: int, threshold):
    return portfolio.robustness(_result, pct=pct, n_draws=draws, threshold=threshold)


st.title(tr("card.title"))
st.caption(tr("card.intro"))
author_box(tr("card.your_name_help"))
accounts, meta = account_table(["account_id", "revenue"])
if accounts.empty:
    st.info(tr("overview.empty"))
    st.stop()

templates = scorecard_store.list_templates(cursor())
label = {r.name: (r.name_zh or r.name) if lang() == "zh" else r.name for r in templates.itertuples()}
name = st.selectbox(tr("card.template"), list(label), format_func=label.get, key=wkey("card_template"))
template = scorecard_store.load_template(cursor(), name)
entity = template["entity"]
tab_results, tab_scores, tab_criteria, tab_robust = st.tabs(
    [tr("card.results"), tr("card.judgement"), tr("card.criteria"), tr("card.sensitivity")])

tab_criteria.caption(tr("card.criteria_help"))
names = ["group", "criterion"] if lang() == "en" else ["group_zh", "criterion_zh"]
features = _features(db_path(), meta["cache_key"], entity)
edited = tab_criteria.data_editor(
    pd.DataFrame(template["criteria"], columns=scorecard.CRITERIA_COLUMNS), num_rows="dynamic", hide_index=True,
    placeholder="", width="stretch", key=f"criteria_{name}", column_order=[*names, "weight", "direction", "method", "feature",
                                                           *[c for c in ("group", "group_zh", "criterion", "criterion_zh")
                                                             if c not in names]],
    column_config={
        "group": tr("card.col.group"), "group_zh": tr("card.col.group_zh"),
        "criterion": tr("card.col.criterion"), "criterion_zh": tr("card.col.criterion_zh"),
        "weight": st.column_config.NumberColumn(tr("card.col.weight"), min_value=1, max_value=10, step=1),
        "direction": st.column_config.SelectboxColumn(tr("card.col.direction"), options=["+", "-"]),
        "method": st.column_config.SelectboxColumn(tr("card.col.method"), options=list(scorecard.METHODS),
                                                   format_func=lambda m: tr(f"card.method.{m}")),
        "feature": st.column_config.SelectboxColumn(tr("card.col.feature"), options=features),
    })
try:
    criteria = scorecard.criteria_frame(edited.dropna(how="all"))
except ValueError as exc:
    tab_criteria.error(tr("card.bad_criteria", error=problem(exc)))
    st.stop()
with tab_criteria:
    renamed = renamed_criteria(name, template)
    save_box(name, template, criteria, label, renamed)
    reset_or_delete(name, label[name], templates.set_index("name").at[name, "source"])

judged_rows = criteria[criteria["method"] == "judgement"]
judged = judged_rows["criterion"].tolist()
# each criterion's column named in the page's language (the Chinese name where there is one)
judged_as = {r.criterion: (r.criterion_zh if lang() == "zh" and isinstance(r.criterion_zh, str) and r.criterion_zh.strip()
                           else r.criterion) for r in judged_rows.itertuples()}
judgements = None
with tab_scores:
    if not judged:
        st.info(tr("card.no_judgement"))
    else:
        stored = scorecard_store.load_scores(cursor(), name, renamed)
        if entity == "account":
            n = st.number_input(tr("card.how_many"), 5, 500, 30, step=5, key="how_many", help=tr("card.how_many_help"))
            rows = from_table(portfolio.judgement_rows, int(n), tuple(stored.index.astype(str)),
                              columns=["account_id", "name", "revenue"])
        else:
            rows = from_table(scorecard_features.entity_table, entity, columns=portfolio.columns(criteria, entity))
        grid = stored.reindex(index=rows["entity"], columns=judged)
        grid.insert(0, "label", rows["label"].to_numpy())
        st.caption(tr("card.judgement_help", n=len(grid)))
        edited_scores = st.data_editor(
            grid, width="stretch", placeholder="", key=f"grid_{name}_{len(grid)}", disabled=["label"],
            column_config={"_index": tr("card.col.id"), "label": tr(f"card.entity.{entity}"),
                           **{c: st.column_config.NumberColumn(judged_as[c], min_value=1, max_value=10, step=1) for c in judged}})
        judgements = edited_scores.drop(columns="label")
        unsaved = scorecard_store.unsaved_criteria(cursor(), name, judged)
        if unsaved:
            st.info(tr("card.save_template_first", n=len(unsaved),
                       names=("、" if lang() == "zh" else ", ").join(judged_as[c] for c in unsaved)))
        if st.button(tr("card.save_scores"), key="save_scores", disabled=bool(unsaved)):
            try:
                kept = scorecard_store.save_scores(cursor(), name, judgements, author=author())
                st.toast(tr("card.scores_saved", n=kept) if kept else tr("card.scores_unchanged"),
                         icon=":material/check:")
            except ValueError as exc:
                st.error(problem(exc))

with tab_results:
    c1, c2, c3 = st.columns([2, 2, 3])
    rules = {r: tr(f"card.rule.{r}") for r in ("mean", "threshold")}
    rule = c1.radio(tr("card.star_rule"), list(rules), format_func=rules.get,
                    horizontal=True, key=wkey("star_rule"))
    threshold = c2.number_input(tr("card.threshold"), value=0.0, key="threshold") if rule == "threshold" else None
    neutral = bool(judged) and c3.toggle(tr("card.neutral"), key="neutral", help=tr("card.neutral_help"))
    # Every entity scored once per account table, criteria and judgements; only the best-ranked get labels.
    scoring = (entity, portfolio.criteria_key(criteria), portfolio.judgements_key(judgements),
               scorecard_features.NEUTRAL if neutral else None)
    result = from_table(portfolio.scored, *scoring, columns=portfolio.columns(criteria, entity))
    if not result.scored:
        st.info(tr("card.nothing_scored"))
        st.stop()
    cut = result.cut(threshold)
    top = result.top.assign(selected=portfolio.starred(result.top["total"], cut))
    m1, m2, m3 = st.columns(3)
    m1.metric(tr("card.scored"), f"{result.scored:,}",
              help=tr("card.scored_help", unscored=len(result.entities) - result.scored))
    m2.metric(tr("card.selected"), f"{result.selected(cut):,}")
    m3.metric(tr("card.cut"), f"{cut:,.4g}", help=tr(f"card.rule.{rule}"))
    chart(figure(lambda: charts_selection.scorecard_totals(top, cut, lang()), meta["table_key"], *scoring, cut),
          key="totals", clickable=entity == "account")
    if len(top) < result.scored:
        st.caption(tr("card.top_shown", shown=len(top), n=result.scored))
    shown = top.assign(selected=top["selected"].map({True: "★", False: ""}))
    show_table(shown[["label", "total", "score_0_100", "rank", "selected"]],
               labels={"label": tr(f"card.entity.{entity}"),
                       "total": st.column_config.NumberColumn(tr("chart.total"), format="%.4g"),
                       "score_0_100": st.column_config.NumberColumn(tr("card.score"), format="%.1f"),
                       "rank": tr("card.rank"), "selected": "★"}, key="results", name="scorecard_results")

with tab_robust:
    st.caption(tr("card.sensitivity_help"))
    c1, c2 = st.columns(2)
    pct = c1.slider(tr("card.perturb"), 0, 50, 20, step=5, format="± %d %%", key="perturb")
    draws = c2.select_slider(tr("card.draws"), [200, 500, 1000, 2000, 5000], value=1000, key="draws")
    robust = _robustness(result, (meta["table_key"], *scoring), pct, draws, threshold)
    if len(robust) < result.scored:
        st.caption(tr("card.robust_top", shown=len(robust), n=result.scored))
    fragile = robust[(robust["p_selected"] > 0) & (robust["p_selected"] < 1)]
    st.caption(tr("card.fragile", n=len(fragile), total=len(robust)))
    chart(figure(lambda: charts_selection.rank_ranges(robust, lang()), meta["table_key"], *scoring, pct, draws,
                 threshold), key="ranges", clickable=entity == "account")

"""The Coverage & goals page's capacity tiles: the hours the coverage models need against the reps'."""
import streamlit as st

from pages._ui import tr


def capacity_tiles(s: dict) -> bool:
    """The capacity figures of summary ``s``; without an account owner, the hours needed and what to import,
    not a gap of every hour (nobody is on staff to set against them). Whether there are owners."""
    m = st.columns(5)
    m[0].metric(tr("coverage.hours_needed"), f"{s['hours_needed']:,.0f}",
                help=tr("coverage.hours_needed_help", call_centre=f"{s['call_centre_hours']:,.0f}"))
    staffed = s["reps"] > 0
    m[4 if staffed else 2].metric(tr("coverage.unowned"), f"{s['unowned_accounts']:,}", help=tr("coverage.unowned_help"))
    if not staffed:
        m[1].metric(tr("coverage.reps_needed"), f"{s['reps_needed'] or 0:,}", help=tr("coverage.reps_help"))
        st.info(tr("coverage.no_owners"))
        return False
    m[1].metric(tr("coverage.hours_available"), f"{s['hours_available']:,.0f}",
                help=tr("coverage.hours_available_help", reps=s["reps"], hours=f"{s['rep_hours']:,.0f}"))
    short = s["gap"] > 0
    m[2].metric(tr("coverage.gap"), f"{abs(s['gap']):,.0f}", delta=tr("coverage.short" if short else "coverage.spare"),
                delta_color="red" if short else "green", delta_arrow="off",
                help=tr("coverage.gap_help", share="—" if s["utilisation"] is None else f"{s['utilisation']:.0%}"))
    m[3].metric(tr("coverage.reps"), f"{s['reps_needed'] or 0:,} / {s['reps']:,}", help=tr("coverage.reps_help"))
    if (s["rep_gap"] or 0) > 0:
        st.warning(tr("coverage.reps_short", needed=s["reps_needed"], reps=s["reps"], more=s["rep_gap"]))
    return True

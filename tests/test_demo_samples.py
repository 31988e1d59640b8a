"""The sample import files (kamp.demo_samples): bilingual, small, every header mapped, and the two
sales exports together hold their accounts' whole history."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from kamp import demo_samples, schema


@pytest.fixture(scope="module")
def samples(tmp_path_factory, demo_frames) -> dict[str, object]:
    paths = demo_samples.write_samples(tmp_path_factory.mktemp("samples"), demo_frames)
    return {p.name: p for p in paths}


def test_sample_files_are_all_there_and_small(samples):
    assert set(samples) == {"sales_zh_gb18030.csv", "sales_en.csv", "accounts.xlsx", "contacts.csv",
                            "payments.csv", "interactions.csv"}
    for path in samples.values():
        assert path.stat().st_size < 300_000, path.name


def test_chinese_sales_sample_is_gb18030_with_chinese_headers(samples):
    raw = samples["sales_zh_gb18030.csv"].read_bytes()
    text = raw.decode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    headers = text.splitlines()[0].split(",")
    assert headers[:4] == ["客户编号", "客户名称", "订单日期", "订单号"]
    mapping = schema.guess_mapping(headers, "transactions")
    assert set(mapping) == set(headers) and schema.missing_required(mapping, "transactions") == []
    frame = pd.read_csv(samples["sales_zh_gb18030.csv"], encoding="gb18030", dtype=str)
    assert frame["订单日期"].str.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}").all()
    assert frame["金额"].str.fullmatch(r"-?\d{1,3}(?:,\d{3})+\.\d\d").any()
    assert len(frame) <= 3000


def test_other_samples_map_every_header(samples):
    frames = {
        "transactions": pd.read_csv(samples["sales_en.csv"], encoding="utf-8-sig", dtype=str),
        "accounts": pd.read_excel(samples["accounts.xlsx"], sheet_name="客户", dtype=str, engine="calamine"),
        "contacts": pd.read_csv(samples["contacts.csv"], dtype=str),
        "payments": pd.read_csv(samples["payments.csv"], dtype=str),
        "interactions": pd.read_csv(samples["interactions.csv"], dtype=str)}
    assert samples["sales_en.csv"].read_bytes().startswith(b"\xef\xbb\xbf")
    with pd.ExcelFile(samples["accounts.xlsx"], engine="calamine") as workbook:
        assert workbook.sheet_names == ["客户", "说明"]
    for kind, frame in frames.items():
        mapping = schema.guess_mapping(list(frame.columns), kind)
        assert set(mapping) == set(frame.columns), kind
        assert schema.missing_required(mapping, kind) == [], kind
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", frames["transactions"]["Order Date"].iloc[0])
    assert len(frames["transactions"]) <= 3000
    assert 30 <= len(frames["accounts"]) <= 45
    ids = set(frames["accounts"]["客户编号"])
    for kind in ("transactions", "contacts", "payments", "interactions"):
        assert set(frames[kind]["Customer ID"]) <= ids, kind


def test_two_sales_samples_together_hold_the_sample_accounts_full_history(samples, demo_net):
    zh = pd.read_csv(samples["sales_zh_gb18030.csv"], encoding="gb18030", dtype=str)
    en = pd.read_csv(samples["sales_en.csv"], encoding="utf-8-sig", dtype=str)
    total = zh["金额"].str.replace(",", "").astype(float).sum() + en["Sales"].astype(float).sum()
    ids = set(zh["客户编号"]) | set(en["Customer ID"])
    assert total == pytest.approx(demo_net[sorted(ids)].sum(), abs=0.01 * len(zh) + 0.01 * len(en))


def test_the_committed_samples_are_what_the_generator_writes(samples):
    from pathlib import Path

    committed = Path(__file__).resolve().parent.parent / "data" / "samples"
    for name in ("sales_zh_gb18030.csv", "sales_en.csv", "contacts.csv", "payments.csv", "interactions.csv"):
        assert (committed / name).read_bytes() == samples[name].read_bytes(), name


def test_the_crm_samples_are_found_already_present_in_the_demo_database(demo_db, tmp_path):
    # The README: "in the demo's database the CRM files are found already present"
    import shutil
    from pathlib import Path

    from kamp import ingest, store

    db = tmp_path / "kamp.duckdb"
    shutil.copy(demo_db, db)
    committed = Path(__file__).resolve().parent.parent / "data" / "samples"
    con = store.connect(db)
    try:
        for kind in ("contacts", "payments", "interactions"):
            rows = len(pd.read_csv(committed / f"{kind}.csv"))
            result = ingest.import_file(con, committed / f"{kind}.csv", kind)
            assert (result.rows_read, result.rows_loaded, result.rows_present) == (rows, 0, rows), kind
            assert result.superseded == 0, kind  # nothing stored is replaced by a less precise copy
    finally:
        con.close()

"""The sample import files in ``data/samples``: about 40 demo accounts as an ERP and a CRM would
export them — Chinese headers in GB18030 with ``2024/3/5`` dates and ``1,234.56`` amounts, English
headers in UTF-8, an Excel workbook of account records — to show and test bilingual import.

``python -m kamp.demo_samples DIRECTORY`` writes them into ``DIRECTORY`` (default ``data/samples``).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from kamp import schema
from kamp.demo import generate

SAMPLE_NOTE = ("KAMP 演示数据：一家IT解决方案供应商的约40个客户，由 kamp.demo.generate() 生成。",
               "sales_zh_gb18030.csv（ERP导出，中文表头，GB18030）是前一半时间，sales_en.csv（CRM导出）是后一半。",
               "退货/冲销：订单号以 C 开头、数量为负。年采购额 = 客户在本品类的年采购总额（钱包估计），约两成缺失。")
EN_HEADERS = {"account_id": "Customer ID", "account_name": "Customer Name", "invoice_id": "Invoice No",
              "line_id": "Line No", "kind": "Type"}
EN_HEADERS_BY_KIND = {"transactions": {"ts": "Order Date", "amount": "Sales"}, "interactions": {"ts": "Date"}}


def _headers(kind: str, columns, zh: bool = False) -> dict[str, str]:
    """Source headers for canonical columns: the schema's Chinese labels, or English ones."""
    if zh:  # 年采购额, not the label 采购总额估计, is the header synonym of wallet_estimate
        labels = {f.name: f.label_zh for f in schema.fields(kind)} | {"wallet_estimate": "年采购额"}
        return {c: labels[c] for c in columns}
    names = EN_HEADERS | EN_HEADERS_BY_KIND.get(kind, {})
    return {c: names.get(c, c.replace("_", " ").title()) for c in columns}


def _sample_accounts(tx: pd.DataFrame, k: int = 40) -> list[str]:
    """From each of ``k`` slices of the revenue ranking below the top 2.5 %, the account with the fewest lines."""
    net = tx.groupby("account_id")["amount"].sum().sort_values(ascending=False)
    lines = tx.groupby("account_id").size()[net.index].to_numpy()
    picks = [s[np.argmin(lines[s])] for s in np.array_split(np.arange(len(net) // 40, len(net)), k) if len(s)]
    return sorted(net.index[picks])


def write_samples(directory, data: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Write small bilingual sample import files for about 40 demo accounts.

    Parameters
    ----------
    directory : str or pathlib.Path
        Target folder, created when missing.
    data : dict of str to pandas.DataFrame, optional
        Output of :func:`kamp.demo.generate`; generated with the defaults when omitted.

    Returns
    -------
    list of pathlib.Path
        ``sales_zh_gb18030.csv`` (Chinese headers, GB18030, ``2024/3/5`` dates, ``1,234.56``
        amounts; the first half of the history), ``sales_en.csv`` (English headers, UTF-8 with
        BOM, ISO dates; the second half), ``accounts.xlsx`` (sheets 客户 and 说明), and
        ``contacts.csv``, ``payments.csv``, ``interactions.csv`` (UTF-8, English headers).
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    data = generate() if data is None else data
    keep = _sample_accounts(data["transactions"])
    sub = {kind: f[f["account_id"].isin(keep)].reset_index(drop=True) for kind, f in data.items()}
    names = sub["accounts"].set_index("account_id")["name"]
    tx = sub["transactions"].assign(account_name=lambda f: f["account_id"].map(names))
    cut = (tx["ts"].min() + (tx["ts"].max() - tx["ts"].min()) / 2).to_period("M").to_timestamp()
    old, new = tx[tx["ts"] < cut].copy(), tx[tx["ts"] >= cut]
    day = old["ts"].dt
    old["ts"] = day.year.astype(str) + "/" + day.month.astype(str) + "/" + day.day.astype(str)
    for col in ("unit_price", "discount", "amount", "cost"):
        old[col] = [f"{v:,.2f}" for v in old[col]]
    cols = ["account_id", "account_name", "ts", "invoice_id", "line_id", "product", "description", "product_line",
            "quantity", "unit_price", "discount", "amount", "cost", "salesperson", "region", "channel"]
    paths = [out / "sales_zh_gb18030.csv", out / "sales_en.csv", out / "accounts.xlsx"]
    old[cols].rename(columns=_headers("transactions", cols, zh=True)).to_csv(
        paths[0], index=False, encoding="gb18030", lineterminator="\r\n")
    cols.remove("account_name")
    new[cols].rename(columns=_headers("transactions", cols)).to_csv(
        paths[1], index=False, encoding="utf-8-sig", float_format="%.2f", date_format="%Y-%m-%d %H:%M")
    with pd.ExcelWriter(paths[2], engine="openpyxl") as xlsx:
        zh_names = _headers("accounts", sub["accounts"].columns, zh=True)
        sub["accounts"].rename(columns=zh_names).to_excel(xlsx, sheet_name="客户", index=False)
        pd.DataFrame({"说明": SAMPLE_NOTE}).to_excel(xlsx, sheet_name="说明", index=False)
    for kind, fmt in (("contacts", "%Y-%m-%d %H:%M"), ("payments", "%Y-%m-%d"), ("interactions", "%Y-%m-%d %H:%M")):
        paths.append(out / f"{kind}.csv")
        sub[kind].rename(columns=_headers(kind, sub[kind].columns)).to_csv(
            paths[-1], index=False, encoding="utf-8", float_format="%.2f", date_format=fmt)
    return paths


if __name__ == "__main__":
    for path in write_samples(sys.argv[1] if len(sys.argv) > 1 else "data/samples"):
        print(f"{path}  {path.stat().st_size:,} bytes")

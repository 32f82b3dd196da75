"""Verify the summary numbers of survey_multilingual.csv (see SOURCE.md).

Usage:  python check_example.py [path/to/survey_multilingual.csv]
Only valid values are counted: nps_score 0-10, csat 1-5, ces 1-7 (each metric on
its own); an answer is "usable" when it is non-empty and not a placeholder.
"""

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "survey_multilingual.csv"
df = pd.read_csv(path, dtype={"answer": "string"}, keep_default_na=False)

LANG = {"US": "en", "GB": "en", "DE": "de", "AT": "de", "CH": "de", "SE": "sv", "CN": "zh"}
df["language"] = df["country"].map(LANG)
df["date"] = pd.to_datetime(df["submitted_at"])
df["quarter"] = df["date"].dt.year.astype(str) + "-Q" + df["date"].dt.quarter.astype(str)
for col, lo, hi in (("nps_score", 0, 10), ("csat", 1, 5), ("ces", 1, 7)):
    v = pd.to_numeric(df[col], errors="coerce")
    df[col + "_valid"] = v.where(v.between(lo, hi))
ans = df["answer"].fillna("").str.strip()
df["answer_usable"] = (ans != "") & ~ans.str.lower().isin({"-", "n/a", "na", "none", "."})


def nps(s):
    s = s.dropna()
    return round(100 * ((s >= 9).mean() - (s <= 6).mean()), 1) if len(s) else float("nan")


def pct(x):
    return f"{100 * x:.1f}%"


print(f"file: {path.name}")
print(
    f"rows: {len(df)}   usable answers: {int(df['answer_usable'].sum())}   "
    f"date range: {df['submitted_at'].min()} .. {df['submitted_at'].max()}"
)
print("\nlanguage (from country):")
print(
    df["language"]
    .value_counts()
    .rename("rows")
    .to_frame()
    .assign(share=lambda t: (100 * t["rows"] / len(df)).round(1))
    .to_string()
)
print("\ncountry:")
print(df["country"].value_counts().to_string())
print("\nchannel:")
print(df["channel"].value_counts().to_string())
print("\nrows per quarter:")
print(df["quarter"].value_counts().sort_index().to_string())

n = df["nps_score_valid"]
valid = n.dropna()
print(
    f"\nNPS overall: {nps(n):+.1f}  (valid scores n={len(valid)}; "
    f"promoters {pct((valid >= 9).mean())}, passives {pct(valid.between(7, 8).mean())}, "
    f"detractors {pct((valid <= 6).mean())})"
)
for q, g in df.groupby("quarter"):
    print(f"NPS {q}: {nps(g['nps_score_valid']):+.1f}  (n={g['nps_score_valid'].notna().sum()})")
for lang, g in df.groupby("language"):
    print(f"NPS {lang}: {nps(g['nps_score_valid']):+.1f}  (n={g['nps_score_valid'].notna().sum()})")

c = df["csat_valid"].dropna()
print(f"\nCSAT top-box (4-5): {pct((c >= 4).mean())}  mean {c.mean():.2f}  (valid n={len(c)})")
e = df["ces_valid"].dropna()
print(f"CES mean: {e.mean():.2f}  % agree (5-7): {pct((e >= 5).mean())}  (valid n={len(e)})")

print("\ninvalid / messy values:")
nps_blank = df["nps_score"].astype(str).str.strip() == ""
print(f"  nps_score missing: {list(df.loc[nps_blank, 'respondent_id'])}")
out_of_range = df["nps_score_valid"].isna() & ~nps_blank
print(f"  nps_score out of range: {list(df.loc[out_of_range, 'respondent_id'])}")
print(f"  csat invalid: {list(df.loc[df['csat_valid'].isna(), 'respondent_id'])}")
print(f"  ces invalid: {list(df.loc[df['ces_valid'].isna(), 'respondent_id'])}")
print(f"  answer empty/placeholder: {list(df.loc[~df['answer_usable'], 'respondent_id'])}")

# Optional: the answer key written next to the CSV, to show the returns trend.
labels = path.with_name("survey_multilingual_labels.csv")
if labels.exists():
    lab = pd.read_csv(labels, keep_default_na=False)
    m = df.merge(lab, on="respondent_id")
    print("\nintended themes (answer key), share of usable answers:")
    t = m[m["intended_theme"] != ""]["intended_theme"].value_counts()
    print((100 * t / t.sum()).round(1).to_string())
    print("\ntheme drivers (answer key): rows, NPS, CSAT top-box")
    for th, g in m[m["intended_theme"] != ""].groupby("intended_theme"):
        cs = g["csat_valid"].dropna()
        theme_nps = nps(g["nps_score_valid"])
        print(
            f"  {th:4s} n={len(g):3d}  NPS {theme_nps:+6.1f}  CSAT top-box {pct((cs >= 4).mean())}"
        )
    r = m[m["intended_theme"] == "RET"]
    print("\nreturns & refunds by quarter (answer key):")
    for q, g in r.groupby("quarter"):
        cs = g["csat_valid"].dropna()
        neg = g["intended_sentiment"].isin(["N", "V"]).sum()
        print(
            f"  {q}: n={len(g)}  complaints={neg}  NPS {nps(g['nps_score_valid']):+.1f}  "
            f"CSAT top-box {pct((cs >= 4).mean())}  CES mean {g['ces_valid'].mean():.2f}"
        )

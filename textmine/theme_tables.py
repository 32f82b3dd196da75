"""Theme tables for users: described themes joined with the model's names and structure, and
each response's themes and sub-themes.

A response that raises several points gets every theme its segments have; its primary theme
(and sub-theme) is the one most of its text is about.
"""

from __future__ import annotations

import pandas as pd

from textmine.frames import lists_by
from textmine.schema import RESPONSE_ID, UNCLASSIFIED, UNCLASSIFIED_LABEL


def with_model_info(table: pd.DataFrame, info: dict[int, dict], key: str) -> pd.DataFrame:
    """Saved names, source/description and parent ids from the model; model themes without
    any segment (e.g. an unused codebook theme) get a row with zero counts."""
    missing = [i for i in info if i not in set(table[key])]
    empty = {"keywords": [], "keywords_by_language": "{}", "languages": "{}", "quotes": []}
    empty["quotes_by_language"] = "{}"
    zeros = {"n_segments": 0, "n_responses": 0, "share": 0.0}
    rows = [
        {key: i, "label": info[i].get("label") or "(no keywords)"} | empty | zeros for i in missing
    ]
    table = pd.concat([table, pd.DataFrame(rows)], ignore_index=True) if rows else table.copy()
    known = table[key].map(lambda i: info.get(int(i), {}))
    table["label"] = [k.get("label") or lab for k, lab in zip(known, table["label"], strict=True)]
    if key == "theme_id":
        table["source"] = [k.get("source", "discovered") if k else None for k in known]
        table["description"] = [k.get("description", "") if k else "" for k in known]
    else:
        table.insert(1, "theme_id", [int(k.get("theme_id", UNCLASSIFIED)) for k in known])
    last = table[key] == UNCLASSIFIED
    return (
        table.assign(_last=last)
        .sort_values(["_last", key])
        .drop(columns="_last")
        .reset_index(drop=True)
    )


def attach_themes(
    responses: pd.DataFrame, segs: pd.DataFrame, themes: pd.DataFrame
) -> pd.DataFrame:
    """Each analysed response gets all its segment themes (unclassified only if nothing else)
    and a primary theme: the one most of its text is about."""
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    weight = segs["text"].str.len()
    per_theme = (
        segs.assign(_w=weight).groupby([RESPONSE_ID, "theme_id"], as_index=False)["_w"].sum()
    )
    per_theme["_classified"] = per_theme["theme_id"] != UNCLASSIFIED
    per_theme = per_theme.sort_values(
        [RESPONSE_ID, "_classified", "_w", "theme_id"], ascending=[True, False, False, True]
    )
    primary = per_theme.drop_duplicates(RESPONSE_ID).set_index(RESPONSE_ID)["theme_id"]
    classified = per_theme[per_theme["_classified"]].sort_values([RESPONSE_ID, "theme_id"])
    themes_of = lists_by(classified[RESPONSE_ID], classified["theme_id"])
    responses = responses.copy()
    responses["theme_id"] = responses[RESPONSE_ID].map(primary).astype("Int64")
    responses["themes"] = [
        themes_of.get(rid, [UNCLASSIFIED]) if status == "analysed" else []
        for rid, status in zip(responses[RESPONSE_ID], responses["status"], strict=True)
    ]
    responses["theme_label"] = responses["theme_id"].map(
        lambda t: labels.get(int(t), UNCLASSIFIED_LABEL) if pd.notna(t) else None
    )
    responses = _attach_subthemes(responses, segs, weight)
    n_segments = segs.groupby(RESPONSE_ID).size()
    responses["n_segments"] = responses[RESPONSE_ID].map(n_segments).fillna(0).astype(int)
    return responses


def _attach_subthemes(
    responses: pd.DataFrame, segs: pd.DataFrame, weight: pd.Series
) -> pd.DataFrame:
    """``sub_themes``: every sub-theme a response mentions; ``sub_theme_id``: the heaviest
    sub-theme inside its primary theme (null when unclassified)."""
    primary = segs[RESPONSE_ID].map(responses.set_index(RESPONSE_ID)["theme_id"])
    inside = segs.assign(_w=weight)[(segs["theme_id"] == primary) & (segs["sub_theme_id"] >= 0)]
    heaviest = (
        inside.groupby([RESPONSE_ID, "sub_theme_id"], as_index=False)["_w"]
        .sum()
        .sort_values([RESPONSE_ID, "_w", "sub_theme_id"], ascending=[True, False, True])
        .drop_duplicates(RESPONSE_ID)
        .set_index(RESPONSE_ID)["sub_theme_id"]
    )
    with_sub = segs[segs["sub_theme_id"] >= 0]
    subs_of = {
        rid: sorted(set(subs))
        for rid, subs in lists_by(with_sub[RESPONSE_ID], with_sub["sub_theme_id"]).items()
    }
    responses["sub_theme_id"] = responses[RESPONSE_ID].map(heaviest).astype("Int64")
    responses["sub_themes"] = [
        subs_of.get(rid, []) if status == "analysed" else []
        for rid, status in zip(responses[RESPONSE_ID], responses["status"], strict=True)
    ]
    return responses

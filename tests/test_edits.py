import numpy as np
import pytest

from textmine.codebook import load_codebook
from textmine.edits import apply_edits, load_edits
from textmine.errors import ConfigError
from textmine.schema import UNCLASSIFIED
from textmine.themes import ThemeModel, ThemeParams


def _model():
    """Four separated blobs cut into two themes, so each theme holds two sub-themes."""
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(4, 16))
    x = np.vstack([c + 0.2 * rng.normal(size=(50, 16)) for c in centres]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    model = ThemeModel(ThemeParams(reducer="pca", n_themes=2, outlier_threshold=-1))
    model.fit(x)
    for t in model.themes:
        model.themes[t]["label"] = f"theme {t}"
    return model, x


def _edits(tmp_path, text):
    path = tmp_path / "edits.yaml"
    path.write_text(text, encoding="utf-8")
    return load_edits(path)


def test_rename_merge_and_drop(tmp_path):
    model, x = _model()
    before = model.predict(x).theme_id
    edited = apply_edits(model, _edits(tmp_path, "merge:\n  - themes: [0, 1]\n    name: All\n"))
    assert edited.theme_ids == [0]
    assert edited.themes[0]["label"] == "All"
    assert (edited.predict(x).theme_id == 0).all()
    renamed = apply_edits(model, _edits(tmp_path, "rename: {1: Billing}\ndrop: [0]\n"))
    after = renamed.predict(x).theme_id
    assert (after[before == 0] == UNCLASSIFIED).all()
    assert (after[before == 1] == 1).all()
    assert renamed.themes[1]["label"] == "Billing"
    assert np.array_equal(model.predict(x).theme_id, before)  # the original is untouched


def test_split_turns_sub_themes_into_themes_and_keeps_other_ids(tmp_path):
    model, x = _model()
    before = model.predict(x)
    subs = sorted(s for s, i in model.subthemes.items() if i["theme_id"] == 0)
    edited = apply_edits(
        model, _edits(tmp_path, f"split:\n  - theme: 0\n    into: {{Fees: [{subs[1]}]}}\n")
    )
    after = edited.predict(x)
    assert edited.themes[2]["label"] == "Fees"
    assert (after.theme_id[before.sub_theme_id == subs[1]] == 2).all()
    assert (after.theme_id[before.sub_theme_id == subs[0]] == 0).all()
    assert (after.theme_id[before.theme_id == 1] == 1).all()
    assert np.array_equal(after.sub_theme_id, before.sub_theme_id)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("drop: [9]", "drop: no theme 9"),
        ("rename: {0: A}\ndrop: [0]", "theme 0 is in both rename and drop"),
        ("split:\n  - theme: 0\n    into: {X: [999]}", "not in theme 0"),
        ("merge:\n  - themes: [0]", "merge.0.themes"),
        ("colour: red", "colour"),
    ],
)
def test_bad_edits_say_what_and_where(tmp_path, text, message):
    model, _ = _model()
    with pytest.raises(ConfigError, match=message) as error:
        apply_edits(model, _edits(tmp_path, text), source="edits.yaml")
    assert "edits.yaml" in str(error.value)


def test_codebook_errors_name_the_file_and_entry(tmp_path):
    path = tmp_path / "book.yaml"
    path.write_text("themes:\n  - name: A\n  - name: a\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"book.yaml.*\n.*appears twice"):
        load_codebook(path)
    path.write_text("- name: A\n  exampels: [x]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"themes.0.exampels"):
        load_codebook(path)

"""Progress bars stay silent off a terminal; stage profiles record time and peak memory."""

import time

import numpy as np

from textmine.progress import Stages, bar, peak_rss_bytes, progress_enabled, rss_bytes


def test_progress_is_off_in_ci_and_pipes(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert progress_enabled(None) is False
    assert progress_enabled(True) is True


def test_silent_bar_writes_nothing(capsys):
    shown = bar(10, "embed", enabled=False)
    shown.update(5)
    shown.close()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_enabled_bar_shows_rate_and_total(capsys):
    shown = bar(10, "embed", unit="seg", enabled=True)
    shown.update(10)
    shown.close()
    assert "embed" in capsys.readouterr().err


def test_stages_accumulate_time_and_items():
    stages = Stages(progress=False)
    for _ in range(2):
        with stages.stage("embed", total=3) as shown:
            shown.update(3)
            time.sleep(0.01)
    record = stages.records["embed"]
    assert record.items == 6
    assert record.seconds >= 0.02
    assert record.peak_rss is None  # memory is sampled only when profiling


def test_profile_sees_a_stage_allocating_memory():
    stages = Stages(progress=False, profile=True)
    with stages.stage("small"):
        time.sleep(0.06)
    with stages.stage("big"):
        block = np.ones(200 * 2**20 // 8)  # 200 MB, touched
        time.sleep(0.2)
        del block
    small, big = stages.records["small"].peak_rss, stages.records["big"].peak_rss
    assert big - small >= 150 * 2**20
    assert peak_rss_bytes() >= big * 0.99
    table = stages.table()
    assert "big" in table and "MB" in table
    assert stages.as_dict()["big"]["peak_rss_mb"] >= 150


def test_rss_is_positive():
    assert rss_bytes() > 10 * 2**20


def test_cpu_time_counts_work_not_waiting():
    stages = Stages(progress=False)
    with stages.stage("sleep"):
        time.sleep(0.3)
    with stages.stage("work"):
        deadline = time.perf_counter() + 0.3
        while time.perf_counter() < deadline:
            sum(range(1000))
    sleep, work = stages.records["sleep"], stages.records["work"]
    assert sleep.seconds >= 0.3 and sleep.cpu_seconds < 0.1
    assert work.cpu_seconds > 0.1  # at least a third of the wall time, even on a busy machine
    assert stages.as_dict()["work"]["cpu_seconds"] == round(work.cpu_seconds, 3)
    assert "CPU s" in stages.table()

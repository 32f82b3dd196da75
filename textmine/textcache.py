"""On-disk memo of per-text results (detected language, label tokens, sentiment).

Each of those stages is a pure function of one text (and its language) under fixed settings,
so a re-run of the same or an overlapping file needs to compute them only for new text, as the
embedding cache does for vectors. At 50,000 responses they cost over a minute together, most
of a warm run once embeddings and the theme fit are cached (docs/scaling.md).

Entries live in ``<cache dir>/texts.sqlite`` under a *kind*: a string naming the stage and
everything its answer depends on (backend, settings, model fingerprint, textmine version and a
digest of the stage's code), so a change to any of them reads nothing stale.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from textmine import __version__


class SqliteTable:
    """One table in a SQLite file of the cache folder, safe for threads and for several
    processes (WAL journal, 60 s lock timeout): the embedding and text caches build on it."""

    def __init__(self, directory: str | Path, filename: str, create: str) -> None:
        self.path = Path(directory) / filename
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as conn:
            conn.execute(create)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn


class TextCache(SqliteTable):
    """JSON values keyed by (kind, text key) in one SQLite file."""

    def __init__(self, directory: str | Path) -> None:
        super().__init__(
            directory,
            "texts.sqlite",
            "CREATE TABLE IF NOT EXISTS answers ("
            "kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
            "PRIMARY KEY (kind, key))",
        )

    def get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        names: list[str] = []
        values: list[str] = []
        with self._lock, self._connect() as conn:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT key, value FROM answers WHERE kind = ? AND key IN ({marks})",
                    [kind, *chunk],
                ).fetchall()
                names += [key for key, _ in rows]
                values += [value for _, value in rows]
        # one parse of a JSON array: ~1.5x faster than a json.loads per value
        return dict(zip(names, json.loads("[" + ",".join(values) + "]"), strict=True))

    def put_many(self, kind: str, items: Iterable[tuple[str, Any]]) -> None:
        rows = [(kind, key, json.dumps(value, ensure_ascii=False)) for key, value in items]
        with self._lock, self._connect() as conn:
            conn.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", rows)


def text_cache(directory: Path | None) -> TextCache | None:
    """The cache in ``directory``; ``None`` (caching off) passes through."""
    return None if directory is None else TextCache(directory)


def stage_kind(stage: str, settings: Any, *modules: ModuleType) -> str:
    """Kind string of a stage: its name plus a digest of its settings, the textmine version
    and the source of the modules that compute it (a development build that changes the
    algorithm without a version bump must not read older answers)."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(__version__.encode())
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return f"{stage}:{digest.hexdigest()[:16]}"


def package_versions(*packages: str) -> dict[str, str]:
    """Installed versions of the packages behind a stage ("-" if absent), for its kind."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in packages:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "-"
    return found


def key_of(text: str, context: str = "") -> str:
    """Key of a text; ``context`` holds what else the answer depends on (e.g. its language)."""
    return hashlib.sha256(f"{context}\x00{text}".encode()).hexdigest()[:32]


def memoised(
    cache: TextCache | None,
    kind: str,
    keys: Sequence[str],
    compute: Callable[[list[int]], list[Any]],
) -> list[Any]:
    """One answer per key: cached ones read back, the rest computed once per distinct key.

    ``compute`` gets the row positions of the keys to compute (the first row of each distinct
    new key) and returns their answers in that order; answers must be JSON values.
    """
    if cache is None:
        return compute(list(range(len(keys))))
    distinct = list(dict.fromkeys(keys))
    found = cache.get_many(kind, distinct)
    missing = [key for key in distinct if key not in found]
    if missing:
        first_row: dict[str, int] = {}
        for row, key in enumerate(keys):
            first_row.setdefault(key, row)
        answers = compute([first_row[key] for key in missing])
        new = list(zip(missing, answers, strict=True))
        cache.put_many(kind, new)
        found.update(new)
    return [found[key] for key in keys]

"""Reading settings files (config, codebook, edits): YAML in, a validated model out, and
errors that name the file and every offending key."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from textmine.errors import ConfigError

M = TypeVar("M", bound=BaseModel)


def _describe(exc: ValidationError, source: str, what: str = "configuration") -> str:
    lines = [f"{source}: invalid {what}"]
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        lines.append(f"  {where}: {err['msg']}")
    return "\n".join(lines)


def read_yaml(path: str | Path, what: str) -> Any:
    """The parsed YAML (or JSON) in ``path``; a ConfigError naming the file if unreadable."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read {what}: {exc}") from exc


def validate_as(model: type[M], data: Any, source: str | Path, what: str) -> M:
    """``model.model_validate(data)``, with errors listed per offending key under ``source``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, str(source), what)) from exc

"""Flagging thresholds per category: the packaged thresholds.toml, overridden by the caller's settings."""

import tomllib
from collections.abc import Mapping
from importlib.resources import files

from contracts.risk import Category


class InvalidThresholdError(ValueError):
    """Raised when a threshold is missing, names no category, or lies outside 0..1."""


def load_thresholds(overrides: Mapping[Category, float] | None = None) -> dict[Category, float]:
    packaged = tomllib.loads(files(__package__).joinpath("thresholds.toml").read_text(encoding="utf-8"))
    thresholds = {}
    for name, value in {**packaged, **{str(k): v for k, v in (overrides or {}).items()}}.items():
        try:
            category = Category(name)
        except ValueError:
            raise InvalidThresholdError(
                f"threshold for unknown category {name!r}; expected one of {[c.value for c in Category]}"
            ) from None
        if not 0.0 <= float(value) <= 1.0:
            raise InvalidThresholdError(f"threshold for {name} is {value}; expected a number from 0 to 1")
        thresholds[category] = float(value)

    missing = set(Category) - thresholds.keys()
    if missing:
        raise InvalidThresholdError(f"thresholds.toml lacks categories {sorted(missing)}")
    return thresholds

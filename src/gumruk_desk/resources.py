"""Locating the shipped data files (rule sets, fonts, form layouts) and loading rule sets.

Works from a source checkout (``resources/`` at the repository root), from an installed wheel
(files copied under ``gumruk_desk/_data``) and from a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from gumruk_desk.domain.rules import RuleSet, RuleSetError, parse_ruleset_text
from gumruk_desk.domain.tolerance import RevaluationTable, parse_revaluation_rates

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_root() -> Path:
    """The folder that holds ``resources/`` and ``forms/``."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle))
    candidates += [_PACKAGE_DIR / "_data", _PACKAGE_DIR.parents[1]]
    for root in candidates:
        if (root / "resources").is_dir():
            return root
    raise FileNotFoundError("Uygulama veri klasörü (resources/) bulunamadı; kurulum eksik.")


def resource_path(*parts: str) -> Path:
    return data_root().joinpath("resources", *parts)


def load_ruleset_file(path: Path) -> RuleSet:
    """Load one rule-set file; a bad file raises :class:`RuleSetError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleSetError(f"Kural seti dosyası okunamadı ({path.name}): {exc}") from None
    try:
        return parse_ruleset_text(text)
    except RuleSetError as exc:
        raise RuleSetError(f"{path.name}: {exc}") from None


@lru_cache(maxsize=1)
def shipped_rulesets() -> tuple[RuleSet, ...]:
    """The rule sets shipped in ``resources/rulesets`` (every ``*.json`` file there)."""
    folder = resource_path("rulesets")
    return tuple(load_ruleset_file(p) for p in sorted(folder.glob("*.json")))


@lru_cache(maxsize=1)
def revaluation_rates() -> RevaluationTable:
    """The yeniden değerleme oranları shipped with their sources (the tolerance proposal)."""
    return parse_revaluation_rates(
        resource_path("revaluation_rates.json").read_text(encoding="utf-8")
    )

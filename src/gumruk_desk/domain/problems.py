"""Problems found in an input: a field path and a Turkish message, all reported at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str  # e.g. "person.birth_date", "detected[1].amount"; "" for the whole record
    message: str  # Turkish, for the officer

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidRecord(ValueError):
    """Raised with every problem of an input at once; nothing was stored."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, message: str) -> InvalidRecord:
        return cls([Problem(path, message)])

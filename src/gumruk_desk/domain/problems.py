"""Problems found in an input: a field path and a Turkish message, all reported at once.

Every error about what someone typed or sent — a record, the station's settings, an officer's
account, a manual rate — is an :class:`InputError` carrying its problems with their paths, so
that a window shows each message under the field the path names and a command line prints
them, without either reading the wording."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str  # e.g. "person.birth_date", "detected[1].amount"; "" for the whole input
    message: str  # Turkish, for the officer

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(ValueError):
    """Raised with every problem of an input at once; nothing was stored.

    ``InputError("message", path)`` for a single problem; ``str(e)`` is the messages, one
    sentence after another."""

    def __init__(self, problems: Iterable[Problem] | str, path: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(path, problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        return " ".join(p.message for p in self.problems)

    @classmethod
    def single(cls, path: str, message: str) -> InputError:
        return cls([Problem(path, message)])

    def by_field(self, fields: Container[str], fallback: str = "") -> dict[str, list[str]]:
        """The messages by the field they belong to: a problem whose path is not one of
        ``fields`` goes to ``fallback`` (the form's general message)."""
        found: dict[str, list[str]] = {}
        for problem in self.problems:
            key = problem.path if problem.path in fields else fallback
            found.setdefault(key, []).append(problem.message)
        return found


class InvalidRecord(InputError):
    """A record's input that cannot be registered; ``str(e)`` names each path."""

    def _text(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, path: str, message: str) -> InvalidRecord:
        return cls([Problem(path, message)])


class EvaluationError(InvalidRecord):
    """The computation cannot be made (e.g. no rate for a currency); nothing is stored."""


class MrzError(InputError):
    """The MRZ cannot be read or fails a check; ``str(e)`` tells the officer what and where."""


class MoneyError(InputError):
    """An amount that cannot be money."""


class RatesError(InputError):
    """A bulletin or rate that cannot be used; for a rate typed by hand the problem's path
    is ``currency`` or ``rate``."""


class RuleSetError(InputError):
    """A rule-set document that cannot be used; the message names the key."""

"""Every error the desk reports to a person, in one place.

Callers catch these by class, never by their wording; an error about what someone typed is
an :class:`InputError` whose problems carry the paths of their fields (see
``domain/problems.py``). The register raises them, the services re-export them, and the
window and the command line import them from the services. Only the standard library and
the domain here: the fast paths of the command line import this module too."""

from __future__ import annotations

from gumruk_desk.domain.problems import (
    EvaluationError as EvaluationError,
    InputError as InputError,
    InvalidRecord as InvalidRecord,
    MoneyError as MoneyError,
    MrzError as MrzError,
    Problem as Problem,
    RatesError as RatesError,
    RuleSetError as RuleSetError,
)


class RegisterError(RuntimeError):
    """An operational failure of the register (cannot open, busy, damaged, disk full);
    ``str(e)`` is Turkish and says what to do."""


class KeyUnavailable(RegisterError):
    """The register's key is not at hand (no keyring entry, a wrong passphrase or recovery
    key): nothing was opened and nothing changed."""


class PassphraseNeeded(KeyUnavailable):
    """The register's key is protected by the station passphrase, which was not given yet."""


class PassphraseTooShort(KeyUnavailable):
    """A station passphrase being set is shorter than the register accepts."""


class AuthError(PermissionError):
    """Wrong password, unknown officer or locked account; ``str(e)`` is Turkish."""


class OfficerError(InputError):
    """Invalid officer data or a change the account does not allow, each problem with the
    field it is about (``sicil``, ``name``, ``title``, ``password``, ``reason``; "" for the
    account as a whole)."""


class StationError(InputError):
    """Invalid station settings, each problem with the field it is about (``office_code``,
    ``office_name``, ``desk``, ``customs_area``, ``central_url``, ``rate_column``)."""


class SettingError(InputError):
    """An unacceptable setting value."""


class PaperError(InputError):
    """A paper-fallback action that may not be taken."""


class LedgerError(InputError):
    """A ledger action that may not be taken; nothing was written."""


class CancellationError(InputError):
    """A cancellation that may not be made; nothing was written."""


class DraftError(InputError):
    """A draft that cannot be saved."""


class FilterError(InputError):
    """A filter of the register's table that cannot be applied."""

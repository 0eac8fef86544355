"""Typed errors raised by the core; only the CLI and HTTP layers turn them into exit codes or statuses.

Every error carries a message meant for a person: which file (and line, or record id) and what was
expected. The CLI prints ``error: <message>`` on stderr and exits with :attr:`RegkgError.exit_code`.
"""

__all__ = ["RegkgError", "InputError", "NotFoundError", "QueryError", "StoreError"]


class RegkgError(Exception):
    """Base class of every error regkg reports to a user instead of a traceback."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(RegkgError):
    """Bad input: a malformed file, an unknown field or reference, an impossible date, a bad argument."""


class NotFoundError(RegkgError):
    """A name, id or saved query that does not exist; the message lists the closest matches."""

    http_status = 404


class QueryError(RegkgError):
    """A SPARQL query that cannot be run: syntax error (with line and column), refused form or feature."""


class StoreError(RegkgError):
    """The stored graph is missing, unreadable or locked."""

    http_status = 503

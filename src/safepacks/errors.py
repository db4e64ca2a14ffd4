"""The one exception root the CLI catches: a user's mistake, told as a message, never a traceback."""

from __future__ import annotations


class SafepacksError(Exception):
    """Something the person running safepacks can fix; the message says how."""

    exit_code = 1


class UsageError(SafepacksError):
    """The command itself was given something it cannot use (a missing path, an unknown option)."""

    exit_code = 2

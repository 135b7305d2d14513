"""The CLI's one error type (kept in a module of its own so every command module can raise it cheaply)."""

from __future__ import annotations


class UserError(Exception):
    """An error whose message is shown to the user as is (one line)."""

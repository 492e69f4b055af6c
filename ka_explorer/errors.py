"""The base of every error that reaches the user as a message."""

from __future__ import annotations


class KaExplorerError(Exception):
    """An error whose text is fit to show the user as it is.

    The text says what failed, on which value, and what to do next, in one
    line. Each layer raises its own subclass; the command line and the window
    show the text and never a traceback.
    """

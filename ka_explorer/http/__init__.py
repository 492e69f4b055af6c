"""One HTTP exchange: build, sign, send, stream with progress and cancel, time
the phases, parse the body; plus history, HAR export and curl commands."""

from ka_explorer.http.errors import KINDS, ExchangeError
from ka_explorer.http.exchange import Exchange
from ka_explorer.http.export import SaveError, save_body, save_har, to_curl, to_har
from ka_explorer.http.history import (
    History,
    HistoryEntry,
    HistoryFileError,
    HistoryFolderError,
)
from ka_explorer.http.sending import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_TIMEOUT,
    Client,
    default_client,
    send,
)
from ka_explorer.http.spec import RequestSpec, SentRequest
from ka_explorer.http.timing import Timings

__all__ = [
    "DEFAULT_MAX_BODY_BYTES", "DEFAULT_TIMEOUT", "KINDS", "Client", "Exchange",
    "ExchangeError", "History", "HistoryEntry", "HistoryFileError",
    "HistoryFolderError", "RequestSpec",
    "SaveError",
    "SentRequest", "Timings", "default_client", "save_body", "save_har", "send",
    "to_curl", "to_har",
]

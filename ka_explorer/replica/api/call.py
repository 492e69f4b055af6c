"""One API call as handlers see it, and the registry of handlers by endpoint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from ka_explorer.catalog import Catalog, Endpoint
from ka_explorer.replica.dataset import Dataset
from ka_explorer.replica.dataset.users import Account
from ka_explorer.replica.oauth.store import AccessToken
from ka_explorer.replica.render import Style


@dataclass
class Call:
    """The matched endpoint, its parameters and who is calling."""

    endpoint: Endpoint
    path: dict[str, str]
    args: MultiDict[str, str]
    form: MultiDict[str, str]
    style: Style
    dataset: Dataset
    catalog: Catalog
    token: AccessToken | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.style.lang

    @property
    def user(self) -> Account | None:
        """The account the access token acts for, if any."""
        if self.token is None:
            return None
        return self.dataset.accounts.get(self.token.username)


Handler = Callable[[Call], Any]
HANDLERS: dict[str, Handler] = {}


def handles(method: str, url: str) -> Callable[[Handler], Handler]:
    """Register a handler for the catalog endpoint `METHOD url`."""

    def register(handler: Handler) -> Handler:
        HANDLERS[f"{method} {url}"] = handler
        return handler

    return register

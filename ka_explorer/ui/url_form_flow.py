"""Slots that keep the request bar, the form and the endpoint tree in step."""

from __future__ import annotations

from ka_explorer.ui import url_sync
from ka_explorer.ui.badges import removal_badge


class UrlFormTools:
    """Expects `self.window`, `self.today`, `self.endpoint`, `self.exchange`,
    `self._shown_endpoint`, `self._method_by_hand`, `self._preferred_method`,
    `self._method_from_catalog` and `self.on_send_requested`.
    """

    def on_endpoint_activated(self, endpoint) -> None:
        bar, form = self.window.request_bar, self.window.param_form
        self.endpoint = endpoint
        values = url_sync.example_values(endpoint)
        required = {a.name for a in endpoint.arguments if a.required or a.part_of_url}
        values = {k: v for k, v in values.items() if k in required}
        bar.set_method(endpoint.http_method)
        self._preferred_method = endpoint.http_method
        self._method_from_catalog = True
        form.on_endpoint_changed(endpoint, values)
        bar.set_url_text(url_sync.compose_url(endpoint, form.values()))
        self.show_removal_badge()

    def on_endpoint_send_requested(self, endpoint) -> None:
        """Send an endpoint picked with Enter or a double-click in the tree.

        The form keeps its values when the endpoint is already the current one.
        """
        if endpoint is not self.endpoint:
            self.on_endpoint_activated(endpoint)
        self.on_send_requested()

    def on_url_edited(self, text: str) -> None:
        self._follow_catalog_method(text)
        parsed = url_sync.parse_url(
            text, self.window.catalog, self.window.request_bar.method()
        )
        if parsed.endpoint is not self.endpoint:
            self.endpoint = parsed.endpoint
            self.window.param_form.on_endpoint_changed(parsed.endpoint, {})
            self.window.endpoint_panel.select_endpoint(parsed.endpoint)
            self.show_removal_badge()
        self.window.param_form.set_values(url_sync.form_values(parsed))

    def removal_day(self):
        """Return the day removals count against for the current profile."""
        return self.window.session.removal_day(self.today)

    def show_removal_badge(self) -> None:
        """Show the removal badge of the response's endpoint as of the profile's day.

        Before the first response, the badge previews the selected endpoint.
        """
        endpoint = self._shown_endpoint if self.exchange is not None else self.endpoint
        badge = removal_badge(endpoint, self.removal_day()) if endpoint else None
        self.window.response_pane.set_removal_badge(badge)

    def on_method_changed(self, method: str) -> None:
        """Keep a method picked by hand for this path, and update the form."""
        text = self.window.request_bar.url_text()
        self._method_by_hand = (url_sync.url_path(text), method)
        self._preferred_method = method
        self._method_from_catalog = False
        self.on_url_edited(text)

    def _follow_catalog_method(self, text: str) -> None:
        """Set the method to the catalog's for the path of `text`.

        Not while the method was picked by hand for the same path. A path
        that no catalog endpoint matches gets GET back, unless the user
        picked the method by hand.
        """
        bar = self.window.request_bar
        path = url_sync.url_path(text)
        if self._method_by_hand == (path, bar.method()):
            return
        preferred = self._preferred_method or bar.method()
        method = url_sync.catalog_method(text, self.window.catalog, preferred)
        if method is None and path and self._method_from_catalog:
            method = "GET"
        if method is not None and method != bar.method():
            bar.set_method(method)
            self._method_from_catalog = True

    def on_form_values_changed(self, values: dict) -> None:
        """Rewrite the URL from the form, keeping query keys the form lacks."""
        bar = self.window.request_bar
        text = bar.url_text()
        parsed = url_sync.parse_url(text, None, bar.method())
        owned = self.window.param_form.owned_names()
        extra = {k: v for k, v in parsed.query if k not in owned}
        merged = {**values, **extra}
        if self.endpoint is None:
            path = url_sync.url_path(text)
            url = url_sync.compose_path_url(path, merged, parsed.origin)
        else:
            url = url_sync.compose_url(self.endpoint, merged, parsed.origin)
        bar.set_url_text(url)

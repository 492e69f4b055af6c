"""Window fixtures for the UI unit tests: the same as the window tests use."""

from tests.gui.conftest import (  # noqa: F401 - fixtures, found by name
    local_server,
    make_window,
)
from tests.window_fixtures import (  # noqa: F401 - fixtures, found by name
    _cancel_watch_thread,
    _checked_window_test,
)

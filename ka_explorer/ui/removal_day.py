"""The day that removal badges count against, apart from the profile session,
so that the first frame of the window can show the badges without loading
the OAuth layer."""

from __future__ import annotations

import dataclasses
from datetime import date


@dataclasses.dataclass(frozen=True)
class RemovalDay:
    """The day that removal badges and 404 messages count against, and its source.

    `khan_server` is False for a profile whose server is neither the replica
    nor Khan Academy's site. Khan's removal dates do not apply to it, so it
    gets no removal badges.
    """

    day: date
    from_replica: bool = False
    khan_server: bool = True

    def describe(self) -> str:
        """Return the day with its source, for tooltips and messages."""
        if self.from_replica:
            return f"{self.day.isoformat()}, the replica's date (--as-of)"
        return f"{self.day.isoformat()}, today"

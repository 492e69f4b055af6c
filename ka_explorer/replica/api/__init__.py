"""The `/api/v1` routes of the replica."""

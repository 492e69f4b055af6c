"""The OAuth 1.0a provider of the replica, as Khan Academy ran it."""

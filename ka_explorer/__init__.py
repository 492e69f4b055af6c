"""KA Explorer: a desktop explorer for OAuth 1.0a APIs, starting with Khan Academy API v1."""

__version__ = "0.1.0"

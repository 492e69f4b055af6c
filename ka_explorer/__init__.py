"""KA Explorer: a desktop explorer for OAuth 1.0a APIs, Khan Academy API v1 first."""

__version__ = "0.1.0"

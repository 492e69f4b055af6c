"""The endpoint catalog: groups, methods, path templates, arguments, removal dates.

The bundled Khan Academy API v1 catalog lives in `resources/catalogs/khan-v1.json`;
`Catalog.from_descriptions` reads the same shape from a server that publishes
Khan's `/api/v1/v1_api_descriptions`.
"""

from ka_explorer.catalog.loading import load_catalog
from ka_explorer.catalog.model import (
    OPEN_ACCESS,
    Argument,
    Catalog,
    CatalogError,
    Endpoint,
    Match,
    RemovalStatus,
)

__all__ = [
    "OPEN_ACCESS",
    "Argument",
    "Catalog",
    "CatalogError",
    "Endpoint",
    "Match",
    "RemovalStatus",
    "load_catalog",
]

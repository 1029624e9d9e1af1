"""Places: what a 4-digit postcode says about where a customer lives."""

from __future__ import annotations

from dataclasses import dataclass

from klantreis.core.common import GeoPoint
from klantreis.core.customer import SchoolRegion

_PROVINCE_REGION = {
    "Groningen": SchoolRegion.NOORD,
    "Friesland": SchoolRegion.NOORD,
    "Fryslân": SchoolRegion.NOORD,
    "Drenthe": SchoolRegion.NOORD,
    "Overijssel": SchoolRegion.NOORD,
    "Noord-Holland": SchoolRegion.NOORD,
    "Flevoland": SchoolRegion.NOORD,
    "Zuid-Holland": SchoolRegion.MIDDEN,
    "Utrecht": SchoolRegion.MIDDEN,
    "Gelderland": SchoolRegion.MIDDEN,
    "Zeeland": SchoolRegion.ZUID,
    "Limburg": SchoolRegion.ZUID,
    "Noord-Brabant": SchoolRegion.ZUID,
}
# Municipalities that OCW places outside their province's region (pre-2019 names, as in pc4.csv).
_MUNICIPALITY_REGION = {
    "Hattem": SchoolRegion.NOORD,
    "Eemnes": SchoolRegion.NOORD,
    "Zeewolde": SchoolRegion.MIDDEN,
    "Aalburg": SchoolRegion.MIDDEN,
    "Werkendam": SchoolRegion.MIDDEN,
    "Woudrichem": SchoolRegion.MIDDEN,
    **{
        name: SchoolRegion.ZUID
        for name in (
            "Arnhem",
            "Nijmegen",
            "Rheden",
            "Rozendaal",
            "Renkum",
            "Overbetuwe",
            "Lingewaard",
            "Duiven",
            "Westervoort",
            "Zevenaar",
            "Rijnwaarden",
            "Groesbeek",
            "Millingen aan de Rijn",
            "Ubbergen",
            "Beuningen",
            "Druten",
            "Heumen",
            "Wijchen",
            "West Maas en Waal",
        )
    },
}


@dataclass(frozen=True, slots=True)
class Place:
    pc4: str
    town: str
    municipality: str
    province: str
    centroid: GeoPoint
    deliverable: bool  # False for PO-box-only postcodes

    @property
    def school_region(self) -> SchoolRegion:
        return _MUNICIPALITY_REGION.get(
            self.municipality, _PROVINCE_REGION.get(self.province, SchoolRegion.MIDDEN)
        )


@dataclass(frozen=True, slots=True)
class AreaDemand:
    """How many customers (or contracts) live in one PC4 area, and where its middle is."""

    pc4: str
    centroid: GeoPoint
    weight: float

"""A small in-memory gazetteer of realistic places for fast tests (no index build)."""

from __future__ import annotations

from eventledger.gazetteer import MemoryGazetteer, Place


def place(key: str, name: str, lat: float, lon: float, cc: str, feature: str = "city", pop: int = 0,
          admin1: str | None = None, source: str = "geonames") -> Place:
    return Place(key, name, lat, lon, cc, feature, admin1=admin1, population=pop, source=source)


PLACES: list[tuple[Place, list[str]]] = [
    (place("cc:PK", "Pakistan", 30.0, 70.0, "PK", "country", 212_000_000), []),
    (place("cc:AF", "Afghanistan", 33.0, 66.0, "AF", "country", 37_000_000), []),
    (place("cc:US", "United States", 39.76, -98.5, "US", "country", 327_000_000), ["U.S.", "USA"]),
    (place("cc:GB", "United Kingdom", 54.0, -2.0, "GB", "country", 66_000_000), ["UK", "Britain"]),
    (place("adm:PK:Balochistan", "Balochistan", 28.49, 65.10, "PK", "admin1", 0, "Balochistan", "curated"),
     ["Baluchistan"]),
    (place("adm:PK:Kech", "Kech", 26.00, 63.05, "PK", "admin2", 0, "Balochistan", "curated"),
     ["Turbat District"]),
    (place("adm:PK:Chagai", "Chagai", 28.89, 64.41, "PK", "admin2", 0, "Balochistan", "curated"), ["Chaghi"]),
    (place("adm:PK:Reko Diq", "Reko Diq", 29.13, 62.23, "PK", "site", 0, "Balochistan", "curated"), []),
    (place("adm:PK:Makran", "Makran", 26.0, 63.5, "PK", "region", 0, None, "curated"), []),
    (place("gn:1", "Turbat", 26.00, 63.05, "PK", "city", 75_694, "Balochistan"), []),
    (place("gn:2", "Quetta", 30.18, 67.00, "PK", "city", 1_565_546, "Balochistan"), ["Shalkot"]),
    (place("adm:PK:Quetta", "Quetta", 30.18, 67.00, "PK", "admin2", 0, "Balochistan", "curated"), []),
    (place("gn:3", "Gwadar", 25.12, 62.33, "PK", "city", 70_852, "Balochistan"), []),
    (place("gn:4", "Chagai", 52.0, 6.0, "NL", "city", 40, "Gelderland"), []),
    (place("gn:5", "Qal'ah-ye Now", 34.99, 63.13, "AF", "city", 9_000, "Badghis"), ["Qala i Naw"]),
    (place("a1:AF:Badghis", "Badghis", 35.15, 63.75, "AF", "admin1", 0, "Badghis"), []),
    (place("gn:6", "Kandahar", 31.61, 65.71, "AF", "city", 391_190, "Kandahar"), []),
    (place("a1:AF:Kandahar", "Kandahar", 31.10, 65.60, "AF", "admin1", 0, "Kandahar"), []),
    (place("gn:7", "Alexandria", 31.31, -92.45, "US", "city", 47_723, "Louisiana"), []),
    (place("gn:8", "Alexandria", 31.20, 29.92, "EG", "city", 3_811_516, "Alexandria"), []),
    (place("a2:US:Louisiana:Rapides Parish", "Rapides Parish", 31.17, -92.48, "US", "admin2", 130_000,
           "Louisiana"),
     ["Rapides"]),
    (place("a1:US:Louisiana", "Louisiana", 31.0, -92.0, "US", "admin1", 4_600_000, "Louisiana"), []),
    (place("gn:9", "March", 52.55, 0.09, "GB", "city", 21_051, "England"), []),
    (place("gn:10", "Anderson", 34.50, -82.65, "US", "city", 27_000, "South Carolina"), []),
    (place("gn:11", "Kabul", 34.53, 69.17, "AF", "city", 3_043_532, "Kabul"), []),
]

DEMONYMS = {"Pakistani": "PK", "Pakistanis": "PK", "Afghan": "AF", "American": "US"}
NEIGHBOURS = {"PK": ("AF", "IN", "IR", "CN"), "AF": ("PK", "IR", "TM")}


def memory_gazetteer() -> MemoryGazetteer:
    return MemoryGazetteer(PLACES, DEMONYMS, NEIGHBOURS)

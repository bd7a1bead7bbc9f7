from __future__ import annotations

from eventledger.gazetteer import Place
from eventledger.gazetteer.cohesion import cohesion


def town(name: str, lat: float, lon: float, cc: str = "US", feature: str = "city") -> Place:
    return Place(f"t:{name}:{lat}", name, lat, lon, cc, feature)


def test_the_readings_that_lie_together_cohere() -> None:
    paris = [town("Paris", 48.85, 2.35, "FR"), town("Paris", 33.66, -95.56), town("Paris", 36.30, -88.33)]
    henry = [town("Henry County", 36.73, -79.87, feature="admin2"),
             town("Henry County", 36.33, -88.30, feature="admin2")]
    values = cohesion([paris, henry], scale_km=150.0)
    assert max(range(3), key=lambda i: values[0][i]) == 2  # Paris, Tennessee
    assert max(range(2), key=lambda i: values[1][i]) == 1  # Henry County, Tennessee
    assert values[0][0] < 0.01


def test_a_single_name_or_countries_give_nothing() -> None:
    assert cohesion([[town("Quetta", 30.18, 67.0, "PK")]], 150.0) == [[0.0]]
    country = Place("cc:PK", "Pakistan", 30.0, 70.0, "PK", "country")
    assert cohesion([[country], [town("Quetta", 30.18, 67.0, "PK")]], 150.0) == [[0.0], [0.0]]

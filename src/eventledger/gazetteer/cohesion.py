"""Cohesion: how close a reading of one name lies to *some* reading of each other name.

"Paris" and "Henry County" are both ambiguous, but only one Paris is the seat of one Henry
County; scoring every reading by its closeness to the nearest reading of every other name
finds such pairs without first committing to either. Vectorised with numpy (a few hundred
readings per article), so the cost stays at a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from eventledger.gazetteer.place import Place

EARTH_KM = 6371.0
MAX_READINGS = 12  # per name, best prior first: bounds the matrix


def cohesion(readings: Sequence[Sequence[Place]], scale_km: float) -> list[list[float]]:
    """For each name's readings, the mean over the *other* names of exp(-d / scale_km) to their
    nearest reading (0..1). Countries and continents neither give nor get cohesion."""
    flat: list[tuple[int, Place]] = [(g, p) for g, ps in enumerate(readings) for p in ps[:MAX_READINGS]
                                     if p.feature not in ("country", "region")]
    out = [[0.0] * len(ps) for ps in readings]
    groups = {g for g, _ in flat}
    if len(groups) < 2:
        return out
    lat = np.radians([p.lat for _, p in flat])
    lon = np.radians([p.lon for _, p in flat])
    dlat = lat[:, None] - lat[None, :]
    dlon = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    close = np.exp(-EARTH_KM * np.hypot(dlat, dlon) / scale_km)
    index = np.array([g for g, _ in flat])
    best = np.zeros((len(flat), len(readings)))
    for g in groups:
        best[:, g] = close[:, index == g].max(axis=1)
    for row, (g, p) in enumerate(flat):
        others = [h for h in groups if h != g]
        value = float(best[row, others].mean())
        position = list(readings[g]).index(p)
        out[g][position] = value
    return out

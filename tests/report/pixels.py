"""Checks on rendered PNGs: not blank, and showing a given colour (a marker of an event type)."""

from __future__ import annotations

import io

import numpy as np
from numpy.typing import NDArray
from PIL import Image


def rgb(png: bytes) -> NDArray[np.int16]:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


def variance(png: bytes) -> float:
    return float(rgb(png).var())


def pixels_near(png: bytes, colour: str, tolerance: int = 40) -> int:
    """How many pixels lie within ``tolerance`` (per channel) of ``#rrggbb``."""
    target = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    return int((np.abs(rgb(png) - target).max(axis=2) <= tolerance).sum())

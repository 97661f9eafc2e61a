"""Project the countries of Eurasia and around it once, for the SCO map.

    cd assets && npm ci && cd .. && python assets/build_map.py

Reads Natural Earth's 1:50m countries (public domain) as TopoJSON from the
npm package world-atlas, projects them with a Lambert azimuthal equal-area
projection centred on Central Asia, simplifies each shared border once
(Douglas-Peucker on the arcs, so that neighbours keep one border), clips
them to the frame and writes records/data/map.json: the frame's size and,
per country, its ISO 3166-1 alpha-3 code (from i18n-iso-countries; none for
a few territories), its name, its SVG path data, where a flag fits inside it
and, for states too small to see, a point for a marker. records/map.py reads
the file once per process. Borders are Natural Earth's de facto boundaries.
"""

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "assets" / "node_modules"
TOPOLOGY = PACKAGES / "world-atlas" / "countries-50m.json"
COUNTRY_CODES = PACKAGES / "i18n-iso-countries" / "codes.json"
OUTPUT = ROOT / "records" / "data" / "map.json"

# Projection centre (degrees) and the frame, in projected units before scaling.
CENTRE_LON, CENTRE_LAT = 72.0, 38.0
WIDTH = 1000  # the SVG's viewBox width; its height follows from the frame
FRAME = {"west": -0.88, "east": 1.3, "north": 0.95, "south": -0.62}
TOLERANCE = 0.7  # simplification, in viewBox units
MIN_RING_AREA = 1.5  # rings smaller than this (square viewBox units) are left out
MARKER_AREA = 60.0  # states smaller than this get a marker too
FLAG_RADIUS = 9.0  # a flag is drawn where a circle this big fits inside the state


def project(lon, lat):
    """Lambert azimuthal equal-area on the unit sphere; None on the far side."""
    lam, phi = math.radians(lon - CENTRE_LON), math.radians(lat)
    phi0 = math.radians(CENTRE_LAT)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    if cos_c < -0.2:
        return None
    k = math.sqrt(2 / (1 + cos_c))
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, y


def decode_arcs(topology):
    """The arcs in longitude and latitude (TopoJSON quantized, delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def to_frame(arc, scale):
    """An arc projected into viewBox units (y down), or None if it is off the visible side."""
    points = []
    for lon, lat in arc:
        projected = project(lon, lat)
        if projected is None:
            return None
        x, y = projected
        points.append(((x - FRAME["west"]) * scale, (FRAME["north"] - y) * scale))
    return points


def simplify(points, tolerance):
    """Douglas-Peucker, keeping both ends (shared with the neighbouring arcs)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if length else math.hypot(px - x1, py - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index if index >= 0 else ~index]
        if arc is None:
            return None
        if index < 0:
            arc = arc[::-1]
        points.extend(arc if not points else arc[1:])
    return points


def clip(ring, width, height):
    """Sutherland-Hodgman against the frame."""
    edges = [
        (lambda p: p[0] >= 0, lambda a, b: cross_x(a, b, 0)),
        (lambda p: p[0] <= width, lambda a, b: cross_x(a, b, width)),
        (lambda p: p[1] >= 0, lambda a, b: cross_y(a, b, 0)),
        (lambda p: p[1] <= height, lambda a, b: cross_y(a, b, height)),
    ]
    for inside, intersect in edges:
        if not ring:
            break
        result = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    result.append(intersect(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(intersect(previous, point))
            previous = point
        ring = result
    return ring


def cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def contains(ring, x, y):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def distance_to_edges(ring, x, y):
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if not (dx or dy) else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
    return best


def inner_point(ring, steps=24):
    """The point of a grid over the ring farthest from its edges, and that distance."""
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    best = (sum(xs) / len(xs), sum(ys) / len(ys)), 0.0
    for i in range(1, steps):
        for j in range(1, steps):
            x = min(xs) + (max(xs) - min(xs)) * i / steps
            y = min(ys) + (max(ys) - min(ys)) * j / steps
            if contains(ring, x, y):
                distance = distance_to_edges(ring, x, y)
                if distance > best[1]:
                    best = (x, y), distance
    return best


def path_data(rings):
    """SVG path data in tenths of a unit: an absolute move, then relative lines."""
    parts = []
    for ring in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
        tenths = [point for point, following in zip(tenths, tenths[1:] + tenths[:1], strict=True) if point != following]
        if len(tenths) < 3:
            continue
        (x0, y0), steps = tenths[0], []
        previous = tenths[0]
        for x, y in tenths[1:]:
            steps.append(f"{number(x - previous[0])} {number(y - previous[1])}")
            previous = (x, y)
        parts.append(f"M{number(x0)} {number(y0)}l{' '.join(steps)}z")
    return "".join(parts)


def number(tenths):
    """A coordinate in tenths as the shortest decimal: 12 -> "1.2", -3 -> "-.3", 40 -> "4"."""
    sign, tenths = ("-" if tenths < 0 else ""), abs(tenths)
    whole, tenth = divmod(tenths, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def geometry_rings(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def build():
    if not TOPOLOGY.is_file() or not COUNTRY_CODES.is_file():
        sys.exit("Install the packages first: cd assets && npm ci")
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    alpha3 = {numeric: code for _, code, numeric, *_ in json.loads(COUNTRY_CODES.read_text(encoding="utf-8"))}
    scale = WIDTH / (FRAME["east"] - FRAME["west"])
    height = round((FRAME["north"] - FRAME["south"]) * scale)
    raw = [to_frame(arc, scale) for arc in decode_arcs(topology)]
    simplified = [simplify(arc, TOLERANCE) if arc else None for arc in raw]

    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings, full_rings = [], []
        for polygon in geometry_rings(geometry):
            for ring in polygon:
                points, full = ring_points(ring, simplified), ring_points(ring, raw)
                if points is None:
                    continue
                clipped, clipped_full = clip(points, WIDTH, height), clip(full, WIDTH, height)
                if clipped_full:
                    full_rings.append(clipped_full)
                if len(clipped) >= 3 and abs(area(clipped)) >= MIN_RING_AREA:
                    rings.append(clipped)
        if not full_rings:
            continue
        largest = max(full_rings, key=lambda ring: abs(area(ring)))
        total_area = sum(abs(area(ring)) for ring in full_rings)
        (cx, cy), radius = inner_point(largest)
        centre = [round(cx, 1), round(cy, 1)]
        countries.append(
            {
                "iso": alpha3.get(geometry.get("id")),
                "name": geometry["properties"]["name"],
                "d": path_data(rings),
                "flag_at": centre if radius >= FLAG_RADIUS else None,
                "marker_at": centre if total_area < MARKER_AREA or not rings else None,
            }
        )
    countries.sort(key=lambda country: country["name"])
    data = {
        "source": "Natural Earth 1:50m countries (public domain), from world-atlas 2.0.2; assets/build_map.py",
        "width": WIDTH,
        "height": height,
        "countries": countries,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    size = OUTPUT.stat().st_size
    print(f"{len(countries)} countries, {WIDTH}x{height}, {size // 1024} KB in {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    build()

#!/usr/bin/env python3
"""Writes data/sweden-outline.json from ../shared/data/: where Sweden is, for
`vardval units check` and `vardval units import` (the command only; the
WebAssembly module keeps its bounding box).

    python3 scripts/sweden_outline.py           # write data/sweden-outline.json
    python3 scripts/sweden_outline.py --check   # exit 1 when it is out of date

The file holds
  regions  the 21 regions' borders from regions.geojson (SCB, already generalised
           to about 250 points a region, coordinates to 4 decimals; outer rings
           only, since the holes are lakes), each as
           [code, name, short name, [ring, ...]], a ring as a flat list
           lon, lat, lon, lat, ... (not closed: the last point joins the first)
  islands  the postal-town points of postal_codes_se.csv that lie outside every
           region's border: islands and skerries the generalised borders leave
           out (Styrsö, Holmön, Ven), as [lat, lon, place]

The rule the command applies (docs/units.md): a position is in Sweden when it
is inside a region's border, within 2 km of one, or within 3 km of an island
point.
"""
import csv, json, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "data" / "sweden-outline.json"


def rings_of(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        # The outer ring only: the holes are lakes (Siljan, Storsjön,
        # Hornavan), which are in Sweden all the same.
        points = [(round(lon, 4), round(lat, 4)) for lon, lat in polygon[0]]
        if points[0] == points[-1]:
            points.pop()
        yield points


def inside(rings, lat, lon):
    """Even-odd rule over a region's rings."""
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and x1 + (lat - y1) * (x2 - x1) / (y2 - y1) > lon:
                crossings += 1
    return crossings % 2 == 1


def build():
    names = {r["county_code"]: r for r in csv.DictReader(open(SHARED / "regions.csv", encoding="utf-8"))}
    features = json.load(open(SHARED / "regions.geojson", encoding="utf-8"))["features"]
    regions = []
    for feature in sorted(features, key=lambda f: f["properties"]["county_code"]):
        code = feature["properties"]["county_code"]
        regions.append((code, names[code]["county_name"], names[code]["county_name_short"], list(rings_of(feature["geometry"]))))
    assert len(regions) == 21, len(regions)

    points = {}
    for row in csv.DictReader(open(SHARED / "postal_codes_se.csv", encoding="utf-8")):
        key = (float(row["lat"]), float(row["lon"]))
        points.setdefault(key, []).append(row["place_name"])
    islands = []
    for (lat, lon), places in sorted(points.items()):
        if not any(inside(rings, lat, lon) for _, _, _, rings in regions):
            # The name most of its postal codes give, in mixed case where there is one.
            place = max(set(places), key=lambda p: (places.count(p), p != p.upper(), p))
            islands.append([lat, lon, place])

    lines = ['{"attribution":"Län: SCB digitala gränser (Källa: SCB). Öar: postnummer från GeoNames (geonames.org), CC BY 4.0.",', '"regions":[']
    for i, (code, name, short, rings) in enumerate(regions):
        flat = [[v for point in ring for v in point] for ring in rings]
        comma = "," if i < len(regions) - 1 else ""
        lines.append(json.dumps([code, name, short, flat], ensure_ascii=False, separators=(",", ":")) + comma)
    lines.append('],"islands":[')
    lines.append(",\n".join(json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in islands))
    lines.append("]}")
    return "\n".join(lines) + "\n", len(islands)


def main():
    text, islands = build()
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python3 scripts/sweden_outline.py", file=sys.stderr)
            sys.exit(1)
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: 21 regions, {islands} island points")


if __name__ == "__main__":
    main()

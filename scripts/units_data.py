#!/usr/bin/env python3
"""Builds the default unit list and the place tables from ../shared/data/.

    python3 scripts/units_data.py           # write data/
    python3 scripts/units_data.py --check   # exit 1 when data/ is out of date

Writes
  data/units.csv                 the primary-care units, in the project's unit format (docs/units.md)
  data/units-classification.csv  every row of units_osm_2020.csv, included or not, and why (review this)
  data/municipalities.json       the 290 municipalities (code, name, county, where a search starts) and English names
  data/unit-counts-1177.json     per region, the lower bound of 1177's count of vårdcentraler (how complete the list is)
  data/postal-codes.json         all 18,815 postal codes, compactly (the page loads it only when a postal code is typed)
  data/map.json                  the 21 regions' borders, simplified, as SVG paths (for the page's small map)

Which units are primary care (a rule, so that it can be reviewed and changed):
  1. A name that names a specialised service is left out: it starts with BVC,
     Barnavårdscentral(en) or Barnmorske…, or ends with barnavårdscentral,
     barnmorskemottagning, rehab, rehabmottagning, ungdomsmottagning,
     jourcentral or barn- och ungdomsmedicinsk mottagning.
  2. Otherwise a unit is included when the source flags it
     (primary_care_by_name=1), or its name contains vårdcentral, hälsocentral,
     husläkar, familjeläkar, distriktsläkar or läkarhus ("… Vårdcentral och BVC"
     is a vårdcentral that also has a BVC), or it is "Närhälsan PLACE" (Region
     Västra Götaland's own vårdcentraler carry no other word).
"""
import csv, io, json, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "data"

SPECIALISED_START = re.compile(r"^(bvc\b|barnavårdscentral|barnmorske)", re.I)
SPECIALISED_END = re.compile(r"(barnavårdscentral|barnmorskemottagning|rehab|rehabmottagning|ungdomsmottagning|jourcentral|barn- och ungdomsmedicinsk mottagning)$", re.I)
PRIMARY_WORD = re.compile(r"vårdcentral|hälsocentral|husläkar|familjeläkar|distrikt?s?läkar|läkarhus", re.I)
NARHALSAN_PLACE = re.compile(r"^Närhälsan [A-ZÅÄÖ][\wåäöé-]+( [A-ZÅÄÖ][\wåäöé-]+)?$")


# Where a search from a municipality starts (RULES.md §5b): its main town, the
# postal town with the municipality's name (the point with most postal codes
# when the town has several), else the point SCB gives inside the municipality.
# The flag says which, so the page can say "centrala Kiruna" or "Ale kommun".
# English names people type, folded as places.rs folds them.
ENGLISH_NAMES = {"gothenburg": "1480"}
# Town points GeoNames has in the wrong place, found by `units check`'s
# far-from-municipality rule: their postal codes start at the point SCB gives
# inside the municipality instead.
WRONG_TOWN_POINTS = {
    # All 103 of Järfälla's codes (176 xx, 177 xx) are at 59.3501, 17.9658, in Bromma (Stockholm), 12 km from Jakobsberg.
    ("0123", "Järfälla"): "59.3501,17.9658",
}


def fold(name):
    """As places.rs's fold_place(name, false) folds a place name: case, the marks of å/ä/ö/é/ü (and á/à/ø/è), hyphens."""
    name = name.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("á", "a"), ("à", "a"), ("ö", "o"), ("ø", "o"), ("é", "e"), ("è", "e"), ("ü", "u"), ("-", " ")):
        name = name.replace(a, b)
    return " ".join(name.split())


SOURCE = "OpenStreetMap 2020 (© OpenStreetMap contributors, ODbL 1.0)"


def classify(name, flagged):
    if SPECIALISED_START.search(name) or SPECIALISED_END.search(name.strip()):
        return False, "specialised service (rule 1)"
    if flagged:
        return True, "flagged primary_care_by_name=1"
    if PRIMARY_WORD.search(name):
        return True, "primary-care word in name"
    if NARHALSAN_PLACE.match(name):
        return True, "Närhälsan PLACE"
    return False, "no primary-care word"


# The map: an equirectangular projection around 62° N (x scaled by cos 62°),
# in tenths of a kilometre-ish units, borders simplified (Douglas–Peucker).
MAP_LAT0 = 62.0
MAP_SCALE = 100.0  # SVG units per degree of latitude
MAP_WEST, MAP_NORTH = 10.5, 69.2


def project(lon, lat):
    import math
    return ((lon - MAP_WEST) * MAP_SCALE * math.cos(math.radians(MAP_LAT0)), (MAP_NORTH - lat) * MAP_SCALE)


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
    worst, at = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
        if d > worst:
            worst, at = d, i
    if worst <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: at + 1], tolerance)[:-1] + simplify(points[at:], tolerance)


def region_map():
    geo = json.load(open(SHARED / "regions.geojson", encoding="utf-8"))
    regions = []
    for f in geo["features"]:
        polys = f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon" else [f["geometry"]["coordinates"]]
        d = []
        for poly in polys:
            ring = [project(lon, lat) for lon, lat in poly[0]]
            # A closed ring: split it at the point farthest from its start, so that
            # each half has two distinct ends to simplify between.
            far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
            ring = simplify(ring[: far + 1], 1.5)[:-1] + simplify(ring[far:], 1.5)
            if len(ring) < 4:
                continue  # islets too small to draw
            d.append("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in ring) + "Z")
        regions.append({"code": f["properties"]["county_code"], "d": "".join(d)})
    w, h = project(24.3, 55.0)
    return {"attribution": "Källa: SCB", "lat0": MAP_LAT0, "scale": MAP_SCALE, "west": MAP_WEST, "north": MAP_NORTH, "width": round(w), "height": round(h), "regions": regions}


def read(name):
    with open(SHARED / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(rows, header):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def build():
    units, review = [], []
    for r in read("units_osm_2020.csv"):
        included, why = classify(r["name"], r["primary_care_by_name"] == "1")
        review.append([r["osm_id"], r["name"], r["primary_care_by_name"], "yes" if included else "no", why])
        if included:
            # Unit format: id,name,lat,lon,region,municipality,address,postal_code,phone,url,list_closed,digital,source
            units.append([f"osm:{r['osm_id']}", r["name"], r["lat"], r["lon"], r["county_code"], r["municipality_code"], "", "", "", "", "", "", SOURCE])
    units.sort(key=lambda u: (u[4], u[1]))
    review.sort(key=lambda u: (u[3] != "yes", u[1]))

    postal_rows = read("postal_codes_se.csv")
    # 1,240 codes (mostly box addresses) lack a municipality; a code at the same
    # town point as a code that has one is in that municipality.
    known = {(p["place_name"], p["lat"], p["lon"]): p["municipality_code"] for p in postal_rows if p["municipality_code"]}
    for p in postal_rows:
        if not p["municipality_code"]:
            p["municipality_code"] = known.get((p["place_name"], p["lat"], p["lon"]), "")
    scb_points = {m["municipality_code"]: (m["label_lat"], m["label_lon"]) for m in read("municipalities.csv")}
    for p in postal_rows:
        if WRONG_TOWN_POINTS.get((p["municipality_code"], p["place_name"])) == f"{p['lat']},{p['lon']}":
            p["lat"], p["lon"] = scb_points[p["municipality_code"]]
    town_points = {}
    for p in postal_rows:
        counts = town_points.setdefault((p["municipality_code"], fold(p["place_name"])), {})
        counts[(p["lat"], p["lon"])] = counts.get((p["lat"], p["lon"]), 0) + 1
    munis = []
    for m in read("municipalities.csv"):
        town = town_points.get((m["municipality_code"], fold(m["municipality_name"])))
        if town:
            (lat, lon), _ = max(town.items(), key=lambda kv: (kv[1], kv[0]))
            munis.append([m["municipality_code"], m["municipality_name"], m["county_code"], float(lat), float(lon), 1])
        else:
            munis.append([m["municipality_code"], m["municipality_name"], m["county_code"], float(m["label_lat"]), float(m["label_lon"]), 0])
    # Postal codes are town centroids: 1,613 distinct points. Each code refers to a
    # point [lat, lon, place, municipality]; codes are stored sorted, as deltas.
    points, index, codes = [], {}, []
    for p in sorted(postal_rows, key=lambda p: int(p["postal_code"])):
        key = (p["lat"], p["lon"], p["place_name"], p["municipality_code"])
        if key not in index:
            index[key] = len(points)
            points.append([float(p["lat"]), float(p["lon"]), p["place_name"], p["municipality_code"]])
        codes.append((int(p["postal_code"]), index[key]))
    deltas, prev = [], 0
    for code, i in codes:
        deltas.append(f"{code - prev}:{i}")
        prev = code
    municipalities = {"attribution": "Kommuner: SCB digitala gränser (Källa: SCB), koder CC0.", "municipalities": munis, "english_names": ENGLISH_NAMES}
    counts = {
        "source": "1177 Hitta vård, units marked as taking listings, counted 2026-02 (../shared/data/unit_counts_1177.csv): a lower bound",
        "as_of": "2026-02",
        "at_least": {r["region_code"]: int(r["at_least_units"]) for r in read("unit_counts_1177.csv")},
    }
    postal = {"attribution": "Postnummer: GeoNames (geonames.org), CC BY 4.0.", "points": points, "postal_codes": ",".join(deltas)}
    header = ["id", "name", "lat", "lon", "region", "municipality", "address", "postal_code", "phone", "url", "list_closed", "digital", "source"]
    return {
        "units.csv": write_csv(units, header),
        "units-classification.csv": write_csv(review, ["osm_id", "name", "primary_care_by_name", "included", "why"]),
        "unit-counts-1177.json": json.dumps(counts, ensure_ascii=False, separators=(",", ":")) + "\n",
        "municipalities.json": json.dumps(municipalities, ensure_ascii=False, separators=(",", ":")) + "\n",
        "postal-codes.json": json.dumps(postal, ensure_ascii=False, separators=(",", ":")) + "\n",
        "map.json": json.dumps(region_map(), ensure_ascii=False, separators=(",", ":")) + "\n",
    }


def main():
    files = build()
    if "--check" in sys.argv:
        stale = [n for n, text in files.items() if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != text]
        if stale:
            print(f"data/ is out of date ({', '.join(stale)}): run python3 scripts/units_data.py", file=sys.stderr)
            sys.exit(1)
        print("data/ matches ../shared/data")
        return
    OUT.mkdir(exist_ok=True)
    for n, text in files.items():
        (OUT / n).write_text(text, encoding="utf-8")
    n_units = files["units.csv"].count("\n") - 1
    print(f"wrote data/: {n_units} units, {len(json.loads(files['postal-codes.json'])['points'])} postal-code points")


if __name__ == "__main__":
    main()

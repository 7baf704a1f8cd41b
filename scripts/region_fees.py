#!/usr/bin/env python3
"""Builds the generated parts of the `se` rulebook from ../shared/data/:

- rules/regions.json  from region_fees_by_kind.csv and regions.csv: each
  region's fees by kind of visit, its free-age rule and any lower ceiling,
  every value with its own source page, date and confidence;
- rules/national.json from national.csv: the prisbasbelopp of each year,
  each with its own source.

    python3 scripts/region_fees.py           # write both files
    python3 scripts/region_fees.py --check   # exit 1 when either is out of date

The CSVs are the source; the JSON is what the engine embeds. Nothing is
invented here: a value the CSV lacks stays absent, and the engine says so.
Each source page is classed by who published it (PUBLISHERS below), so the
answer can say when a fee comes from a clinic's or a newspaper's page; a page
from a host not in that table stops the script until someone classes it.
"""
import csv, json, pathlib, sys
from urllib.parse import urlparse

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT_REGIONS = ROOT / "rules" / "regions.json"
OUT_NATIONAL = ROOT / "rules" / "national.json"

# Who publishes each host: `region` (a region, 1177, SKR: official), `clinic`
# (a care provider's own page) or `press` (a newspaper or magazine).
PUBLISHERS = {
    "www.1177.se": "region",
    "folkhalsaochsjukvard.rjl.se": "region",
    "imagevault.regiongavleborg.se": "region",
    "norrbotten.se": "region",
    "vardgivarwebben.norrbotten.se": "region",
    "old-skr.skr.se": "region",
    "regionblekinge.se": "region",
    "regionkalmar.se": "region",
    "regionostergotland.se": "region",
    "www.regionostergotland.se": "region",
    "regionsormland.se": "region",
    "regionuppsala.se": "region",
    "regionvastmanland.se": "region",
    "vardgivare.regionhalland.se": "region",
    "www.regionhalland.se": "region",
    "vardgivare.skane.se": "region",
    "www.gotland.se": "region",
    "www.narakuter.regionstockholm.se": "region",
    "www.regiondalarna.se": "region",
    "www.regionvarmland.se": "region",
    "www.vgregion.se": "region",
    "capio.se": "clinic",
    "idrottskadespecialisten.se": "clinic",
    "wasterlakarna.se": "clinic",
    "www.brackediakoni.se": "clinic",
    "www.citysjukhuset.se": "clinic",
    "www.ptj.se": "clinic",
    "www.sidsjovc.se": "clinic",
    "lansposten.se": "press",
    "www.vardagsekonomi.nu": "press",
}

FEE_ITEMS = ["pc_doctor", "pc_nurse", "pc_other", "specialist_doctor", "specialist_other", "emergency"]
MODES = ["physical", "video", "phone"]


def bare(url):
    """Sources are written without scheme (RULES.md), as the rest of rules/."""
    return url.split("://", 1)[-1]


class Sources:
    """The fee pages as rulebook sources, one id per distinct page."""

    def __init__(self):
        self.by_url = {}

    def id(self, url):
        url = bare(url)
        if url not in self.by_url:
            host = urlparse("https://" + url).netloc
            if host not in PUBLISHERS:
                sys.exit(f"scripts/region_fees.py: class the host {host} in PUBLISHERS ({url})")
            title = host.removeprefix("www.")
            self.by_url[url] = (f"fee-{len(self.by_url) + 1}", {"title": title, "url": url, "publisher": PUBLISHERS[host]})
        return self.by_url[url][0]

    def table(self):
        return {sid: s for sid, s in self.by_url.values()}


def dated(row, sources):
    """The date, confidence and source every value carries."""
    out = {"valid_from": row["valid_from"] or None, "as_of": row["as_of"] or None, "confidence": row["confidence"], "source": sources.id(row["source_url"])}
    if row["note"]:
        out["note"] = row["note"]
    return {k: v for k, v in out.items() if v is not None}


def build_regions():
    names = {r["county_code"]: r for r in csv.DictReader(open(DATA / "regions.csv", newline="", encoding="utf-8"))}
    sources = Sources()
    regions = {code: {"code": code, "name": REGION_NAMES[code], "fees": []} for code, r in names.items()}
    with open(DATA / "region_fees_by_kind.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            region = regions[row["region_code"]]
            item, mode = row["item"], row["mode"]
            if item in FEE_ITEMS:
                assert mode in MODES, row
                region["fees"].append({"item": item, "mode": mode, "kr": int(row["fee_kr"]), **dated(row, sources)})
            elif item == "ceiling":
                # The engine decides whether it is lower than the national amount of its year.
                region.setdefault("ceilings", []).append({"kr": int(row["fee_kr"]), **dated(row, sources)})
            elif item == "free_age":
                rule, age = mode.split(":")
                assert rule in ("under", "through_year"), row
                region["free_age"] = {"rule": rule, "age": int(age), **dated(row, sources)}
            else:
                sys.exit(f"scripts/region_fees.py: unknown item {item!r}")
    doc = {
        "generated_from": "../shared/data/region_fees_by_kind.csv and regions.csv (regional fee pages, read 2026-11)",
        "generator": "scripts/region_fees.py",
        "sources": sources.table(),
        "regions": list(regions.values()),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# The regions' own names (regions.csv names the län, not the region).
REGION_NAMES = {"01": "Region Stockholm", "03": "Region Uppsala", "04": "Region Sörmland", "05": "Region Östergötland", "06": "Region Jönköpings län", "07": "Region Kronoberg", "08": "Region Kalmar län", "09": "Region Gotland", "10": "Region Blekinge", "12": "Region Skåne", "13": "Region Halland", "14": "Västra Götalandsregionen", "17": "Region Värmland", "18": "Region Örebro län", "19": "Region Västmanland", "20": "Region Dalarna", "21": "Region Gävleborg", "22": "Region Västernorrland", "23": "Region Jämtland Härjedalen", "24": "Region Västerbotten", "25": "Region Norrbotten"}


def build_national():
    sources, entries = {}, []
    with open(DATA / "national.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["parameter"] != "prisbasbelopp":
                continue
            sid = f"prisbasbelopp-{row['year']}"
            sources[sid] = {"title": f"Prisbasbelopp {row['year']}: {urlparse(row['source_url']).netloc.removeprefix('www.')}", "url": bare(row["source_url"])}
            entries.append({"valid_from": f"{row['year']}-01-01", "value": int(row["value"]), "unit": "kr", "source": sid, "note": row["note"]})
    doc = {
        "generated_from": "../shared/data/national.csv",
        "generator": "scripts/region_fees.py",
        "sources": sources,
        "parameters": {"fees.prisbasbelopp": entries},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main():
    outputs = [(OUT_REGIONS, build_regions()), (OUT_NATIONAL, build_national())]
    if "--check" in sys.argv:
        stale = [out for out, text in outputs if not out.exists() or out.read_text(encoding="utf-8") != text]
        for out in stale:
            print(f"{out.relative_to(ROOT)} is out of date: run make data", file=sys.stderr)
        if stale:
            sys.exit(1)
        print("rules/regions.json and rules/national.json match ../shared/data/")
        return
    for out, text in outputs:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

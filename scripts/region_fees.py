#!/usr/bin/env python3
"""Builds rules/regions.json (the regions' fees and free-age limits of the `se`
rulebook) from ../shared/data/region_fees.csv.

    python3 scripts/region_fees.py           # write rules/regions.json
    python3 scripts/region_fees.py --check   # exit 1 when it is out of date

The CSV is the source; the JSON is what the engine embeds. Nothing is invented
here: an empty cell becomes null and the engine says what it assumes.
"""
import csv, json, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "data" / "region_fees.csv"
OUT = ROOT / "rules" / "regions.json"


def kr(cell):
    return int(cell) if cell.strip() else None


def build():
    regions = []
    with open(SRC, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            note = row["free_age_note"].strip()
            row_out = {
                "code": row["region_code"],
                "name": row["region_name"],
                "doctor_visit_kr": kr(row["doctor_visit_kr"]),
                "other_unit_visit_kr": kr(row["other_unit_visit_kr"]),
                "digital_visit_kr": kr(row["digital_visit_kr"]),
                "fee_as_of": row["fee_as_of"].strip() or None,
                "fee_confidence": row["fee_confidence"],
                "free_under_age": kr(row["free_under_age"]),
                # Sörmland: free through the calendar year one turns 19.
                "free_age_rule": "calendar_year" if "calendar year" in note else None,  # absent: birthday
                "other_unit_fee_unconfirmed": "not listed is higher" in note,
                "note": note or None,
                "source_fee": row["source_fee"] or None,
                "source_age": row["source_age"] or None,
            }
            # Absent means null or false to the engine; leaving them out keeps
            # the embedded copy small.
            regions.append({k: v for k, v in row_out.items() if v is not None and v is not False})
    doc = {
        "generated_from": "../shared/data/region_fees.csv (regional fee pages and SKR's compilations, read 2026-11)",
        "generator": "scripts/region_fees.py",
        "regions": regions,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main():
    text = build()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python3 scripts/region_fees.py", file=sys.stderr)
            sys.exit(1)
        print(f"{OUT.relative_to(ROOT)} matches {SRC.name}")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Distinct /api/v1/compare URLs for the uncached-compare benchmark (bench/run.sh).

Every (metric, period, council) the store holds a current value for, in each
metric's RECENT latest periods (0: every period), and every derived ratio of
RATIOS_CSV where both its inputs have a value, against the england, region,
neighbours and type groups: each URL once, shuffled with a fixed seed so that
consecutive requests share nothing a cache could use. Councils are those with
a value, so past periods ask for the councils of the time (abolished ones
included, without the neighbours group, which only current councils have). Prints the number of URLs.

  compare_urls.py DB OUT [RECENT=0] [RATIOS_CSV] [SEED=1]
"""
import csv
import random
import sqlite3
import sys

db, out = sys.argv[1], sys.argv[2]
recent = int(sys.argv[3]) if len(sys.argv) > 3 else 0
ratios_csv = sys.argv[4] if len(sys.argv) > 4 else ""
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1

con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
current = {r[0] for r in con.execute("SELECT code FROM areas WHERE end_date IS NULL")}
rows = con.execute(
    "SELECT o.metric_id, o.period_id, o.area_code FROM observations o"
    " JOIN periods p ON p.id = o.period_id JOIN areas a ON a.code = o.area_code"
    " WHERE o.current = 1 AND o.area_code LIKE 'E%' AND a.type IN"
    " ('county','district','unitary','metropolitan-district','london-borough')"
    " ORDER BY o.metric_id, p.sort_key").fetchall()
cells = {}  # metric -> period (in time order) -> set of councils
for metric, period, area in rows:
    cells.setdefault(metric, {}).setdefault(period, set()).add(area)
if ratios_csv:
    with open(ratios_csv, newline="") as f:
        for r in csv.DictReader(f):
            num, den = cells.get(r["numerator_metric"], {}), cells.get(r["denominator_metric"], {})
            cells[r["id"]] = {p: num[p] & den[p] for p in num if p in den and num[p] & den[p]}
urls = []
for metric, by_period in cells.items():
    periods = list(by_period)
    for period in periods[-recent:] if recent else periods:
        for area in sorted(by_period[period]):
            # Only a council in operation today has modelled neighbours.
            for group in ("england", "region", "type") + (("neighbours",) if area in current else ()):
                urls.append(f"/api/v1/compare?metric={metric}&area={area}&group={group}&period={period}")
random.Random(seed).shuffle(urls)
with open(out, "w") as f:
    f.write("\n".join(urls) + "\n")
print(len(urls))

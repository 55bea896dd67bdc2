#!/usr/bin/env python3
"""Compare `ketasim nm` output with NONMEM reference output, row by row.

usage: compare_nm.py INPUT.csv NONMEM_OUTPUT.csv KETASIM_OUTPUT.csv [--obs-only] [--rtol R] [--atol A]

Row i of the NONMEM output matches row i of the input (header included) and row i of the ketasim
output (comment lines skipped). The ketasim value compared is its PRED column (the $TABLE layout
of `ketasim nm`); an output without PRED is read at column 4 (the layout before PRED existed). Rows with evid == 0 are compared (all rows without --obs-only).
A row passes when |ours - ref| <= atol or |ours - ref| <= rtol * |ref|. Prints each ID's max
errors and a final line 'N passed, M failed'; exits 1 on any failure.
"""
import csv, sys

def rows(path):
    with open(path) as f:
        return [r for r in csv.reader(line for line in f if not line.startswith("#"))]

args = [a for a in sys.argv[1:] if not a.startswith("--")]
opts = sys.argv[1:]
rtol = float(opts[opts.index("--rtol") + 1]) if "--rtol" in opts else 1e-4
atol = float(opts[opts.index("--atol") + 1]) if "--atol" in opts else 1e-3
args = [a for a in args if a not in (str(rtol), str(atol))]
inp, ref, ours = rows(args[0]), rows(args[1]), rows(args[2])
hi = [h.lower() for h in inp[0]]
evid_col = hi.index("evid") if "evid" in hi else None
ref_val = [h.upper() for h in ref[0]].index(ref[0][-1].upper())
if not (len(inp) == len(ref) == len(ours)):
    print(f"row counts differ: input {len(inp)}, NONMEM {len(ref)}, ketasim {len(ours)}")
    print("0 passed, 1 failed")
    sys.exit(1)
oh = [h.upper() for h in ours[0]]
our_val = oh.index("PRED") if "PRED" in oh else 3
obs_only = "--obs-only" in opts
per_id = {}
for i in range(1, len(inp)):
    if obs_only and evid_col is not None and float(inp[i][evid_col]) != 0:
        continue
    rid = ref[i][0]
    r = float(ref[i][ref_val]); o = float(ours[i][our_val])
    err = abs(o - r)
    rel = err / abs(r) if r != 0 else (0.0 if err == 0 else float("inf"))
    ok = err <= atol or err <= rtol * abs(r)
    d = per_id.setdefault(rid, [0.0, 0.0, True, 0])
    d[0] = max(d[0], rel if r != 0 else 0.0); d[1] = max(d[1], err); d[2] = d[2] and ok; d[3] += 1
passed = failed = 0
for rid, (rel, ab, ok, n) in per_id.items():
    print(f"scenario {rid:>3}: {n:4d} rows, max rel err {rel:.2e}, max abs err {ab:.2e}  {'ok' if ok else 'FAIL'}")
    if ok: passed += 1
    else: failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(0 if failed == 0 else 1)

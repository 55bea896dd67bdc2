#!/usr/bin/env bash
# ADVAN13 (general ODE) conformance: claret-c001 (constant covariate) and claret-c003 (time-varying
# covariate DOSE, NOCB) run through `ketasim nm` with Tests/Conformance/claret.model at NONMEM's
# TOL=8 equivalent (rtol 1e-8); every row compared with NONMEM's $TABLE output (5 significant digits).
# Called by run-nmtests.sh as: extra-claret.sh KETASIM_BIN FIXTURES_DIR TMP_DIR
set -euo pipefail
bin="$1"; fixtures="$2"; tmp="$3"
here="$(cd "$(dirname "$0")" && pwd)"
status=0
for case in c001:claret-c001-advan13-TAB.txt c003:claret-c003-advan13-tvcov-TAB.txt; do
  id="${case%%:*}"; tab="${case#*:}"
  echo "== claret-$id (ADVAN13, one-state ODE)"
  "$bin" nm "$fixtures/claret-$id-input.csv" --model "$here/claret.model" --rtol 1e-8 --atol 1e-10 --out "$tmp/claret-$id.csv"
  # NONMEM's TAB file: whitespace columns ID TIME Y after two header lines -> CSV with the same row order.
  python3 - "$fixtures/$tab" "$tmp/claret-$id-ref.csv" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("TABLE") and not l.strip().startswith("ID")]
with open(sys.argv[2], "w") as f:
    f.write("ID,TIME,Y\n")
    for r in rows:
        f.write("%d,%s,%s\n" % (int(float(r[0])), r[1], r[2]))
PY
  python3 "$here/compare_nm.py" "$fixtures/claret-$id-input.csv" "$tmp/claret-$id-ref.csv" "$tmp/claret-$id.csv" || status=1
done
exit $status

#!/usr/bin/env bash
# Conformance with NONMEM 7.5.1: runs `ketasim nm` on the mrgsolve nmtests data sets in
# ../shared/fixtures/mrgsolve-nmtests and compares every row with NONMEM's output
# (relative 1e-4, absolute 1e-3 near zero). Prints each scenario's max error and a final line
# 'N passed, M failed'; exits non-zero on any failure. Skips (exit 0) when the fixtures are absent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
fixtures="${NMTESTS_DIR:-$root/../shared/fixtures/mrgsolve-nmtests}"
if [ ! -d "$fixtures" ]; then
  echo "run-nmtests: fixtures not found at $fixtures; skipped"
  exit 0
fi
cd "$root"
swift build -c release --product ketasim >/dev/null
bin="$(swift build -c release --show-bin-path)/ketasim"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0

echo "== dosing-1001 (ADVAN2, 29 scenarios, all rows)"
"$bin" nm "$fixtures/dosing-1001-input.csv" --model "$here/nmtests-1001.model.json" --out "$tmp/1001.csv"
python3 "$here/compare_nm.py" "$fixtures/dosing-1001-input.csv" "$fixtures/dosing-1001-nonmem-output.csv" "$tmp/1001.csv" \
  | tee "$tmp/1001.log" || status=1

for extra in "$here"/extra-*.sh; do
  [ -e "$extra" ] || continue
  bash "$extra" "$bin" "$fixtures" "$tmp" | tee -a "$tmp/extra.log" || status=1
done

# One final line over every scenario of every section.
cat "$tmp/1001.log" "$tmp/extra.log" 2>/dev/null | awk '
  /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
  END { printf "conformance total:\n%d passed, %d failed\n", p, f; exit (f > 0) }' || status=1

exit $status

#!/usr/bin/env bash
# Renders a ketasim HTML report in headless Chromium to a PNG and checks the picture:
#   - the page is not blank (enough non-white pixels, dark text in the header above the chart);
#   - the first chart occupies the expected area: the pixels drawn in the plot's series colours
#     (SVGPlot.colors and .ribbonColors) form a block in the page's content column (the report's .page is 960 px wide,
#     centred, padding 24 px; the chart's SVG is 720x420 px at its left edge), of chart size, near the top.
#
# Usage: Tests/render-html.sh [REPORT.html [OUT.png]]
#   Without REPORT, one is generated with 'swift run ketasim compare --html'.
#   CHROMIUM=/path/to/chromium overrides the browser. Exits 0 with "skipped: ..." when Chromium is
#   not installed (Tests/install-chromium.sh installs it on Debian).
set -euo pipefail
# skip MESSAGE: exit 0 with a note, or fail when KETASIM_REQUIRE_TOOLS=1 (CI).
skip() { if [ "${KETASIM_REQUIRE_TOOLS:-0}" = 1 ]; then echo "$1 (required under CI)" >&2; exit 1; fi; echo "$1"; exit 0; }
cd "$(dirname "$0")/.."

chrome="${CHROMIUM:-}"
if [ -z "$chrome" ]; then
  for c in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then chrome="$(command -v "$c")"; break; fi
  done
fi
if [ -z "$chrome" ] || ! [ -x "$chrome" ]; then
  skip "render-html: skipped: chromium not installed (run Tests/install-chromium.sh)"
fi
if ! command -v python3 >/dev/null 2>&1; then
  skip "render-html: skipped: python3 not installed (needed to check the PNG)"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ketasim-render.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

if [ $# -ge 1 ]; then
  html="$1"
  [ -f "$html" ] || { echo "render-html: FAIL: '$html' not found" >&2; exit 1; }
else
  html="$tmp/report.html"
  echo "render-html: generating a report with 'swift run ketasim compare --html $html'"
  if ! swift run ketasim compare --html "$html" >"$tmp/ketasim.log" 2>&1 || ! [ -s "$html" ]; then
    cat "$tmp/ketasim.log" >&2
    echo "render-html: FAIL: 'ketasim compare --html' did not write a report" >&2
    exit 1
  fi
fi
png="${2:-$tmp/report.png}"
abs="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"

# No network: every host name resolves to nothing, so a report that needed one would show it.
if ! timeout 120 "$chrome" --headless --disable-gpu --no-sandbox --disable-dev-shm-usage --hide-scrollbars \
    --force-device-scale-factor=1 --no-first-run --no-default-browser-check --disable-extensions \
    --disable-background-networking --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$tmp/profile" --window-size=1200,1600 --screenshot="$png" "file://$abs" \
    >"$tmp/chromium.log" 2>&1 || ! [ -s "$png" ]; then
  tail -20 "$tmp/chromium.log" >&2
  echo "render-html: FAIL: chromium did not write a screenshot" >&2
  exit 1
fi

status=0
python3 - "$png" <<'PY' || status=$?
import struct, sys, zlib

def read_png(path):
    """A small PNG decoder: 8-bit gray, gray+alpha, RGB, RGBA or palette, not interlaced."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, palette = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if depth != 8 or interlace != 0 or ctype not in (0, 2, 3, 4, 6):
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {ctype}, interlace {interlace}")
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    # To RGB over white.
    out = []
    for line in rows:
        if ctype == 2:
            out.append([tuple(line[i:i + 3]) for i in range(0, stride, 3)])
        elif ctype == 6:
            px = []
            for i in range(0, stride, 4):
                a = line[i + 3]
                px.append(tuple((line[i + k] * a + 255 * (255 - a)) // 255 for k in range(3)))
            out.append(px)
        elif ctype == 0:
            out.append([(v, v, v) for v in line])
        elif ctype == 4:
            out.append([((line[i] * line[i + 1] + 255 * (255 - line[i + 1])) // 255,) * 3 for i in range(0, stride, 2)])
        else:
            out.append([palette[v] for v in line])
    return w, h, out

png = sys.argv[1]
w, h, px = read_png(png)
failures = []

# SVGPlot.colors without black (text is black too), and SVGPlot.ribbonColors (median lines).
series_colors = [(0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00), (0x00, 0x9E, 0x73), (0xCC, 0x79, 0xA7), (0xE6, 0x9F, 0x00), (0x56, 0xB4, 0xE9),
                 (0x5E, 0x3C, 0x99), (0xB2, 0x18, 0x2B), (0x1B, 0x78, 0x37), (0x21, 0x66, 0xAC)]
def is_series(p):
    return any(abs(p[0] - c[0]) <= 28 and abs(p[1] - c[1]) <= 28 and abs(p[2] - c[2]) <= 28 for c in series_colors)
def non_white(p):
    return min(p) < 230

total_non_white = 0
series_rows = {}
for y, row in enumerate(px):
    xs = []
    for x, p in enumerate(row):
        if non_white(p):
            total_non_white += 1
            if max(p) - min(p) > 60 and is_series(p):
                xs.append(x)
    if xs:
        series_rows[y] = (min(xs), max(xs), len(xs))

frac = total_non_white / float(w * h)
print(f"render-html: screenshot {w}x{h} px; non-white pixels {100 * frac:.1f}%")
if frac < 0.01:
    failures.append(f"page looks blank: {100 * frac:.2f}% non-white pixels (need at least 1%)")

# The first chart: the first block of rows with series-coloured pixels (gaps under 60 rows).
chart = None
if series_rows:
    ys = sorted(series_rows)
    top = bottom = ys[0]
    for y in ys[1:]:
        if y - bottom > 60:
            break
        bottom = y
    block = [series_rows[y] for y in range(top, bottom + 1) if y in series_rows]
    left, right = min(b[0] for b in block), max(b[1] for b in block)
    chart = (left, top, right, bottom, sum(b[2] for b in block))

content_left = max(0, (w - 960) // 2) + 24
svg_w, svg_h = 720, 420
expected = (content_left, content_left + svg_w)
if chart is None:
    failures.append("no chart: no pixels in the plot's series colours")
else:
    left, top, right, bottom, count = chart
    cw, ch = right - left + 1, bottom - top + 1
    print(f"render-html: chart (series colours) at x {left}-{right}, y {top}-{bottom} ({cw}x{ch} px, {count} px); "
          f"expected inside x {expected[0]}-{expected[1]} (the 720x420 SVG at the content column), near the top")
    if left < expected[0] - 4 or right > expected[1] + 4:
        failures.append(f"chart x {left}-{right} is outside the content column {expected[0]}-{expected[1]}")
    if cw < 0.6 * svg_w:
        failures.append(f"chart is {cw} px wide; expected at least {int(0.6 * svg_w)} (60% of the SVG width)")
    if not (150 <= ch <= svg_h + 5):
        failures.append(f"chart is {ch} px tall; expected 150-{svg_h}")
    if top > 700:
        failures.append(f"chart starts at y {top}; expected within the first 700 px (right after the header)")
    if count < 1500:
        failures.append(f"only {count} series-coloured pixels: the curves are missing or too faint")
    # The chart's box is drawn (axes, grid, text): enough non-white pixels inside it.
    inside = sum(1 for y in range(top, bottom + 1) for x in range(left, right + 1) if non_white(px[y][x]))
    density = inside / float(cw * ch)
    print(f"render-html: non-white pixels inside the chart box {100 * density:.1f}%")
    if density < 0.03:
        failures.append(f"chart box is nearly empty ({100 * density:.1f}% non-white)")
    # The header (title, disclaimer) is above it: dark text pixels.
    dark_above = sum(1 for y in range(0, max(0, top - 10)) for p in px[y] if max(p) < 110)
    print(f"render-html: dark (text) pixels above the chart {dark_above}")
    if dark_above < 300:
        failures.append("no header text above the chart")

if failures:
    for f in failures:
        print("render-html: FAIL: " + f, file=sys.stderr)
    sys.exit(1)
print("render-html: OK")
PY
if [ $# -ge 2 ]; then echo "render-html: screenshot kept at $png"; fi
exit $status

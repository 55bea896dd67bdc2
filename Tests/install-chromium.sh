#!/usr/bin/env bash
# Installs Debian's chromium for Tests/render-html.sh (CI runs as root on Debian 12).
# Exits 0 with a message where apt-get is not available or Chromium is already there.
set -euo pipefail
# skip MESSAGE: exit 0 with a note, or fail when KETASIM_REQUIRE_TOOLS=1 (CI).
skip() { if [ "${KETASIM_REQUIRE_TOOLS:-0}" = 1 ]; then echo "$1 (required under CI)" >&2; exit 1; fi; echo "$1"; exit 0; }
if command -v chromium >/dev/null 2>&1; then
  echo "install-chromium: already installed: $(chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  skip "install-chromium: skipped: apt-get not available; install Chromium yourself to run Tests/render-html.sh"
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    skip "install-chromium: skipped: not root and no sudo; install Chromium yourself to run Tests/render-html.sh"
  fi
fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
echo "install-chromium: installed: $(chromium --version 2>/dev/null || echo chromium)"

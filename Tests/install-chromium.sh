#!/usr/bin/env bash
# Installs Debian's chromium for Tests/render-html.sh (CI runs as root on Debian 12).
# Exits 0 with a message where apt-get is not available or Chromium is already there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "install-chromium: already installed: $(chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: skipped: apt-get not available; install Chromium yourself to run Tests/render-html.sh"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-chromium: skipped: not root and no sudo; install Chromium yourself to run Tests/render-html.sh"
    exit 0
  fi
fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
echo "install-chromium: installed: $(chromium --version 2>/dev/null || echo chromium)"

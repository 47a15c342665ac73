#!/usr/bin/env bash
# Installs Debian's chromium for the browser test of the HTML export (test/kernel/export/), which
# drives /usr/bin/chromium through playwright-core. Idempotent: does nothing if it is already there.
# Quiet unless something fails; needs root or sudo (apt-get).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-chromium: $CHROMIUM is missing and installing it needs root (apt-get)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The package lists may be empty (fresh containers) or not know chromium yet.
if ! apt-cache show chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
$SUDO apt-get install -y -qq chromium >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
[ -x "$CHROMIUM" ] || { echo "install-chromium: apt-get installed chromium but $CHROMIUM is missing" >&2; exit 1; }
echo "install-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"

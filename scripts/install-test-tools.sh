#!/usr/bin/env bash
# Installs the Debian packages that the tests of real clients need, so that CI runs them instead of
# skipping them: chromium (headless browser checks of the exported HTML, driven through
# playwright-core at /usr/bin/chromium), jupyter-nbconvert and python3-nbclient (interoperability with
# Python's Jupyter: `jupyter nbconvert --execute` on the deepnotes kernelspec), jupyter-notebook (the
# tour run with Run All in the live Notebook page, in Chromium), and bubblewrap (the
# grader confines each submission's kernel with it; without it grading falls back to Node's
# permission model and says so). deepnotes itself needs none of them. Idempotent: installs only what is missing. Quiet unless something fails; needs root or
# sudo (apt-get).
set -euo pipefail

# package → a file it installs
declare -A PROVIDES=(
  [chromium]=/usr/bin/chromium
  [jupyter-nbconvert]=/usr/bin/jupyter-nbconvert
  [python3-nbclient]=/usr/lib/python3/dist-packages/nbclient/__init__.py
  [jupyter-notebook]=/usr/bin/jupyter-notebook
  [bubblewrap]=/usr/bin/bwrap
)

missing=()
for package in "${!PROVIDES[@]}"; do
  [ -e "${PROVIDES[$package]}" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-test-tools: ${missing[*]} missing and installing them needs root (apt-get)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The package lists may be empty (fresh containers) or not know the packages yet.
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
for package in "${missing[@]}"; do
  [ -e "${PROVIDES[$package]}" ] || { echo "install-test-tools: apt-get installed $package but ${PROVIDES[$package]} is missing" >&2; exit 1; }
done
echo "install-test-tools: installed ${missing[*]}"

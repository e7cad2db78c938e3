#!/usr/bin/env bash
# Makes sure the browser tests have a Chromium to drive (playwright-core brings no browser).
# Uses $CHROMIUM_PATH when set, else /usr/bin/chromium. When the default is missing it installs
# Debian's `chromium` package with apt-get, as root or through password-less sudo; when it can't,
# it stops with a message saying what to install. Run by `npm run test:browser` (so `npm test`).
set -euo pipefail

target="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$target" ]; then exit 0; fi

fail() {
  echo "ensure-chromium: $1" >&2
  echo "ensure-chromium: the browser tests need Chromium. Install it (Debian: sudo apt-get install chromium;" >&2
  echo "ensure-chromium: Ubuntu: sudo snap install chromium, then CHROMIUM_PATH=/snap/bin/chromium)," >&2
  echo "ensure-chromium: or set CHROMIUM_PATH to a Chromium or Chrome executable, and run the tests again." >&2
  exit 1
}

if [ -n "${CHROMIUM_PATH:-}" ]; then fail "CHROMIUM_PATH is $CHROMIUM_PATH, which is not an executable file."; fi
if ! command -v apt-get >/dev/null 2>&1; then fail "/usr/bin/chromium is missing and this machine has no apt-get to install it with."; fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "/usr/bin/chromium is missing, and installing it needs root (this user is not root and has no password-less sudo)."
fi

echo "ensure-chromium: /usr/bin/chromium is missing; installing Debian's chromium package (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq || fail "apt-get update failed (see above)."
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null || fail "apt-get install chromium failed (see above)."
[ -x /usr/bin/chromium ] || fail "apt-get installed chromium, but /usr/bin/chromium is still missing."
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)." >&2

#!/usr/bin/env bash
# Makes sure the system programs the tests need are on this machine:
#   - Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) for Playwright and Lighthouse,
#   - the PostgreSQL server binaries (initdb, pg_ctl, postgres) for the DB tests on PostgreSQL,
#   - Noto fonts, so Arabic (and other scripts) render in screenshots and axe checks.
# As root it installs what is missing with apt-get; otherwise it says what to install and fails.
# Idempotent, and silent when everything is already there.
set -euo pipefail

missing=()

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
	missing+=(chromium)
fi

have_pg_bin() {
	local name="$1" dir
	for dir in /usr/lib/postgresql/*/bin; do
		[[ -x "$dir/$name" ]] && return 0
	done
	command -v "$name" >/dev/null 2>&1
}
if ! have_pg_bin initdb || ! have_pg_bin pg_ctl || ! have_pg_bin postgres; then
	missing+=(postgresql)
fi

if command -v dpkg-query >/dev/null 2>&1; then
	if [[ "$(dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null || true)" != "install ok installed" ]]; then
		missing+=(fonts-noto-core)
	fi
fi

if [[ ${#missing[@]} -eq 0 ]]; then
	exit 0
fi

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
	echo "ensure-system-deps: missing system packages: ${missing[*]}" >&2
	echo "ensure-system-deps: install them (Debian/Ubuntu, as root):" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends chromium postgresql fonts-noto-core" >&2
	echo "ensure-system-deps: or set CHROMIUM_PATH to a Chromium binary and put initdb/pg_ctl/postgres on PATH." >&2
	exit 1
fi

echo "ensure-system-deps: installing ${missing[*]} (with chromium postgresql fonts-noto-core) via apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	chromium postgresql fonts-noto-core >/dev/null
echo "ensure-system-deps: done" >&2

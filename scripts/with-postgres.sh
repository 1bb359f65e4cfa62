#!/usr/bin/env bash
# Usage: bash scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a throwaway PostgreSQL server on 127.0.0.1 (a free port, trust auth, loopback only,
# fsync off), exports TEST_DATABASE_URL and DATABASE_TEST_KIND=postgres, runs CMD, then always
# stops the server and deletes its data directory. Exits with CMD's exit code.
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user
# (created by Debian's postgresql package).
set -euo pipefail

if [[ $# -eq 0 ]]; then
	echo "usage: bash scripts/with-postgres.sh CMD [ARGS...]" >&2
	exit 2
fi

log() { echo "with-postgres: $*" >&2; }

# --- find the server binaries: the highest /usr/lib/postgresql/<version>/bin, else PATH ---------
bindir=""
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
	bindir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" || ! -x "$bindir/pg_ctl" ]]; then
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		bindir="$(dirname "$(readlink -f "$(command -v initdb)")")"
	else
		log "no PostgreSQL server binaries (initdb, pg_ctl) found in /usr/lib/postgresql/*/bin or on PATH."
		log "install them with: apt-get install -y --no-install-recommends postgresql   (or run: bash scripts/ensure-system-deps.sh)"
		exit 1
	fi
fi

# --- as root, run the server as the postgres system user -----------------------------------------
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
	if ! id -u postgres >/dev/null 2>&1; then
		log "running as root, but there is no 'postgres' system user to run the server as."
		exit 1
	fi
	if command -v runuser >/dev/null 2>&1; then
		as_pg=(runuser -u postgres --)
	else
		as_pg=(su_postgres)
	fi
fi
su_postgres() {
	local quoted
	printf -v quoted '%q ' "$@"
	su postgres -s /bin/sh -c "$quoted"
}
pg() { (cd / && "${as_pg[@]}" "$@"); }

# --- a temporary home for the cluster --------------------------------------------------------------
if [[ "$(id -u)" -eq 0 ]]; then
	tmp="$(mktemp -d /tmp/mf-pg.XXXXXX)" # /tmp, so the postgres user can reach it
else
	tmp="$(mktemp -d "${TMPDIR:-/tmp}/mf-pg.XXXXXX")"
fi
data="$tmp/data"
sock="$tmp/sock"
mkdir -p "$sock"
started=0

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [[ $started -eq 1 ]]; then
		pg "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ ${#as_pg[@]} -gt 0 ]]; then
	chown -R postgres:postgres "$tmp"
fi

if ! pg "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C --no-sync --no-instructions \
	>"$tmp/initdb.log" 2>&1; then
	log "initdb failed:"
	cat "$tmp/initdb.log" >&2
	exit 1
fi

cat >>"$data/postgresql.conf" <<CONF

# --- with-postgres.sh: a throwaway test server ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 64MB
log_min_messages = warning
CONF

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port=""
for _ in 1 2 3 4 5 6 7 8; do
	candidate=$((20000 + RANDOM % 40000))
	port_in_use "$candidate" && continue
	if pg "$bindir/pg_ctl" -D "$data" -l "$tmp/server.log" -o "-p $candidate" -w -t 60 start >/dev/null 2>&1; then
		port=$candidate
		started=1
		break
	fi
	# Stop a half-started server before trying another port.
	pg "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
done
if [[ -z "$port" ]]; then
	log "PostgreSQL did not start; its log:"
	cat "$tmp/server.log" >&2 2>/dev/null || true
	exit 1
fi

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export DATABASE_TEST_KIND=postgres
log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $tmp)"

# Run the command as a child we wait for, so a TERM or INT sent to this script is passed on at once
# and the server is still stopped (bash runs traps only between commands, not during one).
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 143' TERM
trap 'kill -INT "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 130' INT
set +e
wait "$child"
rc=$?
set -e
exit "$rc"

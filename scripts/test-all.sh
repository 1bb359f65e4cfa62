#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it (locally and in CI). Stops at the first stage that
# fails, and ends with one summary line per stage.
set -uo pipefail
cd "$(dirname "$0")/.."

# Counts of an earlier run must not show up in this run's summary.
rm -f test-results/e2e-summary.json

names=()
results=()
times=()
failed=0
# Each stage's output is also kept here, so the summary can say how many tests each one ran.
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

stage() {
	local name="$1"
	shift
	names+=("$name")
	if [[ $failed -ne 0 ]]; then
		results+=("skipped")
		times+=("-")
		return 0
	fi
	echo
	echo "=== test-all: ${name} ==="
	local start=$SECONDS rc
	echo "$name" >"$logs/${#names[@]}.name"
	"$@" 2>&1 | tee "$logs/${#names[@]}.log"
	rc=${PIPESTATUS[0]}
	times+=("$((SECONDS - start))s")
	if [[ $rc -eq 0 ]]; then
		results+=("passed")
		echo "=== test-all: ${name}: passed ==="
	else
		results+=("FAILED (exit $rc)")
		echo "=== test-all: ${name}: FAILED (exit $rc) ===" >&2
		failed=$rc
	fi
}

# A stage that runs in the background while the next stages run: its output is kept and printed
# whole when it is waited for, and it counts as failed then. Only for a stage that mostly waits
# (the cluster suite waits for drains, outages and sweeps), so the cores go to the others.
bg_pid=""
bg_index=""
stage_in_background() {
	local name="$1"
	shift
	names+=("$name")
	bg_index=${#names[@]}
	results+=("running")
	times+=("-")
	if [[ $failed -ne 0 ]]; then
		results[bg_index - 1]="skipped"
		bg_index=""
		return 0
	fi
	echo
	echo "=== test-all: ${name}: started in the background ==="
	echo "$name" >"$logs/${bg_index}.name"
	(
		start=$(date +%s)
		"$@" >"$logs/${bg_index}.log" 2>&1
		echo $? >"$logs/${bg_index}.rc"
		echo $(($(date +%s) - start)) >"$logs/${bg_index}.seconds"
	) &
	bg_pid=$!
}
wait_for_background() {
	[[ -z "$bg_index" ]] && return 0
	wait "$bg_pid"
	local i=$bg_index name rc
	name="${names[i - 1]}"
	bg_index=""
	rc=$(cat "$logs/$i.rc")
	echo
	echo "=== test-all: ${name} (ran in the background) ==="
	cat "$logs/$i.log"
	times[i - 1]="$(cat "$logs/$i.seconds")s (alongside)"
	if [[ $rc -eq 0 ]]; then
		results[i - 1]="passed"
		echo "=== test-all: ${name}: passed ==="
	else
		results[i - 1]="FAILED (exit $rc)"
		echo "=== test-all: ${name}: FAILED (exit $rc) ===" >&2
		[[ $failed -eq 0 ]] && failed=$rc
	fi
}

stage "system packages (chromium, postgresql, fonts)" bash scripts/ensure-system-deps.sh
stage "static checks (svelte-check, eslint, prettier, knip)" npm run --silent check
# One production build for the cluster, end-to-end and budget stages.
stage "build the app (vite build)" npx vite build --logLevel warn
# The cluster suite mostly waits (drains, a 10 s outage, reminder sweeps): it runs alongside the
# unit and DB tests, on its own PostgreSQL and ports (with-postgres.sh is inside the npm script).
stage_in_background "two servers, one PostgreSQL, faults (playwright)" env CLUSTER_REUSE_BUILD=1 npm run --silent test:cluster
stage "unit and DB tests on PGlite (vitest)" env -u TEST_DATABASE_URL -u DATABASE_TEST_KIND npx vitest run
# The dialect-sensitive DB tests again on PostgreSQL; scripts/test-pg.sh lists them and says why.
stage "DB tests on PostgreSQL (vitest, test-pg.sh)" bash scripts/test-pg.sh
# Before the end-to-end tests: both write under test-results/ and playwright-report/.
wait_for_background
stage "end-to-end tests in Chromium (playwright)" env E2E_REUSE_BUILD=1 npx playwright test
stage "budgets (bench/budget.ts: JS, transfer, a11y)" npm run --silent budget

echo
echo "=== test-all: summary ==="
passed_count=0
failed_count=0
for i in "${!names[@]}"; do
	printf '  %-48s %-18s %s\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
	case "${results[$i]}" in
	passed) passed_count=$((passed_count + 1)) ;;
	FAILED*) failed_count=$((failed_count + 1)) ;;
	esac
done
# How many tests each stage ran, and what the accessibility crawl checked: they must not go down.
npx tsx scripts/test-counts.ts "$logs"
skipped_count=$((${#names[@]} - passed_count - failed_count))
if [[ $skipped_count -gt 0 ]]; then
	echo "stages: ${passed_count} passed, ${failed_count} failed, ${skipped_count} skipped"
else
	echo "stages: ${passed_count} passed, ${failed_count} failed"
fi
exit "$failed"

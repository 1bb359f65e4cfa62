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

stage "system packages (chromium, postgresql, fonts)" bash scripts/ensure-system-deps.sh
stage "static checks (svelte-check, eslint, prettier)" npm run --silent check
stage "unit and DB tests on PGlite (vitest)" env -u TEST_DATABASE_URL -u DATABASE_TEST_KIND npx vitest run
# The dialect-sensitive DB tests again on PostgreSQL; scripts/test-pg.sh lists them and says why.
stage "DB tests on PostgreSQL (vitest, test-pg.sh)" bash scripts/test-pg.sh
stage "end-to-end tests in Chromium (playwright)" npx playwright test
# Reuses the build the e2e stage just made; with-postgres.sh is inside the npm script.
stage "two servers, one PostgreSQL, faults (playwright)" env CLUSTER_REUSE_BUILD=1 npm run --silent test:cluster
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

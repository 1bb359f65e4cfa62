#!/usr/bin/env bash
# `npm run check`: the type checker (svelte-check), ESLint, Prettier and knip (unused files,
# exports and dependencies; knip.jsonc). Each uses about one core,
# so they run side by side; each one's output is printed whole when it ends, and the check fails
# if any of them fails.
set -uo pipefail
cd "$(dirname "$0")/.."

npx svelte-kit sync || exit 1

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
names=(svelte-check eslint prettier knip)
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings >"$out/0" 2>&1 &
pids=($!)
npx eslint . >"$out/1" 2>&1 &
pids+=($!)
npx prettier --check . >"$out/2" 2>&1 &
pids+=($!)
npx knip --no-progress >"$out/3" 2>&1 &
pids+=($!)

failed=0
for i in "${!pids[@]}"; do
	wait "${pids[$i]}"
	rc=$?
	echo "--- ${names[$i]} ---"
	cat "$out/$i"
	if [[ $rc -ne 0 ]]; then
		echo "${names[$i]} failed (exit $rc)" >&2
		failed=1
	fi
done
exit "$failed"

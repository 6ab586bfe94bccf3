#!/usr/bin/env bash
# Runs every test of the solution in Release and closes with one summary line "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Registry").
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
# Store tests run against a real PostgreSQL: a throwaway cluster on 127.0.0.1 unless one is given.
if [ -z "${RECOMMENDER_TEST_POSTGRES:-}" ]; then
  eval "$(scripts/postgres.sh start)"   # exports RECOMMENDER_TEST_POSTGRES and RECOMMENDER_TEST_POSTGRES_DIR
  trap '[ -n "${RECOMMENDER_TEST_POSTGRES_DIR:-}" ] && scripts/postgres.sh stop "$RECOMMENDER_TEST_POSTGRES_DIR"; rm -rf "$results"' EXIT
else
  trap 'rm -rf "$results"' EXIT
fi

dotnet test Recommender.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"

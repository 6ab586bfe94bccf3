#!/usr/bin/env bash
# The serving load test of the serving issue: the service (Release) on MovieLens 100K with a variant of two
# models + weighted blend + three rules; wrk on GET /healthz/live, then on POST /v1/recommendations, same run.
# Prints both requests/s, the ratio and the recommendations p99. Further arguments go to the service, e.g.
# --Serving:CandidateCache:Entries=0 to measure without the candidate cache.
#   bench/http/load-test.sh [data folder] [duration] [--Section:Key=value ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-../shared/data/ml-100k}"
duration="${2:-30s}"
shift $(( $# < 2 ? $# : 2 ))
port=5099
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

dotnet build -c Release src/Recommender.Api -v quiet -nologo >/dev/null
cp bench/http/experiments.load.json "$work/experiments.json"
dotnet src/Recommender.Api/bin/Release/net10.0/Recommender.Api.dll serve --data "$data" --models "$work/models" \
  --urls "http://127.0.0.1:$port" --Recommender:ExperimentsPath="$work/experiments.json" \
  --Recommender:ExperimentsDatabase="$work/store/experiments.db" \
  --Recommender:Models=popularity,als,ease --Recommender:SimilarItemsModel=als --Logging:LogLevel:Default=Warning "$@" &
server=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null

# Warm-up long enough for tiered compilation to reach its optimised, profile-guided code on every hot path
# (with 5 s, JIT work still took a tenth of the measured CPU), then the two measured runs.
wrk -t2 -c32 -d20s -s bench/http/recommend.lua "http://127.0.0.1:$port" >/dev/null
wrk -t2 -c32 -d5s --latency "http://127.0.0.1:$port/healthz/live" >/dev/null
live=$(wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/healthz/live")
recs=$(wrk -t2 -c32 -d"$duration" --latency -s bench/http/recommend.lua "http://127.0.0.1:$port")
echo "== GET /healthz/live"; echo "$live"
echo "== POST /v1/recommendations"; echo "$recs"
live_rps=$(echo "$live" | awk '/Requests\/sec/ {print $2}')
recs_rps=$(echo "$recs" | awk '/Requests\/sec/ {print $2}')
p99=$(echo "$recs" | awk '$1 == "99%" {print $2}')
errors=$(echo "$recs" | awk '/Non-2xx/ {print $5}')
echo "{\"liveRps\": $live_rps, \"recommendationsRps\": $recs_rps, \"ratio\": $(awk "BEGIN {printf \"%.3f\", $recs_rps / $live_rps}"), \"recommendationsP99\": \"$p99\", \"non2xx\": \"${errors:-0}\"}"

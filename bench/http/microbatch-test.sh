#!/usr/bin/env bash
# Micro-batching on the request path (issue 5, HTTP): the service (Release) on a `synth` data set with a large
# catalog, served by ALS alone (cascade of one model, no rules, pool 30), so that the embedding scan dominates each
# request. Two service starts on the same data and registry: micro-batching off (Scoring:MicroBatchDelayMicroseconds=0),
# then on (the given delay). Each: 5 s warm-up, then `wrk -t2 -c64 -d<duration>` on POST /v1/recommendations.
# Prints both rps and p99, the ratios, and the batch sizes the service recorded (GET /metrics).
#   bench/http/microbatch-test.sh [items] [duration] [delay µs]
set -euo pipefail
cd "$(dirname "$0")/../.."
items="${1:-300000}"
duration="${2:-30s}"
delay="${3:-300}"
users=20000
interactions=$(( items * 20 / 3 ))
port=5098
work="${MICROBATCH_WORK:-/tmp/recommender-microbatch}"
data="$work/synth-$items"
server=""
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap stop_server EXIT
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

dotnet build -c Release src/Recommender.Api -v quiet -nologo >/dev/null
dll=src/Recommender.Api/bin/Release/net10.0/Recommender.Api.dll
mkdir -p "$work"
cp bench/http/experiments.microbatch.json "$work/experiments.json"
[ -f "$data/interactions.csv" ] || dotnet "$dll" synth --output "$data" --users "$users" --items "$items" \
  --interactions "$interactions" --seed 7 --implicit >/dev/null

run() { # $1 = delay in µs (0 = off); prints wrk's output, then the batch-size histogram lines of /metrics
  dotnet "$dll" serve --data "$data" --models "$work/models-$items" --urls "http://127.0.0.1:$port" \
    --Recommender:ExperimentsPath="$work/experiments.json" --Recommender:Models=popularity,als \
    --Recommender:SimilarItemsModel=als --Recommender:ExperimentsDatabase="$work/experiments.db" \
    --Scoring:Device=cpu --Scoring:MicroBatchDelayMicroseconds="$1" --Scoring:MicroBatchMaxSize=64 \
    --Logging:LogLevel:Default=Warning >"$work/server-$1.log" 2>&1 &
  server=$!
  # The first start trains ALS on the data and publishes it; the second loads that version from the registry.
  for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null
  USERS=$users wrk -t2 -c64 -d5s -s bench/http/recommend-synth.lua "http://127.0.0.1:$port" >/dev/null
  USERS=$users wrk -t2 -c64 -d"$duration" --latency -s bench/http/recommend-synth.lua "http://127.0.0.1:$port"
  curl -sf "http://127.0.0.1:$port/metrics" | grep -E '^recommender_scoring_(batch_size_(sum|count)|device)' || true
  stop_server
}

off=$(run 0)
on=$(run "$delay")
echo "== micro-batching off"; echo "$off"
echo "== micro-batching on ($delay µs, batches of up to 64)"; echo "$on"
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; print v}'; }
errors() { echo "$1" | awk '/Non-2xx/ {n = $5} END {print n + 0}'; }
batch_mean() { echo "$1" | awk '/batch_size_sum/ {s += $NF} /batch_size_count/ {c += $NF} END {if (c > 0) printf "%.1f", s / c; else print 0}'; }
off_rps=$(rps "$off"); on_rps=$(rps "$on"); off_p99=$(p99 "$off"); on_p99=$(p99 "$on")
echo "{\"items\": $items, \"delayMicroseconds\": $delay, \"offRps\": $off_rps, \"onRps\": $on_rps, \"rpsRatio\": $(awk "BEGIN {printf \"%.3f\", $on_rps / $off_rps}"), \"offP99Ms\": $off_p99, \"onP99Ms\": $on_p99, \"p99Ratio\": $(awk "BEGIN {printf \"%.3f\", $on_p99 / $off_p99}"), \"meanBatch\": $(batch_mean "$on"), \"non2xx\": \"$(errors "$off")/$(errors "$on")\"}"

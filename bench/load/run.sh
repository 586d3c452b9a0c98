#!/usr/bin/env bash
# End-to-end load benchmark (on demand, not part of ./test). In one run it:
#   1. builds (Release) and starts Azurite, local stubs (Slack Web API, Bot Connector, Bot Framework OpenID over https)
#      and the host in Production, with Teams JWT validation on;
#   2. starts a minimal @slack/bolt app (the peer) and a bare Kestrel HMAC-check endpoint (the floor);
#   3. drives host, Bolt and floor alternately with signed `/recovery help` (wrk, 32 connections, 20 s each);
#   4. measures Azurite's raw single-entity insert (and 3-entity transaction) rate, then drives the host with signed `/recovery gap …` over 50
#      channels, and checks the stored gaps (ids 1..N per recovery, none lost, none twice);
#   5. does the same for Teams (`help` and `gap` activities with a Connector token signed by the local key);
#   6. records ready time, idle and peak memory, and writes bench/results.md.
# Exits non-zero when any request failed or a gap check did not hold.
#
# Env knobs: DURATION (20), WARMUP (5), CONNECTIONS (32), THREADS (2), ROUNDS (2 help rounds), CHANNELS (50),
#            GAP_POOL (80000 pre-signed Slack gap requests), RESULTS (bench/results.md), KEEP=1 keeps the work dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
source scripts/lib.sh

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
CHANNELS=${CHANNELS:-50}
GAP_POOL=${GAP_POOL:-80000}
RESULTS=${RESULTS:-$REPO/bench/results.md}
SECRET="bench-signing-secret-$RANDOM$RANDOM"
APP_ID="6b1f2c3d-1111-4222-8333-944455556666"
PREFIX="lb$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rb-load.XXXXXX")
OUT=$WORK/results
mkdir -p "$OUT"
LOADKIT="dotnet $REPO/artifacts/bin/LoadKit/release/LoadKit.dll"
say() { echo "[$(date +%H:%M:%S)] $*"; }

# ---- prerequisites -----------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing wrk (Debian package) ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing; install it with: sudo apt-get install -y wrk" >&2; exit 2
  fi
fi
command -v jq >/dev/null 2>&1 || { echo "jq is missing (apt-get install -y jq)" >&2; exit 2; }
ensure_node_packages
say "Building (Release): host, bare floor, LoadKit ..."
for project in src/RecoveryBot.Host bench/load/BareSlack bench/load/LoadKit; do
  dotnet build "$project" -c Release --nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
done

# ---- processes ---------------------------------------------------------------------------------------------------
pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" = "1" ] || [ "$status" != "0" ]; then echo "Work directory (logs, raw results): $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT INT TERM

free_port() {
  local port
  while true; do
    port=$(( (RANDOM % 20000) + 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_port() {
  for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing listens on port $1 ($2); see $WORK/$2.log" >&2; return 1
}
mem_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

STORAGE_PORT=$(free_port); HOST_PORT=$(free_port); BOLT_PORT=$(free_port); BARE_PORT=$(free_port)
SLACK_API_PORT=$(free_port); CONNECTOR_PORT=$(free_port); OPENID_PORT=$(free_port)
CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$STORAGE_PORT/devstoreaccount1;"
HOST=http://127.0.0.1:$HOST_PORT
SERVICE_URL=http://127.0.0.1:$CONNECTOR_PORT/

say "Starting Azurite (in memory) on $STORAGE_PORT and the stubs ..."
# --silent: no access-log line per request (./run keeps it); Azurite is a single Node process and is the ceiling here.
node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$STORAGE_PORT" --inMemoryPersistence \
  --disableTelemetry --skipApiVersionCheck --silent >"$WORK/azurite.log" 2>&1 &
pids+=($!)
$LOADKIT stubs --dir "$WORK" --slack-port "$SLACK_API_PORT" --connector-port "$CONNECTOR_PORT" --openid-port "$OPENID_PORT" \
  --app-id "$APP_ID" >"$WORK/stubs.log" 2>&1 &
pids+=($!)
wait_port "$STORAGE_PORT" azurite
wait_port "$OPENID_PORT" stubs
# The host trusts the stubs' throw-away CA through OpenSSL's SSL_CERT_FILE (the system bundle plus that CA), so the
# Teams OpenID metadata stays https with certificate validation on, exactly as in production.
cat /etc/ssl/certs/ca-certificates.crt "$WORK/ca.pem" >"$WORK/trust.pem" 2>/dev/null || cp "$WORK/ca.pem" "$WORK/trust.pem"

say "Starting the host (Production) on $HOST_PORT ..."
start_ns=$(date +%s%N)
# Production wants a public https base for summary links and a set link key; the bench serves no summary page.
env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$HOST" Web__PublicBaseUrl="https://recoverybot.bench.example" \
  Web__LinkKey="$(head -c 32 /dev/urandom | base64)" \
  Storage__ConnectionString="$CONNECTION" Storage__TablePrefix="$PREFIX" \
  Slack__SigningSecret="$SECRET" Slack__BotToken=xoxb-bench Slack__ApiBaseUrl="http://127.0.0.1:$SLACK_API_PORT/api/" \
  Teams__AppId="$APP_ID" Teams__AppPassword=bench-password \
  Teams__OpenIdMetadataUrl="https://127.0.0.1:$OPENID_PORT/v1/.well-known/openidconfiguration" \
  Scheduler__Enabled=false SSL_CERT_FILE="$WORK/trust.pem" \
  dotnet "$REPO/artifacts/bin/RecoveryBot.Host/release/RecoveryBot.Host.dll" >"$WORK/host.log" 2>&1 &
HOST_PID=$!
pids+=($HOST_PID)
ready_ms=""
for _ in $(seq 1 1500); do
  if curl -fs -o /dev/null "$HOST/readyz" 2>/dev/null; then ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 )); break; fi
  kill -0 "$HOST_PID" 2>/dev/null || { cat "$WORK/host.log"; echo "the host exited" >&2; exit 1; }
  sleep 0.02
done
[ -n "$ready_ms" ] || { cat "$WORK/host.log"; echo "the host did not become ready in 30 s" >&2; exit 1; }
say "  ready after $ready_ms ms"
sleep 5
idle_start_kb=$(mem_kb "$HOST_PID" VmRSS)

# The peer and the floor answer exactly the bytes the host answers to `/recovery help`.
$LOADKIT sign --secret "$SECRET" --kind help --out "$WORK/help.txt"
IFS=$'\t' read -r ts sig body <"$WORK/help.txt"
curl -fsS -o "$WORK/help-reply.json" -XPOST "$HOST/slack/commands" -H "X-Slack-Request-Timestamp: $ts" \
  -H "X-Slack-Signature: $sig" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$body"
say "Starting Bolt (port $BOLT_PORT) and the bare floor (port $BARE_PORT) ..."
SLACK_SIGNING_SECRET="$SECRET" REPLY_FILE="$WORK/help-reply.json" PORT="$BOLT_PORT" node bench/load/bolt/app.mjs >"$WORK/bolt.log" 2>&1 &
pids+=($!)
SLACK_SIGNING_SECRET="$SECRET" REPLY_FILE="$WORK/help-reply.json" ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$REPO/artifacts/bin/BareSlack/release/BareSlack.dll" --urls "http://127.0.0.1:$BARE_PORT" >"$WORK/bare.log" 2>&1 &
pids+=($!)
wait_port "$BOLT_PORT" bolt
wait_port "$BARE_PORT" bare

# ---- measurements ------------------------------------------------------------------------------------------------
# wrk_run NAME SECONDS URL SCRIPT ARGS... → $OUT/NAME.json (wrk's JSON line plus the load average before the run)
wrk_run() {
  local name=$1 seconds=$2 url=$3 script=$4; shift 4
  local before; before=$(loadavg)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "bench/load/$script" "$url" -- "$@" >"$WORK/$name.wrk" 2>&1 \
    || { cat "$WORK/$name.wrk"; return 1; }
  tail -1 "$WORK/$name.wrk" | jq -c --arg load "$before" --arg name "$name" '. + {name: $name, load: $load}' >"$OUT/$name.json"
  say "  $name: $(jq -r '"\(.rps) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms"' "$OUT/$name.json") (load $before)"
}
slack_help() { # NAME URL SECONDS
  $LOADKIT sign --secret "$SECRET" --kind help --out "$WORK/help.txt"
  wrk_run "$1" "$3" "$2/slack/commands" slack.lua "$WORK/help.txt" "$THREADS"
}

say "Slack help: host vs Bolt vs bare floor, $ROUNDS rounds of ${DURATION} s each at $CONNECTIONS connections ..."
for who in host:$HOST bolt:http://127.0.0.1:$BOLT_PORT bare:http://127.0.0.1:$BARE_PORT; do
  slack_help "warmup-${who%%:*}" "${who#*:}" "$WARMUP" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  slack_help "help-host-$round" "$HOST" "$DURATION"
  slack_help "help-bolt-$round" "http://127.0.0.1:$BOLT_PORT" "$DURATION"
  slack_help "help-bare-$round" "http://127.0.0.1:$BARE_PORT" "$DURATION"
done

say "Slack gap: start a recovery in each of $CHANNELS channels ..."
$LOADKIT sign --secret "$SECRET" --kind start --channels "$CHANNELS" --out "$WORK/start.txt"
while IFS=$'\t' read -r ts sig body; do
  code=$(curl -sS -o "$WORK/start-reply.txt" -w '%{http_code}' -XPOST "$HOST/slack/commands" -H "X-Slack-Request-Timestamp: $ts" \
    -H "X-Slack-Signature: $sig" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$body")
  [ "$code" = "200" ] || { echo "start answered $code: $(cat "$WORK/start-reply.txt")" >&2; exit 1; }
done <"$WORK/start.txt"

say "Azurite's raw rates (StorageBench RawInserts, then RawBatches; $CONNECTIONS workers, ${DURATION} s each) ..."
raw_load=$(loadavg)
$LOADKIT raw-inserts --connection "$CONNECTION" --seconds "$DURATION" --workers "$CONNECTIONS" \
  | jq -c --arg load "$raw_load" '. + {load: $load}' >"$OUT/raw-inserts.json"
say "  raw inserts: $(jq -r .rate "$OUT/raw-inserts.json") /s, raw 3-entity transactions: $(jq -r .batchRate "$OUT/raw-inserts.json") /s (load $raw_load)"

say "Slack gap: ${DURATION} s of signed gap reports over $CHANNELS channels ..."
# A warm-up first (its own titles; its gaps are checked too): the first report per recovery reads the row, and the
# storage path's code and connections are cold.
$LOADKIT sign --secret "$SECRET" --kind gap --channels "$CHANNELS" --count $((GAP_POOL / 4)) --prefix "w$PREFIX" --out "$WORK/gap-warmup.txt"
wrk_run warmup-gap-slack "$WARMUP" "$HOST/slack/commands" slack.lua "$WORK/gap-warmup.txt" "$THREADS" >/dev/null
$LOADKIT sign --secret "$SECRET" --kind gap --channels "$CHANNELS" --count "$GAP_POOL" --prefix "s$PREFIX" --out "$WORK/gap.txt"
wrk_run gap-slack "$DURATION" "$HOST/slack/commands" slack.lua "$WORK/gap.txt" "$THREADS"

say "Teams: start a recovery in each of $CHANNELS channels, then help and gap activities (JWT validation on) ..."
TOKEN=$(cat "$WORK/teams-token.txt")
for c in $(seq 0 $((CHANNELS - 1))); do
  channel=$(printf '19:bench%03d@thread.tacv2' "$c")
  activity=$(jq -nc --arg s "$SERVICE_URL" --arg c "$channel" --arg id "start-$c" '{type:"message",id:$id,serviceUrl:$s,channelId:"msteams",
    from:{id:"29:bench-lead",name:"Bench Lead"},conversation:{isGroup:true,conversationType:"channel",tenantId:"00000000-0000-0000-0000-000000000001",id:($c + ";messageid=" + $id)},
    recipient:{id:"28:00000000-0000-0000-0000-000000000011",name:"RecoveryBot"},text:"<at>RecoveryBot</at> start Bench recovery tz UTC",
    entities:[{type:"mention",mentioned:{id:"28:00000000-0000-0000-0000-000000000011",name:"RecoveryBot"},text:"<at>RecoveryBot</at>"}],
    channelData:{tenant:{id:"00000000-0000-0000-0000-000000000001"},channel:{id:$c}}}')
  code=$(curl -sS -o /dev/null -w '%{http_code}' -XPOST "$HOST/api/messages" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "$activity")
  [ "$code" = "200" ] || { echo "Teams start answered $code" >&2; tail -5 "$WORK/host.log" >&2; exit 1; }
done
wrk_run warmup-teams "$WARMUP" "$HOST/api/messages" teams.lua "$WORK/teams-token.txt" "$SERVICE_URL" help "$CHANNELS" w >/dev/null
wrk_run help-teams "$DURATION" "$HOST/api/messages" teams.lua "$WORK/teams-token.txt" "$SERVICE_URL" help "$CHANNELS" h
wrk_run warmup-gap-teams "$WARMUP" "$HOST/api/messages" teams.lua "$WORK/teams-token.txt" "$SERVICE_URL" gap "$CHANNELS" "w$PREFIX" >/dev/null
wrk_run gap-teams "$DURATION" "$HOST/api/messages" teams.lua "$WORK/teams-token.txt" "$SERVICE_URL" gap "$CHANNELS" "t$PREFIX"

# ---- checks and memory -------------------------------------------------------------------------------------------
sleep 3 # turns still running when wrk stopped finish their writes and replies
peak_kb=$(mem_kb "$HOST_PID" VmHWM)
say "Checking the stored gaps ..."
slack_acks=$(jq -s 'map(.ok_empty) | add' "$OUT/warmup-gap-slack.json" "$OUT/gap-slack.json")
slack_inflight=$(jq -s 'map(.sent - .requests) | add' "$OUT/warmup-gap-slack.json" "$OUT/gap-slack.json")
set +e
$LOADKIT verify --connection "$CONNECTION" --prefix "$PREFIX" --stats "http://127.0.0.1:$CONNECTOR_PORT/stats" \
  --slack-acks "$slack_acks" --slack-inflight "$slack_inflight" >"$OUT/verify.json"
verify_status=$?
set -e
jq -c . "$OUT/verify.json"
say "Idle after load: waiting 15 s ..."
sleep 15
idle_after_kb=$(mem_kb "$HOST_PID" VmRSS)

cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
jq -n --arg nproc "$(nproc)" --arg mem "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" \
  --arg cpu "${cpu_model:-unknown}" --arg dotnet "$(dotnet --version)" --arg node "$(node --version)" \
  --arg wrk "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)" --arg bolt "$(node -p "require('@slack/bolt/package.json').version")" \
  --arg kernel "$(uname -r)" --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg loadEnd "$(loadavg)" \
  --argjson ready "$ready_ms" --argjson idleStart "$idle_start_kb" --argjson idleAfter "$idle_after_kb" --argjson peak "$peak_kb" \
  --argjson duration "$DURATION" --argjson connections "$CONNECTIONS" --argjson threads "$THREADS" --argjson channels "$CHANNELS" \
  '{machine: {nproc: $nproc, memory: $mem, cpu: $cpu, dotnet: $dotnet, node: $node, wrk: $wrk, bolt: $bolt, kernel: $kernel},
    date: $date, loadEnd: $loadEnd, readyMs: $ready, idleStartKb: $idleStart, idleAfterKb: $idleAfter, peakKb: $peak,
    duration: $duration, connections: $connections, threads: $threads, channels: $channels}' >"$OUT/run.json"

set +e
node bench/load/report.mjs "$OUT" >"$RESULTS.tmp"
report_status=$?
set -e
mv "$RESULTS.tmp" "$RESULTS"
say "Wrote $RESULTS"
cat "$RESULTS"
if [ "$verify_status" != "0" ] || [ "$report_status" != "0" ]; then
  echo "FAILED: some requests failed or the gap check did not hold (see above)." >&2
  exit 1
fi

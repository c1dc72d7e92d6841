#!/usr/bin/env bash
# The HTTPS benchmark of issue 17: samizdat's cached post page over its own TLS against
# nginx serving the same bytes over TLS with the same certificate, next to the plain-HTTP
# pair, all in one run (keep-alive; wrk on core 0, the servers on core 1); then full TLS
# handshakes per second, samizdat's against nginx's (openssl s_time -new). The four
# servers run side by side and are loaded in turn, ROUNDS times, so that a slow spell of
# the machine falls on all of them; the table gives each one's median.
#
# usage: bash bench/https.sh path/to/samizdat [N_POSTS=10000]
# env:   ROUNDS (3), DURATION (wrk -d per load, default 5s), CONNECTIONS (wrk -c, 32),
#        HANDSHAKE_SECONDS (s_time -time per round, 3), SEED (1), MAKE_BLOG, NGINX,
#        BENCH_DATA
set -euo pipefail

BENCH_NAME=bench/https.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/https.sh path/to/samizdat [N_POSTS=10000]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAMIZDAT=$1
N_POSTS=${2:-10000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
HANDSHAKE_SECONDS=${HANDSHAKE_SECONDS:-3}
SEED=${SEED:-1}
BENCH_DATA=${BENCH_DATA:-$ROOT/build/bench-data}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ $N_POSTS =~ ^[1-9][0-9]*$ ]] || die "N_POSTS must be a positive whole number, not '$N_POSTS'"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive whole number, not '$ROUNDS'"

FindBinaries "$SAMIZDAT"
RequireTools wrk curl taskset python3 openssl "$NGINX"
MakeWorkDir "${TMPDIR:-/tmp}"
chmod 755 "$WORK"  # nginx's worker (run by root, it becomes nobody) reads www/ from here

echo "samizdat HTTPS benchmark: $N_POSTS posts, $ROUNDS rounds of wrk -t1 -c$CONNECTIONS -d$DURATION (core 0), servers on core 1"
echo "binary: $SAMIZDAT"
MakeData "$N_POSTS" "$SEED"
POST_PATH=$(cat "$DATA/sample-path")
[[ $POST_PATH == /*.html ]] || die "no sample post path in $DATA/sample-path"

# One ECDSA P-256 certificate for both servers (what Let's Encrypt issues by default for
# an ECDSA key).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj /CN=bench.test -addext subjectAltName=DNS:bench.test \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
chmod 644 "$WORK/key.pem"

# CPU seconds (user + system) process $1 has used so far, in clock ticks.
CpuTicks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Load (lib.sh) with the server's CPU time per request: steadier than req/s when the
# machine is shared. Appends req/s to the series file $WORK/NAME.rps and microseconds of
# server CPU a request to $WORK/NAME.us.
LoadWithCpu() {
  local name=$1 url=$2 pid=$3 before after requests us
  before=$(CpuTicks "$pid")
  Load "$name" "$url"
  after=$(CpuTicks "$pid")
  requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk-$name.txt")
  us=$(awk -v a="$before" -v b="$after" -v r="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f", (b - a) / hz * 1e6 / r }')
  printf '  %-22s %10s us of server CPU a request\n' "" "$us"
  echo "$RPS" >>"$WORK/$name.rps"
  echo "$us" >>"$WORK/$name.us"
}

# Full handshakes per second against 127.0.0.1:$2, each a new TLS 1.3 session; appended
# to $WORK/NAME.hps.
Handshakes() {
  local name=$1 port=$2 out=$WORK/s_time-$1.txt hps
  taskset -c 0 openssl s_time -connect "127.0.0.1:$port" -new -time "$HANDSHAKE_SECONDS" \
    >"$out" 2>&1 || { cat "$out" >&2; die "openssl s_time failed on port $port"; }
  hps=$(awk '/connections in [0-9.]+ real seconds/ { printf "%.1f", $1 / $4 }' "$out" | tail -n 1)
  [[ -n $hps ]] || { cat "$out" >&2; die "no handshake count in s_time's output"; }
  printf '  %-22s %10.1f handshakes/s\n' "$name" "$hps"
  echo "$hps" >>"$WORK/$name.hps"
}

# The median of the numbers in file $1.
Median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# --- the four servers: samizdat plain and TLS (its page cache warm), nginx plain and TLS --
PLAIN_PORT=$(FreePort)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$PLAIN_PORT" --threads 1 \
  --access-log "$WORK/samizdat-plain-access.log" >"$WORK/serve-plain.log" 2>&1 &
PLAIN_PID=$!
PIDS+=("$PLAIN_PID")
WaitFor200 "http://127.0.0.1:$PLAIN_PORT$POST_PATH" "$PLAIN_PID" "$WORK/serve-plain.log"
TLS_PORT=$(FreePort)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$TLS_PORT" --threads 1 \
  --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" \
  --access-log "$WORK/samizdat-tls-access.log" >"$WORK/serve-tls.log" 2>&1 &
TLS_PID=$!
PIDS+=("$TLS_PID")
WaitFor200 "https://127.0.0.1:$TLS_PORT$POST_PATH" "$TLS_PID" "$WORK/serve-tls.log"

# The pages name their own address, scheme included: the plain and the HTTPS page differ,
# and nginx serves each over its own scheme.
PAGE=$WORK/www-plain$POST_PATH
TLS_PAGE=$WORK/www-tls$POST_PATH
mkdir -p "$(dirname "$PAGE")" "$(dirname "$TLS_PAGE")"
curl -s -f -H 'Host: bench.test' -o "$PAGE" "http://127.0.0.1:$PLAIN_PORT$POST_PATH"  # warms
curl -s -k -f -H 'Host: bench.test' -o "$TLS_PAGE" "https://127.0.0.1:$TLS_PORT$POST_PATH"

NGINX_PORT=$(FreePort)
NGINX_TLS_PORT=$(FreePort)
StartNginx "  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www-plain;
  }
  server {
    listen 127.0.0.1:$NGINX_TLS_PORT ssl;
    ssl_certificate $WORK/cert.pem;
    ssl_certificate_key $WORK/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $WORK/www-tls;
  }"
WaitFor200 "https://127.0.0.1:$NGINX_TLS_PORT$POST_PATH" "$NGINX_PID" "$WORK/nginx/logs/error.log"
NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -n 1)
curl -s -k -f "https://127.0.0.1:$NGINX_TLS_PORT$POST_PATH" | cmp -s - "$TLS_PAGE" ||
  die "nginx does not serve the saved HTTPS page's bytes"
curl -s -f "http://127.0.0.1:$NGINX_PORT$POST_PATH" | cmp -s - "$PAGE" ||
  die "nginx does not serve the saved plain page's bytes"

# --- the rounds: each server loaded in turn -----------------------------------------------
for round in $(seq "$ROUNDS"); do
  echo "round $round:"
  LoadWithCpu samizdat-plain "http://127.0.0.1:$PLAIN_PORT$POST_PATH" "$PLAIN_PID"
  LoadWithCpu nginx-plain "http://127.0.0.1:$NGINX_PORT$POST_PATH" "$NGINX_WORKER"
  LoadWithCpu samizdat-tls "https://127.0.0.1:$TLS_PORT$POST_PATH" "$TLS_PID"
  LoadWithCpu nginx-tls "https://127.0.0.1:$NGINX_TLS_PORT$POST_PATH" "$NGINX_WORKER"
  Handshakes samizdat-handshakes "$TLS_PORT"
  Handshakes nginx-handshakes "$NGINX_TLS_PORT"
done
TLS_RSS=$(RssMb "$TLS_PID")

# --- the table: medians ---------------------------------------------------------------------
Verdict() { if awk "BEGIN { exit !($1) }"; then echo meets; else echo misses; fi; }
Ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
Row() {  # label, series name, baseline series name
  local rps base
  rps=$(Median "$WORK/$2.rps")
  base=$(Median "$WORK/$3.rps")
  printf '%-30s %12.1f %9s %10s\n' "$1" "$rps" "$(Ratio "$rps" "$base")" "$(Median "$WORK/$2.us")"
}
echo
echo "medians of $ROUNDS rounds:"
printf '%-30s %12s %9s %10s\n' benchmark "per second" "vs nginx" "CPU us/req"
Row "nginx, plain post page" nginx-plain nginx-plain
Row "samizdat, plain cached post" samizdat-plain nginx-plain
Row "nginx, HTTPS post page" nginx-tls nginx-tls
Row "samizdat, HTTPS cached post" samizdat-tls nginx-tls
NGINX_HPS=$(Median "$WORK/nginx-handshakes.hps")
TLS_HPS=$(Median "$WORK/samizdat-handshakes.hps")
printf '%-30s %12.1f %9s\n' "nginx, TLS handshakes" "$NGINX_HPS" 1.00x
printf '%-30s %12.1f %9s\n' "samizdat, TLS handshakes" "$TLS_HPS" "$(Ratio "$TLS_HPS" "$NGINX_HPS")"
TLS_RPS=$(Median "$WORK/samizdat-tls.rps")
NGINX_TLS_RPS=$(Median "$WORK/nginx-tls.rps")
echo "HTTPS cached post >= 1.0x nginx (issue 17): $(Verdict "$TLS_RPS >= $NGINX_TLS_RPS");" \
  "per round: $(paste -d' ' "$WORK/samizdat-tls.rps" "$WORK/nginx-tls.rps" |
    awk '{ printf "%s%.2fx", (NR > 1 ? ", " : ""), $1 / $2 }')"
echo "(post page $(stat -c %s "$PAGE") bytes plain, $(stat -c %s "$TLS_PAGE") over HTTPS; samizdat's TLS server VmRSS $TLS_RSS MB)"

#!/usr/bin/env bash
# The HTTPS benchmark of issue 17: samizdat's cached post page over its own TLS against
# nginx serving the same bytes over TLS with the same certificate, next to the plain-HTTP
# pair, all in one run (keep-alive; wrk on core 0, the servers on core 1); then full TLS
# handshakes per second, samizdat's against nginx's (openssl s_time -new).
#
# usage: bash bench/https.sh path/to/samizdat [N_POSTS=10000]
# env:   DURATION (wrk -d, default 10s), CONNECTIONS (wrk -c, default 32), SEED (1),
#        HANDSHAKE_SECONDS (s_time -time, default 5), MAKE_BLOG, NGINX, BENCH_DATA
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
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
SEED=${SEED:-1}
HANDSHAKE_SECONDS=${HANDSHAKE_SECONDS:-5}
BENCH_DATA=${BENCH_DATA:-$ROOT/build/bench-data}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ $N_POSTS =~ ^[1-9][0-9]*$ ]] || die "N_POSTS must be a positive whole number, not '$N_POSTS'"

FindBinaries "$SAMIZDAT"
RequireTools wrk curl taskset python3 openssl "$NGINX"
MakeWorkDir "${TMPDIR:-/tmp}"
chmod 755 "$WORK"  # nginx's worker (run by root, it becomes nobody) reads www/ from here

echo "samizdat HTTPS benchmark: $N_POSTS posts, wrk -t1 -c$CONNECTIONS -d$DURATION (core 0), servers on core 1"
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
# machine is shared. Sets RPS and US (microseconds of server CPU per request).
US=0
LoadWithCpu() {
  local name=$1 url=$2 pid=$3 before after requests
  before=$(CpuTicks "$pid")
  Load "$name" "$url"
  after=$(CpuTicks "$pid")
  requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk-$name.txt")
  US=$(awk -v a="$before" -v b="$after" -v r="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f", (b - a) / hz * 1e6 / r }')
  printf '  %-22s %10s us of server CPU a request\n' "" "$US"
}

# Full handshakes per second against 127.0.0.1:$1, each a new TLS 1.3 session; sets HPS.
HPS=0
Handshakes() {
  local name=$1 port=$2 out=$WORK/s_time-$1.txt
  taskset -c 0 openssl s_time -connect "127.0.0.1:$port" -new -time "$HANDSHAKE_SECONDS" \
    >"$out" 2>&1 || { cat "$out" >&2; die "openssl s_time failed on port $port"; }
  HPS=$(awk '/connections in [0-9.]+ real seconds/ { printf "%.1f", $1 / $4 }' "$out" | tail -n 1)
  [[ -n $HPS ]] || { cat "$out" >&2; die "no handshake count in s_time's output"; }
  printf '  %-22s %10.1f handshakes/s\n' "$name" "$HPS"
}

# --- samizdat, plain and TLS, with its page cache ---------------------------------------
echo "samizdat:"
PORT=$(FreePort)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$PORT" --threads 1 \
  --access-log "$WORK/samizdat-access.log" >"$WORK/serve-plain.log" 2>&1 &
PLAIN_PID=$!
PIDS+=("$PLAIN_PID")
WaitFor200 "http://127.0.0.1:$PORT$POST_PATH" "$PLAIN_PID" "$WORK/serve-plain.log"
# The pages name their own address, scheme included: the plain and the HTTPS page differ,
# and nginx serves each over its own scheme.
PAGE=$WORK/www-plain$POST_PATH
TLS_PAGE=$WORK/www-tls$POST_PATH
mkdir -p "$(dirname "$PAGE")" "$(dirname "$TLS_PAGE")"
curl -s -f -H 'Host: bench.test' -o "$PAGE" "http://127.0.0.1:$PORT$POST_PATH"  # warms the cache
LoadWithCpu plain-cached-post "http://127.0.0.1:$PORT$POST_PATH" "$PLAIN_PID"
PLAIN_RPS=$RPS
PLAIN_US=$US
Stop "$PLAIN_PID"

PORT=$(FreePort)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$PORT" --threads 1 \
  --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" \
  --access-log "$WORK/samizdat-access.log" >"$WORK/serve-tls.log" 2>&1 &
TLS_PID=$!
PIDS+=("$TLS_PID")
WaitFor200 "https://127.0.0.1:$PORT$POST_PATH" "$TLS_PID" "$WORK/serve-tls.log"
curl -s -k -f -H 'Host: bench.test' -o "$TLS_PAGE" "https://127.0.0.1:$PORT$POST_PATH"  # warms
LoadWithCpu tls-cached-post "https://127.0.0.1:$PORT$POST_PATH" "$TLS_PID"
TLS_RPS=$RPS
TLS_US=$US
Handshakes tls-handshakes "$PORT"
TLS_HPS=$HPS
TLS_RSS=$(RssMb "$TLS_PID")
Stop "$TLS_PID"

# --- nginx, plain and TLS, serving the same bytes with the same certificate -------------
echo "nginx (a static copy of the post page):"
PORT=$(FreePort)
TLS_PORT=$(FreePort)
StartNginx "  server {
    listen 127.0.0.1:$PORT;
    root $WORK/www-plain;
  }
  server {
    listen 127.0.0.1:$TLS_PORT ssl;
    ssl_certificate $WORK/cert.pem;
    ssl_certificate_key $WORK/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $WORK/www-tls;
  }"
WaitFor200 "https://127.0.0.1:$TLS_PORT$POST_PATH" "$NGINX_PID" "$WORK/nginx/logs/error.log"
NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -n 1)
curl -s -k -f "https://127.0.0.1:$TLS_PORT$POST_PATH" | cmp -s - "$TLS_PAGE" ||
  die "nginx does not serve the saved HTTPS page's bytes"
curl -s -f "http://127.0.0.1:$PORT$POST_PATH" | cmp -s - "$PAGE" ||
  die "nginx does not serve the saved plain page's bytes"
LoadWithCpu nginx-plain "http://127.0.0.1:$PORT$POST_PATH" "$NGINX_WORKER"
NGINX_PLAIN_RPS=$RPS
NGINX_PLAIN_US=$US
LoadWithCpu nginx-tls "https://127.0.0.1:$TLS_PORT$POST_PATH" "$NGINX_WORKER"
NGINX_TLS_RPS=$RPS
NGINX_TLS_US=$US
Handshakes nginx-handshakes "$TLS_PORT"
NGINX_HPS=$HPS
Stop "$NGINX_PID"

# --- the table ------------------------------------------------------------------------------
Verdict() { if awk "BEGIN { exit !($1) }"; then echo meets; else echo misses; fi; }
Ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo
printf '%-30s %12s %9s %10s   %-16s %s\n' benchmark "per second" "vs nginx" "CPU us/req" \
  "target (issue)" result
printf '%-30s %12.1f %9s %10s\n' "nginx, plain post page" "$NGINX_PLAIN_RPS" 1.00x "$NGINX_PLAIN_US"
printf '%-30s %12.1f %9s %10s\n' "samizdat, plain cached post" "$PLAIN_RPS" \
  "$(Ratio "$PLAIN_RPS" "$NGINX_PLAIN_RPS")" "$PLAIN_US"
printf '%-30s %12.1f %9s %10s\n' "nginx, HTTPS post page" "$NGINX_TLS_RPS" 1.00x "$NGINX_TLS_US"
printf '%-30s %12.1f %9s %10s   %-16s %s\n' "samizdat, HTTPS cached post" "$TLS_RPS" \
  "$(Ratio "$TLS_RPS" "$NGINX_TLS_RPS")" "$TLS_US" ">= 1.0x nginx" \
  "$(Verdict "$TLS_RPS >= $NGINX_TLS_RPS")"
printf '%-30s %12.1f %9s\n' "nginx, TLS handshakes" "$NGINX_HPS" 1.00x
printf '%-30s %12.1f %9s\n' "samizdat, TLS handshakes" "$TLS_HPS" "$(Ratio "$TLS_HPS" "$NGINX_HPS")"
echo "(post page $(stat -c %s "$PAGE") bytes plain, $(stat -c %s "$TLS_PAGE") over HTTPS; samizdat's VmRSS after the HTTPS runs $TLS_RSS MB)"

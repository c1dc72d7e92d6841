#!/usr/bin/env bash
# The load benchmarks of issue 2: samizdat (cached, uncached) against nginx serving the
# same bytes as static files (the post page, the home page, the feed), measured in one run
# on 127.0.0.1; and (issue 14) the post page in Blogger's Contempo theme, uncached and
# cached. See bench/README.md.
#
# usage: bash bench/run.sh path/to/samizdat [N_POSTS=10000]
# env:   DURATION (wrk -d, default 10s), CONNECTIONS (wrk -c, default 32), SEED (1),
#        MAKE_BLOG (path of samizdat_make_blog), NGINX (path of nginx),
#        BENCH_DATA (cache of generated blogs, default build/bench-data),
#        CONTEMPO (the Contempo theme, default ../shared/fixtures/blogger-templates/contempo.xml)
set -euo pipefail

BENCH_NAME=bench/run.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/run.sh path/to/samizdat [N_POSTS=10000]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAMIZDAT=$1
N_POSTS=${2:-10000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
SEED=${SEED:-1}
BENCH_DATA=${BENCH_DATA:-$ROOT/build/bench-data}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
CONTEMPO=${CONTEMPO:-$ROOT/../shared/fixtures/blogger-templates/contempo.xml}
[[ -r $CONTEMPO ]] || die "cannot read the Contempo theme at $CONTEMPO (set CONTEMPO)"
[[ $N_POSTS =~ ^[1-9][0-9]*$ ]] || die "N_POSTS must be a positive whole number, not '$N_POSTS'"

FindBinaries "$SAMIZDAT"
RequireTools wrk curl taskset python3 "$NGINX"
MakeWorkDir "${TMPDIR:-/tmp}"
chmod 755 "$WORK"  # nginx's worker (run by root, it becomes nobody) reads www/ from here

echo "samizdat load benchmark: $N_POSTS posts, wrk -t1 -c$CONNECTIONS -d$DURATION (core 0), servers on core 1"
echo "binary: $SAMIZDAT"

# --- the data: one blog of N_POSTS posts, cached between runs ---------------------------
MakeData "$N_POSTS" "$SEED"
# The kept blog wears the default theme (a run stopped while it wore Contempo left it on).
"$SAMIZDAT" --data "$DATA" theme reset --blog bench.test >/dev/null
POST_PATH=$(cat "$DATA/sample-path")
[[ $POST_PATH == /*.html ]] || die "no sample post path in $DATA/sample-path"
echo "post page: $POST_PATH"

# --- samizdat with its page cache: start-up, cached post page, home page ------------------
echo "samizdat (page cache on):"
PORT=$(FreePort)
START=$(Millis)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$PORT" --threads 1 \
  --access-log "$WORK/samizdat-access.log" >"$WORK/serve-cached.log" 2>&1 &
CACHED_PID=$!
PIDS+=("$CACHED_PID")
WaitFor200 "http://127.0.0.1:$PORT$POST_PATH" "$CACHED_PID" "$WORK/serve-cached.log"
STARTUP_MS=$(($(Millis) - START))
printf '  %-22s %10d ms\n' "start-up to first page" "$STARTUP_MS"

PAGE=$WORK/www$POST_PATH
mkdir -p "$(dirname "$PAGE")"
curl -s -f -H 'Host: bench.test' -o "$PAGE" "http://127.0.0.1:$PORT$POST_PATH"  # warms the cache
PAGE_BYTES=$(stat -c %s "$PAGE")
printf '  %-22s %10d bytes\n' "post page size" "$PAGE_BYTES"
HOME_PAGE=$WORK/www/index.html  # nginx's index file for /
curl -s -f -H 'Host: bench.test' -o "$HOME_PAGE" "http://127.0.0.1:$PORT/"  # warms the cache
HOME_BYTES=$(stat -c %s "$HOME_PAGE")
printf '  %-22s %10d bytes\n' "home page size" "$HOME_BYTES"
Load cached-post "http://127.0.0.1:$PORT$POST_PATH"
CACHED_RPS=$RPS
Load home "http://127.0.0.1:$PORT/"
HOME_RPS=$RPS
FEED=$WORK/www/feeds/posts/default
mkdir -p "$(dirname "$FEED")"
curl -s -f -H 'Host: bench.test' -o "$FEED" "http://127.0.0.1:$PORT/feeds/posts/default"  # warms
FEED_BYTES=$(stat -c %s "$FEED")
Load cached-feed "http://127.0.0.1:$PORT/feeds/posts/default"
FEED_RPS=$RPS
CACHED_RSS=$(RssMb "$CACHED_PID")
printf '  %-22s %10s MB\n' "VmRSS after the runs" "$CACHED_RSS"
Stop "$CACHED_PID"

# --- samizdat without the page cache: every request renders -----------------------------
echo "samizdat --no-cache:"
PORT=$(FreePort)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$PORT" --threads 1 \
  --no-cache --access-log "$WORK/samizdat-access.log" >"$WORK/serve-uncached.log" 2>&1 &
UNCACHED_PID=$!
PIDS+=("$UNCACHED_PID")
WaitFor200 "http://127.0.0.1:$PORT$POST_PATH" "$UNCACHED_PID" "$WORK/serve-uncached.log"
Load uncached-post "http://127.0.0.1:$PORT$POST_PATH"
UNCACHED_RPS=$RPS
UNCACHED_RSS=$(RssMb "$UNCACHED_PID")
printf '  %-22s %10s MB\n' "VmRSS after the runs" "$UNCACHED_RSS"
Stop "$UNCACHED_PID"

# --- the same post page in Blogger's Contempo theme: uncached, then cached -------------------
"$SAMIZDAT" --data "$DATA" theme set --blog bench.test "$CONTEMPO" >/dev/null
trap '"$SAMIZDAT" --data "$DATA" theme reset --blog bench.test >/dev/null 2>&1 || true; CleanUp' EXIT
echo "samizdat --no-cache, Contempo theme:"
PORT=$(FreePort)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$PORT" --threads 1 \
  --no-cache --access-log "$WORK/samizdat-access.log" >"$WORK/serve-contempo-uncached.log" 2>&1 &
CONTEMPO_PID=$!
PIDS+=("$CONTEMPO_PID")
WaitFor200 "http://127.0.0.1:$PORT$POST_PATH" "$CONTEMPO_PID" "$WORK/serve-contempo-uncached.log"
Load uncached-contempo "http://127.0.0.1:$PORT$POST_PATH"
CONTEMPO_UNCACHED_RPS=$RPS
Stop "$CONTEMPO_PID"
echo "samizdat (page cache on), Contempo theme:"
PORT=$(FreePort)
taskset -c 1 "$SAMIZDAT" --data "$DATA" serve --address 127.0.0.1 --port "$PORT" --threads 1 \
  --access-log "$WORK/samizdat-access.log" >"$WORK/serve-contempo-cached.log" 2>&1 &
CONTEMPO_PID=$!
PIDS+=("$CONTEMPO_PID")
WaitFor200 "http://127.0.0.1:$PORT$POST_PATH" "$CONTEMPO_PID" "$WORK/serve-contempo-cached.log"
CONTEMPO_PAGE=$WORK/www/contempo$POST_PATH
mkdir -p "$(dirname "$CONTEMPO_PAGE")"
curl -s -f -H 'Host: bench.test' -o "$CONTEMPO_PAGE" "http://127.0.0.1:$PORT$POST_PATH"  # warms
CONTEMPO_BYTES=$(stat -c %s "$CONTEMPO_PAGE")
Load cached-contempo "http://127.0.0.1:$PORT$POST_PATH"
CONTEMPO_CACHED_RPS=$RPS
Stop "$CONTEMPO_PID"
"$SAMIZDAT" --data "$DATA" theme reset --blog bench.test >/dev/null

# --- the baseline: nginx serving the same bytes at the same path --------------------------
echo "nginx (static copies of the post page, the home page and the feed):"
PORT=$(FreePort)
StartNginx "  server {
    listen 127.0.0.1:$PORT;
    root $WORK/www;
  }"
WaitFor200 "http://127.0.0.1:$PORT$POST_PATH" "$NGINX_PID" "$WORK/nginx/logs/error.log"
curl -s -f "http://127.0.0.1:$PORT$POST_PATH" | cmp -s - "$PAGE" || die "nginx does not serve the saved page's bytes"
Load nginx "http://127.0.0.1:$PORT$POST_PATH"
NGINX_RPS=$RPS
curl -s -f "http://127.0.0.1:$PORT/" | cmp -s - "$HOME_PAGE" || die "nginx does not serve the saved home page's bytes"
Load nginx-home "http://127.0.0.1:$PORT/"
NGINX_HOME_RPS=$RPS
curl -s -f "http://127.0.0.1:$PORT/feeds/posts/default" | cmp -s - "$FEED" || die "nginx does not serve the saved feed's bytes"
Load nginx-feed "http://127.0.0.1:$PORT/feeds/posts/default"
NGINX_FEED_RPS=$RPS
curl -s -f "http://127.0.0.1:$PORT/contempo$POST_PATH" | cmp -s - "$CONTEMPO_PAGE" || die "nginx does not serve the saved Contempo page's bytes"
Load nginx-contempo "http://127.0.0.1:$PORT/contempo$POST_PATH"
NGINX_CONTEMPO_RPS=$RPS
Stop "$NGINX_PID"

# --- the table ------------------------------------------------------------------------------
Verdict() { if awk "BEGIN { exit !($1) }"; then echo meets; else echo misses; fi; }
Ratio() { awk -v a="$1" -v b="${2:-$NGINX_RPS}" 'BEGIN { printf "%.2fx", a / b }'; }
MAX_RSS=$(awk -v a="$CACHED_RSS" -v b="$UNCACHED_RSS" 'BEGIN { print (a > b ? a : b) }')

echo
printf '%-28s %12s %9s   %-26s %s\n' benchmark req/s "vs nginx" "target (issue)" result
printf '%-28s %12.1f %9s   %-26s\n' "nginx, static post page" "$NGINX_RPS" 1.00x ""
printf '%-28s %12.1f %9s   %-26s %s\n' "cached post page" "$CACHED_RPS" "$(Ratio "$CACHED_RPS")" \
  ">= 0.8x nginx" "$(Verdict "$CACHED_RPS >= 0.8 * $NGINX_RPS")"
printf '%-28s %12.1f %9s   %-26s %s\n' "uncached post render" "$UNCACHED_RPS" "$(Ratio "$UNCACHED_RPS")" \
  ">= 5000 pages/s (issue 18)" "$(Verdict "$UNCACHED_RPS >= 5000")"
printf '%-28s %12.1f %9s   %-26s\n' "nginx, static home page" "$NGINX_HOME_RPS" 1.00x ""
printf '%-28s %12.1f %9s   %-26s %s\n' "home page (cached)" "$HOME_RPS" \
  "$(Ratio "$HOME_RPS" "$NGINX_HOME_RPS")" ">= 1.0x (issue 18)" \
  "$(Verdict "$HOME_RPS >= $NGINX_HOME_RPS")"
printf '%-28s %12.1f %9s   %-26s\n' "nginx, static feed" "$NGINX_FEED_RPS" 1.00x ""
printf '%-28s %12.1f %9s   %-26s %s\n' "cached /feeds/posts/default" "$FEED_RPS" \
  "$(Ratio "$FEED_RPS" "$NGINX_FEED_RPS")" "(issue 4: vs nginx feed)" ""
printf '%-28s %12.1f %9s   %-26s %s\n' "uncached post, Contempo" "$CONTEMPO_UNCACHED_RPS" \
  "$(Ratio "$CONTEMPO_UNCACHED_RPS" "$UNCACHED_RPS")" ">= 2000 pages/s (issue 14)" \
  "$(Verdict "$CONTEMPO_UNCACHED_RPS >= 2000")"
printf '%-28s %12.1f %9s   %-26s\n' "nginx, static Contempo post" "$NGINX_CONTEMPO_RPS" 1.00x ""
printf '%-28s %12.1f %9s   %-26s %s\n' "cached post, Contempo" "$CONTEMPO_CACHED_RPS" \
  "$(Ratio "$CONTEMPO_CACHED_RPS" "$NGINX_CONTEMPO_RPS")" ">= 1.0x nginx (issue 14)" \
  "$(Verdict "$CONTEMPO_CACHED_RPS >= $NGINX_CONTEMPO_RPS")"
printf '%-28s %12s %9s   %-26s %s\n' "start-up to first page" "$STARTUP_MS ms" "" "<= 1000 ms" \
  "$(Verdict "$STARTUP_MS <= 1000")"
printf '%-28s %12s %9s   %-26s %s\n' "resident memory (max VmRSS)" "$MAX_RSS MB" "" "<= 100 MB" \
  "$(Verdict "$MAX_RSS <= 100")"
echo "(cached server VmRSS $CACHED_RSS MB, uncached $UNCACHED_RSS MB; $N_POSTS posts, page $PAGE_BYTES bytes, home $HOME_BYTES bytes, feed $FEED_BYTES bytes, Contempo post $CONTEMPO_BYTES bytes)"
echo "(the Contempo uncached ratio is against the default theme's uncached post render, same run)"

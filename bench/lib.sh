# shellcheck shell=bash
# bench/lib.sh: the shell helpers the load benchmarks share (run.sh, comments.sh): finding
# the binaries, the temp dir and the processes to stop on exit, free ports, waiting for a
# server, the cached generated blogs, and wrk runs. Sourced, never run.
#
# The sourcing script sets BENCH_NAME (its name, for messages) and `set -euo pipefail`.
# Globals these functions set: SAMIZDAT, MAKE_BLOG, WORK, PIDS, DATA, RPS, NGINX_PID.

die() {
  echo "${BENCH_NAME:-bench}: error: $*" >&2
  exit 1
}

# Sets SAMIZDAT to the absolute path of the binary given (CMake puts it in BUILD/src/app/
# in some trees; the build directory's top is accepted too), and MAKE_BLOG to
# samizdat_make_blog of the same build tree unless MAKE_BLOG is already set.
FindBinaries() {
  SAMIZDAT=$1
  if [[ ! -f $SAMIZDAT && -x $(dirname "$SAMIZDAT")/src/app/samizdat ]]; then
    echo "note: $SAMIZDAT does not exist; using $(dirname "$SAMIZDAT")/src/app/samizdat"
    SAMIZDAT=$(dirname "$SAMIZDAT")/src/app/samizdat
  fi
  [[ -f $SAMIZDAT && -x $SAMIZDAT ]] || die "no samizdat binary at $SAMIZDAT"
  SAMIZDAT=$(realpath "$SAMIZDAT")
  if [[ -z ${MAKE_BLOG:-} ]]; then
    local dir candidate
    dir=$(dirname "$SAMIZDAT")
    for candidate in "$dir/samizdat_make_blog" "$dir/bench/samizdat_make_blog" \
                     "$dir/../../bench/samizdat_make_blog"; do
      if [[ -x $candidate ]]; then MAKE_BLOG=$(realpath "$candidate"); break; fi
    done
  fi
  [[ -n ${MAKE_BLOG:-} && -x $MAKE_BLOG ]] ||
    die "samizdat_make_blog not found next to $SAMIZDAT (build the target, or set MAKE_BLOG)"
}

RequireTools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
  done
}

# Makes WORK, a new temp dir under the directory $1, and arranges that on exit every
# process in PIDS is stopped and WORK removed.
MakeWorkDir() {
  mkdir -p "$1"
  WORK=$(mktemp -d "$1/samizdat-$(basename "${BENCH_NAME:-bench}" .sh).XXXXXX")
  PIDS=()
  trap CleanUp EXIT
}

CleanUp() {
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}

FreePort() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

Millis() { echo $(($(date +%s%N) / 1000000)); }

# Stops one process this script started (SIGTERM, then waits for it).
Stop() {
  local pid=$1 kept=() p
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  PIDS=("${kept[@]+"${kept[@]}"}")
}

# Waits until URL answers 200; the server (pid $2, log file $3) must stay alive; 30 s at most.
WaitFor200() {
  local url=$1 pid=$2 log=$3 deadline=$(($(Millis) + 30000))
  until [[ $(curl -s -k -o /dev/null -w '%{http_code}' -H 'Host: bench.test' "$url" || true) == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$log" >&2
      die "the server for $url exited"
    fi
    if (($(Millis) >= deadline)); then
      tail -n 20 "$log" >&2
      die "$url did not answer 200 within 30 s"
    fi
  done
}

RssMb() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Sets DATA to a blog of $1 posts made by samizdat_make_blog with seed $2, kept in
# $BENCH_DATA/posts-N-seed-S/ between runs (made the first time, reused afterwards).
MakeData() {
  local n_posts=$1 seed=$2
  DATA=$BENCH_DATA/posts-$n_posts-seed-$seed
  if [[ -f $DATA/samizdat.db && -s $DATA/sample-path ]]; then
    echo "data: reusing $DATA"
    return
  fi
  rm -rf "$DATA" "$DATA.partial"
  mkdir -p "$BENCH_DATA"
  echo "data: creating $n_posts posts in $DATA"
  "$MAKE_BLOG" --data "$DATA.partial" --posts "$n_posts" --seed "$seed" | tee "$WORK/make_blog.txt"
  sed -n 's/^sample post: //p' "$WORK/make_blog.txt" >"$DATA.partial/sample-path"
  mv "$DATA.partial" "$DATA"
}

# Runs wrk on core 0 against URL (-t1 -c$CONNECTIONS -d$DURATION, Host bench.test, any
# further arguments passed on, e.g. -s script.lua); prints a line about it and sets RPS.
# wrk's output is kept in $WORK/wrk-NAME.txt. A non-2xx/3xx answer, or wrk failing (the
# bench/*.lua scripts make it fail on any unexpected status), stops the script.
RPS=0
Load() {
  local name=$1 url=$2 out=$WORK/wrk-$1.txt
  shift 2
  taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -H 'Host: bench.test' "$@" "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed on $url"; }
  if grep -q 'Non-2xx or 3xx responses' "$out"; then
    cat "$out" >&2
    die "$url answered with errors under load: the figure would be meaningless"
  fi
  RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  [[ -n $RPS ]] || { cat "$out" >&2; die "no Requests/sec in wrk's output for $url"; }
  local latency errors
  latency=$(awk '/^    Latency/ { print $2 }' "$out")
  errors=$(awk '/Socket errors/ { $1 = $2 = ""; print }' "$out")
  printf '  %-22s %10.1f req/s  latency avg %s%s\n' "$name" "$RPS" "$latency" "${errors:+ (socket errors:$errors)}"
}

# Starts nginx ($NGINX) on core 1 with one worker and the given server blocks ($1) in its
# http block, logging as samizdat does (the combined format to a real file, buffered) and
# sending files with sendfile; sets NGINX_PID. Its files are in $WORK/nginx.
StartNginx() {
  mkdir -p "$WORK/nginx/logs"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $WORK/nginx/logs/access.log combined buffer=64k;
  default_type "text/html; charset=utf-8";
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/client_body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
$1
}
EOF
  taskset -c 1 "$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/logs/error.log" -c "$WORK/nginx/nginx.conf" \
    -g 'daemon off;' >"$WORK/nginx/stdout.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
}

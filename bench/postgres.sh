#!/usr/bin/env bash
# PostgreSQL next to SQLite, in one run on 127.0.0.1: the same generated blog served from
# its SQLite file and from a throwaway PostgreSQL it was copied to (samizdat migrate), and
# for each the cached post page (req/s), the uncached post page (serve --no-cache: every
# request reads the store and renders) and comments posted per second (each committed
# durably before its 303: SQLite fsyncs its WAL, PostgreSQL runs with fsync and
# synchronous_commit on). A table gives the PostgreSQL/SQLite ratios. See bench/README.md.
#
# Where the CPU goes: wrk on core 0; the samizdat server and, for PostgreSQL, the whole
# database server on core 1, so each backend gets the same single core for its work.
#
# usage: bash bench/postgres.sh path/to/samizdat [N_POSTS=1000]
# env:   DURATION (each wrk run, default 10s), CONNECTIONS (readers' wrk -c, default 32),
#        WRITE_CONNECTIONS (commenters' wrk -c, default 16), THREADS (serve --threads for
#        the comment runs, default 2), WRITE_POSTS (posts commented on, default 10),
#        ROUNDS (pairs of runs per figure, default 2; the figures are means), SEED (1),
#        MAKE_BLOG (path of samizdat_make_blog), BENCH_DATA (build/bench-data),
#        PG_SETTINGS (settings for the PostgreSQL server, "name=value ...", applied with
#        ALTER SYSTEM before the runs, e.g. PG_SETTINGS="commit_delay=1000")
set -euo pipefail

BENCH_NAME=bench/postgres.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/postgres.sh path/to/samizdat [N_POSTS=1000]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N_POSTS=${2:-1000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
WRITE_CONNECTIONS=${WRITE_CONNECTIONS:-16}
THREADS=${THREADS:-2}
WRITE_POSTS=${WRITE_POSTS:-10}
ROUNDS=${ROUNDS:-2}
SEED=${SEED:-1}
BENCH_DATA=${BENCH_DATA:-$ROOT/build/bench-data}
for var in N_POSTS CONNECTIONS WRITE_CONNECTIONS THREADS WRITE_POSTS ROUNDS; do
  [[ ${!var} =~ ^[1-9][0-9]*$ ]] || die "$var must be a positive whole number, not '${!var}'"
done
((WRITE_POSTS <= N_POSTS)) || die "WRITE_POSTS must not exceed N_POSTS"

FindBinaries "$1"
RequireTools wrk curl taskset python3 psql
# Both databases live next to the generated blogs, on a real disk (the system's temp dir
# may be tmpfs, where fsync costs nothing).
MakeWorkDir "$BENCH_DATA"
chmod 755 "$WORK"  # run as root, PostgreSQL runs as the postgres user and needs its way in
FS_TYPE=$(stat -f -c %T "$WORK")
PG_CLUSTER=$WORK/pg

StopPostgres() { python3 "$ROOT/tests/pg_cluster.py" stop "$PG_CLUSTER" || true; }
trap 'StopPostgres; CleanUp' EXIT

echo "samizdat on PostgreSQL and on SQLite: $N_POSTS posts, wrk -t1 -c$CONNECTIONS -d$DURATION" \
     "(core 0), servers and PostgreSQL on core 1"
echo "binary: $SAMIZDAT"

# --- the data: the cached generated blog, copied to SQLite and to PostgreSQL ----------------
MakeData "$N_POSTS" "$SEED"
POST_PATH=$(cat "$DATA/sample-path")
[[ $POST_PATH == /*.html ]] || die "no sample post path in $DATA/sample-path"
mkdir "$WORK/sqlite" "$WORK/pg-logs"
cp "$DATA/samizdat.db" "$WORK/sqlite/"
PG_URL=$(taskset -c 1 python3 "$ROOT/tests/pg_cluster.py" start --durable "$PG_CLUSTER") ||
  die "could not start PostgreSQL in $PG_CLUSTER"
PG_VERSION=$(psql "$PG_URL" -X -q -t -A -c 'SHOW server_version' | cut -d' ' -f1)
for setting in ${PG_SETTINGS:-}; do
  [[ $setting =~ ^([a-z_]+)=([A-Za-z0-9_.]+)$ ]] || die "PG_SETTINGS: '$setting' is not name=value"
  psql "$PG_URL" -X -q -c "ALTER SYSTEM SET ${BASH_REMATCH[1]} = '${BASH_REMATCH[2]}'" \
    -c 'SELECT pg_reload_conf()' >/dev/null || die "PostgreSQL refused the setting $setting"
  echo "PostgreSQL setting: $setting"
done
"$SAMIZDAT" migrate --from "sqlite:$WORK/sqlite" --to "$PG_URL" | sed 's/^/migrate: /' ||
  die "samizdat migrate failed"
echo "databases on $FS_TYPE: SQLite $WORK/sqlite/samizdat.db; PostgreSQL $PG_VERSION" \
     "(fsync $(psql "$PG_URL" -X -q -t -A -c 'SHOW fsync'), synchronous_commit" \
     "$(psql "$PG_URL" -X -q -t -A -c 'SHOW synchronous_commit'))"
[[ $FS_TYPE != tmpfs ]] || echo "warning: $WORK is on tmpfs: fsync is free there"

# The posts commented on: WRITE_POSTS published posts spread over the blog, "ID<TAB>PATH".
"$SAMIZDAT" --data "$WORK/sqlite" post list 2>/dev/null |
  awk -F'\t' '$2 == "published" && $4 ~ /^\/[0-9][0-9][0-9][0-9]\// { print $1 "\t" $4 }' |
  awk -v w="$WRITE_POSTS" -v out="$WORK/write.tsv" '
    { line[NR] = $0 }
    END {
      if (NR < w) exit 1
      for (k = 0; k < w; k++) print line[int(k * NR / w) + 1] > out
    }' || die "the blog has fewer than $WRITE_POSTS published posts"

# Starts `samizdat GLOBAL... serve --port P SERVE...` on core 1 for backend $1 (sqlite or
# postgres), log $2; sets PORT and SERVER_PID once the post page answers.
StartServer() {
  local backend=$1 log=$2
  shift 2
  local global=(--data "$WORK/sqlite")
  [[ $backend == postgres ]] && global=(--data "$WORK/pg-logs" --db "$PG_URL")
  PORT=$(FreePort)
  taskset -c 1 "$SAMIZDAT" "${global[@]}" serve --address 127.0.0.1 --port "$PORT" "$@" \
    --access-log "$WORK/access-$backend.log" >"$log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  WaitFor200 "http://127.0.0.1:$PORT$POST_PATH" "$SERVER_PID" "$log"
}

# One figure for one backend ($2: sqlite or postgres), appended to the array FIG_$1_$2
# (FIG_cached_sqlite, …): cached (the post page from the page cache), uncached (serve
# --no-cache) or comments (303s per second).
Measure() {
  local what=$1 backend=$2
  case $what in
    cached)
      StartServer "$backend" "$WORK/serve-$backend-$what.log" --threads 1
      curl -s -f -o /dev/null -H 'Host: bench.test' "http://127.0.0.1:$PORT$POST_PATH"  # warms
      Load "cached-post-$backend" "http://127.0.0.1:$PORT$POST_PATH"
      ;;
    uncached)
      StartServer "$backend" "$WORK/serve-$backend-$what.log" --threads 1 --no-cache
      Load "uncached-post-$backend" "http://127.0.0.1:$PORT$POST_PATH"
      ;;
    comments)
      StartServer "$backend" "$WORK/serve-$backend-$what.log" --threads "$THREADS" \
        --comment-min-seconds 0 --comment-rate-limit 0
      PostComments "$backend"
      ;;
  esac
  Stop "$SERVER_PID"
  local -n figures=FIG_${what}_$backend
  figures+=("$RPS")
}

# Comments posted to the server on PORT for DURATION as fast as WRITE_CONNECTIONS
# commenters can; sets RPS. The forms are taken from the posts' pages as a reader's
# browser gets them (the token's key is the database's own secret: each backend has its own).
PostComments() {
  local backend=$1 forms='' id path page token out=$WORK/wrk-comments-$1.txt rate acked
  while IFS=$'\t' read -r id path; do
    page=$(curl -s -f -H 'Host: bench.test' "http://127.0.0.1:$PORT$path") || die "GET $path failed"
    token=$(grep -o 'name="token" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//' || true)
    [[ -n $token ]] || die "no comment form in $path"
    forms+="$id:$token "
  done <"$WORK/write.tsv"
  ROUND_TAG=$((ROUND_TAG + 1))
  COMMENT_FORMS=$forms COMMENT_RUN=$backend-$ROUND_TAG taskset -c 0 wrk -t1 -c"$WRITE_CONNECTIONS" \
    -d"$DURATION" -H 'Host: bench.test' -s "$ROOT/bench/post_comments.lua" \
    "http://127.0.0.1:$PORT/comment" >"$out" 2>&1 || { cat "$out" >&2; die "the commenters' wrk failed"; }
  rate=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  acked=$(sed -n 's/^statuses: 303=\([0-9]*\) .*/\1/p' "$out")
  [[ -n $rate && -n $acked ]] || { cat "$out" >&2; die "no figures in the commenters' wrk output"; }
  printf '  %-22s %10.1f req/s  latency avg %s (%d acknowledged with 303)\n' "comments-$backend" \
    "$rate" "$(awk '/^    Latency/ { print $2 }' "$out")" "$acked"
  RPS=$rate
}

# Each figure is measured on SQLite then at once on PostgreSQL, ROUNDS times: the two
# figures of a pair see the same load from the rest of the machine.
ROUND_TAG=0
# shellcheck disable=SC2034  # filled and read through namerefs (Measure, Row)
FIG_cached_sqlite=() FIG_cached_postgres=() FIG_uncached_sqlite=() FIG_uncached_postgres=() \
  FIG_comments_sqlite=() FIG_comments_postgres=()
for ((round = 1; round <= ROUNDS; round++)); do
  echo "round $round of $ROUNDS:"
  for what in cached uncached comments; do
    Measure "$what" sqlite
    Measure "$what" postgres
  done
done

# --- the table ------------------------------------------------------------------------------
Mean() { printf '%s\n' "$@" | awk '{ sum += $1 } END { printf "%.1f", sum / NR }'; }
Ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
Row() {
  local -n sqlite=FIG_$2_sqlite postgres=FIG_$2_postgres
  local a b
  a=$(Mean "${sqlite[@]}")
  b=$(Mean "${postgres[@]}")
  local k rounds=''
  for ((k = 0; k < ROUNDS; k++)); do rounds+="$(Ratio "${postgres[k]}" "${sqlite[k]}") "; done
  printf '%-36s %12.1f %12.1f %18s   %s\n' "$1" "$a" "$b" "$(Ratio "$b" "$a")" "${rounds% }"
}
echo
printf '%-36s %12s %12s %18s   %s\n' benchmark SQLite PostgreSQL "PostgreSQL/SQLite" "per round"
Row "cached post page (req/s)" cached
Row "uncached post page (req/s)" uncached
Row "comments posted (303/s, durable)" comments
echo "(means of $ROUNDS round(s) of ${DURATION}; $N_POSTS posts; page and render runs serve --threads 1," \
     "comment runs --threads $THREADS with -c$WRITE_CONNECTIONS commenters over $WRITE_POSTS posts;" \
     "PostgreSQL $PG_VERSION over a Unix socket; databases on $FS_TYPE)"

#!/usr/bin/env bash
# The comment benchmark of issue 3: comments posted per second (each one committed with
# fsync before it is acknowledged) while wrk reads cached pages of other posts, and the
# read throughput of those untouched pages under that write load, as a ratio of the same
# read load without writes. One server, measured on 127.0.0.1. See bench/README.md.
#
# usage: bash bench/comments.sh path/to/samizdat [N_POSTS=1000]
# env:   DURATION (seconds of each read run, "10" or "10s"; default 10s),
#        CONNECTIONS (readers' wrk -c, default 32), WRITE_CONNECTIONS (commenters' wrk -c,
#        default 16: group commit gathers the writes in flight, so comments/s grows with
#        how many readers comment at once), THREADS (serve --threads, default 2), ROUNDS
#        (pairs of runs, reads alone then with writes, default 1; the figures are means),
#        READ_PAGES (untouched pages read, default 100), WRITE_POSTS (posts commented on,
#        default 10), WRITE_RATE (comments/s to pace the commenters to; default: as fast
#        as they can), SEED (1),
#        MAKE_BLOG (path of samizdat_make_blog), BENCH_DATA (default build/bench-data)
set -euo pipefail

BENCH_NAME=bench/comments.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/comments.sh path/to/samizdat [N_POSTS=1000]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N_POSTS=${2:-1000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
WRITE_CONNECTIONS=${WRITE_CONNECTIONS:-16}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-1}
READ_PAGES=${READ_PAGES:-100}
WRITE_POSTS=${WRITE_POSTS:-10}
SEED=${SEED:-1}
WRITE_RATE=${WRITE_RATE:-}
BENCH_DATA=${BENCH_DATA:-$ROOT/build/bench-data}
for var in N_POSTS ROUNDS CONNECTIONS WRITE_CONNECTIONS THREADS READ_PAGES WRITE_POSTS; do
  [[ ${!var} =~ ^[1-9][0-9]*$ ]] || die "$var must be a positive whole number, not '${!var}'"
done
COMMENT_DELAY_MS=
if [[ -n $WRITE_RATE ]]; then
  [[ $WRITE_RATE =~ ^[1-9][0-9]*$ ]] || die "WRITE_RATE must be a positive whole number, not '$WRITE_RATE'"
  # Each commenting connection waits this long before each of its comments.
  COMMENT_DELAY_MS=$((1000 * WRITE_CONNECTIONS / WRITE_RATE))
fi
export COMMENT_DELAY_MS
PACE_TEXT="as fast as they can"
[[ -n $WRITE_RATE ]] && PACE_TEXT="paced to $WRITE_RATE comments/s"
[[ $DURATION =~ ^([1-9][0-9]*)s?$ ]] || die "DURATION must be a number of seconds (10 or 10s), not '$DURATION'"
SECONDS_READ=${BASH_REMATCH[1]}
DURATION=${SECONDS_READ}s
((READ_PAGES + WRITE_POSTS <= N_POSTS)) || die "READ_PAGES + WRITE_POSTS must not exceed N_POSTS"

FindBinaries "$1"
RequireTools wrk curl taskset python3
# The database the comments go to lives next to the generated blogs, on a real disk
# (the system's temp dir may be tmpfs, where fsync costs nothing).
MakeWorkDir "$BENCH_DATA"
FS_TYPE=$(stat -f -c %T "$WORK")

echo "samizdat comment benchmark: $N_POSTS posts, $READ_PAGES pages read, $WRITE_POSTS posts commented on"
echo "readers: wrk -t1 -c$CONNECTIONS -d$DURATION; commenters: wrk -t1 -c$WRITE_CONNECTIONS" \
     "(both on core 0); server --threads $THREADS on core 1"
echo "binary: $SAMIZDAT"

# --- the data: a fresh copy of the cached blog, so that every run starts with no comment --
MakeData "$N_POSTS" "$SEED"
mkdir "$WORK/data"
cp "$DATA/samizdat.db" "$WORK/data/"
echo "comments go to $WORK/data/samizdat.db ($FS_TYPE)"
[[ $FS_TYPE != tmpfs ]] || echo "warning: $WORK is on tmpfs: fsync is free there, commits are not durable"

# READ_PAGES + WRITE_POSTS posts spread evenly over the blog's years: every
# (READ_PAGES + WRITE_POSTS) / WRITE_POSTS-th of them is commented on (write.tsv), the
# others are read (read.tsv); lines "ID<TAB>PATH".
"$SAMIZDAT" --data "$WORK/data" post list 2>/dev/null |
  awk -F'\t' '$2 == "published" && $4 ~ /^\/[0-9][0-9][0-9][0-9]\// { print $1 "\t" $4 }' |
  awk -v r="$READ_PAGES" -v w="$WRITE_POSTS" -v dir="$WORK" '
    { line[NR] = $0 }
    END {
      n = r + w
      if (NR < n) exit 1
      for (k = 0; k < n; k++) {
        row = line[int(k * NR / n) + 1]
        if (int((k + 1) * w / n) > int(k * w / n)) print row > (dir "/write.tsv")
        else print row > (dir "/read.tsv")
      }
    }' || die "the blog has fewer than $((READ_PAGES + WRITE_POSTS)) published posts"
READ_PATHS=$(cut -f2 "$WORK/read.tsv" | tr '\n' ' ')
export READ_PATHS

# --- the server ---------------------------------------------------------------------------
PORT=$(FreePort)
BASE=http://127.0.0.1:$PORT
taskset -c 1 "$SAMIZDAT" --data "$WORK/data" serve --address 127.0.0.1 --port "$PORT" \
  --threads "$THREADS" --comment-min-seconds 0 --comment-rate-limit 0 \
  --access-log "$WORK/access.log" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
WaitFor200 "$BASE$(head -n 1 "$WORK/read.tsv" | cut -f2)" "$SERVER_PID" "$WORK/serve.log"

# Fetches PATH (which fills the page cache) and prints its ETag.
ETagOf() {
  curl -s -f -o /dev/null -D - -H 'Host: bench.test' "$BASE$1" |
    awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }'
}

# Every read page once: now cached. Its ETag tells later whether it was rendered again:
# a new render carries a new form token (issued at render time), hence new bytes.
while IFS=$'\t' read -r _ path; do
  printf '%s\t%s\n' "$path" "$(ETagOf "$path")"
done <"$WORK/read.tsv" >"$WORK/etags-before.tsv"
# The commented posts' forms, as a reader's browser gets them: post_id and token.
COMMENT_FORMS=
while IFS=$'\t' read -r id path; do
  page=$(curl -s -f -H 'Host: bench.test' "$BASE$path") || die "GET $path failed"
  form_id=$(grep -o 'name="post_id" value="[0-9]*"' <<<"$page" | grep -o '[0-9][0-9]*' || true)
  token=$(grep -o 'name="token" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//' || true)
  [[ $form_id == "$id" && -n $token ]] || die "no comment form for post $id in $path"
  COMMENT_FORMS+="$id:$token "
  printf '%s\t%s\n' "$path" "$(ETagOf "$path")" >>"$WORK/write-etags-before.tsv"
done <"$WORK/write.tsv"
export COMMENT_FORMS
ACKED_FILE=$WORK/acked.txt

# Where the CPU time went during a run: Snapshot before, Usage after prints the server's
# own CPU use and how busy each of the two cores was (anything else running counts too),
# as percentages of the time between the two.
CLK_TCK=$(getconf CLK_TCK)
Snapshot() {
  SNAP_MS=$(Millis)
  SNAP_SERVER=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
  SNAP_CORES=$(awk '/^cpu[01] / { printf "%d %d ", $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
}
Usage() {
  local ms server
  ms=$(($(Millis) - SNAP_MS))
  server=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
  awk -v ms="$ms" -v hz="$CLK_TCK" -v s0="$SNAP_SERVER" -v s1="$server" -v c0="$SNAP_CORES" \
      -v c1="$(awk '/^cpu[01] / { printf "%d %d ", $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)" '
    BEGIN {
      split(c0, a, " "); split(c1, b, " ")
      core0 = 100 * (b[1] - a[1]) / (b[1] - a[1] + b[2] - a[2])
      core1 = 100 * (b[3] - a[3]) / (b[3] - a[3] + b[4] - a[4])
      printf "  %-22s server CPU %.0f%%; busy: core 0 %.0f%%, core 1 %.0f%%\n", "", 100 * (s1 - s0) / hz * 1000 / ms, core0, core1
    }'
}

# --- the runs: reads alone, then the same reads while comments are posted; ROUNDS times --
# Alternating the two spreads slow changes in the machine's load over both. In the second
# run the commenters start a second before the readers and stop a second after them, so
# the whole read run is under write load.
: >"$ACKED_FILE"
READ_ALONE=() READ_WRITE=() COMMENT_RATES=() ACKED=0 UNANSWERED=0
for ((round = 1; round <= ROUNDS; round++)); do
  echo "round $round of $ROUNDS: reads of $READ_PAGES untouched cached pages, then the same reads while comments are posted:"
  Snapshot
  Load reads "$BASE/" -s "$ROOT/bench/read_pages.lua"
  Usage
  READ_ALONE+=("$RPS")

  out=$WORK/wrk-comments-$round.txt
  COMMENT_RUN=$round ACKED_FILE=$WORK/acked-$round.txt taskset -c 0 wrk -t1 -c"$WRITE_CONNECTIONS" \
    -d"$((SECONDS_READ + 2))s" -H 'Host: bench.test' -s "$ROOT/bench/post_comments.lua" \
    "$BASE/comment" >"$out" 2>&1 &
  WRITER_PID=$!
  PIDS+=("$WRITER_PID")
  sleep 1
  Snapshot
  Load reads-with-writes "$BASE/" -s "$ROOT/bench/read_pages.lua"
  Usage
  READ_WRITE+=("$RPS")
  wait "$WRITER_PID" || { cat "$out" >&2; die "the commenters' wrk failed"; }
  PIDS=("$SERVER_PID")
  rate=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  read -r acked _ unanswered < <(sed -n \
    's/^statuses: 303=\([0-9]*\) (sent \([0-9]*\), unanswered when wrk stopped \([0-9]*\))$/\1 \2 \3/p' "$out")
  [[ -n ${acked:-} && -n $rate ]] || { cat "$out" >&2; die "no figures in the commenters' wrk output"; }
  printf '  %-22s %10.1f req/s  latency avg %s (%d acknowledged with 303, %d unanswered at the end)\n' \
    comments "$rate" "$(awk '/^    Latency/ { print $2 }' "$out")" "$acked" "$unanswered"
  COMMENT_RATES+=("$rate")
  ACKED=$((ACKED + acked))
  UNANSWERED=$((UNANSWERED + unanswered))
  cat "$WORK/acked-$round.txt" >>"$ACKED_FILE"
done
Mean() { printf '%s\n' "$@" | awk '{ sum += $1 } END { printf "%.1f", sum / NR }'; }
READ_ALONE_RPS=$(Mean "${READ_ALONE[@]}")
READ_WRITE_RPS=$(Mean "${READ_WRITE[@]}")
COMMENT_RPS=$(Mean "${COMMENT_RATES[@]}")

# --- checks: the untouched pages stayed cached, the commented ones were dropped ---------------
while IFS=$'\t' read -r path _; do
  printf '%s\t%s\n' "$path" "$(ETagOf "$path")"
done <"$WORK/etags-before.tsv" >"$WORK/etags-after.tsv"
RERENDERED=$(paste "$WORK/etags-before.tsv" "$WORK/etags-after.tsv" | awk -F'\t' '$2 != $4' | wc -l)
while IFS=$'\t' read -r path _; do
  printf '%s\t%s\n' "$path" "$(ETagOf "$path")"
done <"$WORK/write-etags-before.tsv" >"$WORK/write-etags-after.tsv"
WRITE_CHANGED=$(paste "$WORK/write-etags-before.tsv" "$WORK/write-etags-after.tsv" |
  awk -F'\t' '$2 != $4' | wc -l)
((WRITE_CHANGED == WRITE_POSTS)) ||
  die "only $WRITE_CHANGED of the $WRITE_POSTS commented pages changed: the ETag check would prove nothing"

# --- checks: every acknowledged comment is stored ----------------------------------------------
# Stopped first (SIGTERM: requests in flight finish), so that no commit is still running.
Stop "$SERVER_PID"
"$SAMIZDAT" --data "$WORK/data" comment list --status all 2>/dev/null >"$WORK/stored.tsv"
STORED=$(wc -l <"$WORK/stored.tsv")
[[ $(wc -l <"$ACKED_FILE") -eq $ACKED ]] || die "not every 303 carried a comment permalink"
# The server's own account, from its access log: every GET (the reads, the ETag fetches)
# answered 200 and every POST 303. For the reads this is the status check: wrk itself only
# notices 4xx and 5xx answers, and bench/read_pages.lua reads no response (see there).
read -r GETS BAD_GETS POSTS BAD_POSTS < <(awk '
  $6 == "\"GET" { gets++; if ($9 != 200) bad_gets++ }
  $6 == "\"POST" { posts++; if ($9 != 303) bad_posts++ }
  END { print gets + 0, bad_gets + 0, posts + 0, bad_posts + 0 }' "$WORK/access.log")
if ((BAD_GETS > 0 || BAD_POSTS > 0)); then
  awk '{ print $6, $9 }' "$WORK/access.log" | sort | uniq -c >&2
  die "the access log holds $BAD_GETS GETs not answered 200 and $BAD_POSTS POSTs not answered 303"
fi
echo "access log: $GETS GETs, all 200; $POSTS POSTs, all 303"
MISSING=$(comm -23 <(sort "$ACKED_FILE") <(cut -f1 "$WORK/stored.tsv" | sort) | wc -l)
((MISSING == 0)) || die "$MISSING acknowledged comments are not stored"
# A comment sent as wrk stopped may be stored though its 303 was never read.
((STORED >= ACKED && STORED <= ACKED + UNANSWERED)) ||
  die "$STORED comments stored, but $ACKED were acknowledged and $UNANSWERED unanswered"

# --- the table ------------------------------------------------------------------------------
RATIO=$(awk -v a="$READ_WRITE_RPS" -v b="$READ_ALONE_RPS" 'BEGIN { printf "%.2f", a / b }')
Verdict() { if awk "BEGIN { exit !($1) }"; then echo meets; else echo misses; fi; }
echo
printf '%-40s %14s   %-20s %s\n' benchmark figure "target (issue 3)" result
printf '%-40s %14.1f   %-20s\n' "comments/s (303, each fsync'd)" "$COMMENT_RPS" ""
printf '%-40s %14.1f   %-20s\n' "reads/s of untouched pages, no writes" "$READ_ALONE_RPS" ""
printf '%-40s %14.1f   %-20s\n' "reads/s of untouched pages, with writes" "$READ_WRITE_RPS" ""
printf '%-40s %14s   %-20s %s\n' "read ratio (with / without writes)" "${RATIO}x" ">= 0.8x" \
  "$(Verdict "$RATIO >= 0.8")"
printf '%-40s %14s   %-20s %s\n' "untouched pages rendered again" "$RERENDERED of $READ_PAGES" "0" \
  "$(Verdict "$RERENDERED == 0")"
printf '%-40s %14s   %-20s %s\n' "comments stored / acknowledged" "$STORED / $ACKED" "all stored" meets
RATIOS=$(for ((k = 0; k < ROUNDS; k++)); do
  awk -v a="${READ_WRITE[k]}" -v b="${READ_ALONE[k]}" 'BEGIN { printf "%.2f ", a / b }'
done)
echo "($N_POSTS posts; server --threads $THREADS on core 1; readers -c$CONNECTIONS, commenters" \
     "-c$WRITE_CONNECTIONS on core 0 $PACE_TEXT; means of $ROUNDS round(s) of ${DURATION}, ratio per round: ${RATIOS% };" \
     "$((STORED - ACKED)) stored comment(s) were sent as wrk stopped," \
     "their 303 unread; database on $FS_TYPE)"

#!/usr/bin/env bash
# The import benchmark of issue 7: a generated Blogger export of N posts and M comments
# imported into an empty SQLite database; import time, posts per second and peak memory,
# next to libxml2's own streaming parse of the same file (xmllint --stream) as the
# baseline measured in the same run. See bench/README.md.
#
# usage: bash bench/import.sh path/to/samizdat [N_POSTS=20000] [N_COMMENTS=100000]
# env:   SEED (1), BENCH_DATA (cache of generated exports, default build/bench-data)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=bench/import.sh
source "$ROOT/bench/lib.sh"

if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: bash bench/import.sh path/to/samizdat [N_POSTS=20000] [N_COMMENTS=100000]" >&2
  exit 2
fi
SAMIZDAT=$(realpath "$1")
N_POSTS=${2:-20000}
N_COMMENTS=${3:-100000}
SEED=${SEED:-1}
BENCH_DATA=${BENCH_DATA:-$ROOT/build/bench-data}
[[ -x $SAMIZDAT ]] || die "no samizdat binary at $SAMIZDAT"
for tool in python3 xmllint /usr/bin/time; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

EXPORT=$BENCH_DATA/blogger-export-$N_POSTS-$N_COMMENTS-seed-$SEED.xml
if [[ ! -s $EXPORT ]]; then
  mkdir -p "$BENCH_DATA"
  echo "data: writing $EXPORT"
  python3 "$ROOT/bench/make_blogger_export.py" --posts "$N_POSTS" --comments "$N_COMMENTS" \
    --seed "$SEED" "$EXPORT.partial"
  mv "$EXPORT.partial" "$EXPORT"
fi
BYTES=$(stat -c %s "$EXPORT")
WORK=$(mktemp -d -t samizdat-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Runs a command under /usr/bin/time; sets SECONDS_TAKEN and PEAK_MB.
Measure() {
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" ||
    { cat "$WORK/out.txt" "$WORK/err.txt" >&2; die "$1 failed"; }
  read -r SECONDS_TAKEN PEAK_KB <"$WORK/time.txt"
  PEAK_MB=$(awk -v k="$PEAK_KB" 'BEGIN { printf "%.1f", k / 1024 }')
}

echo "import benchmark: $N_POSTS posts, $N_COMMENTS comments, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }') MB"
Measure xmllint --stream --noout "$EXPORT"
PARSE_S=$SECONDS_TAKEN
PARSE_MB=$PEAK_MB
printf '  %-34s %8.2f s  peak %6s MB\n' "xmllint --stream (baseline)" "$PARSE_S" "$PARSE_MB"

Measure "$SAMIZDAT" --data "$WORK/data" import "$EXPORT" --blog bench.example.com
IMPORT_S=$SECONDS_TAKEN
IMPORT_MB=$PEAK_MB
printf '  %-34s %8.2f s  peak %6s MB\n' "samizdat import" "$IMPORT_S" "$IMPORT_MB"
sed 's/^/    /' "$WORK/out.txt"
grep -q "^imported .*: $N_POSTS posts and pages .* $N_COMMENTS comments" "$WORK/out.txt" ||
  die "the import did not say it imported $N_POSTS posts and $N_COMMENTS comments"
STORED=$("$SAMIZDAT" --data "$WORK/data" comment list --status all --blog bench.example.com | wc -l)
[[ $STORED -eq $N_COMMENTS ]] || die "$STORED comments stored, not $N_COMMENTS"

POSTS_PER_S=$(awk -v n="$N_POSTS" -v s="$IMPORT_S" 'BEGIN { printf "%.0f", n / (s > 0 ? s : 0.01) }')
echo
printf '%-30s %12s %12s   %s\n' benchmark value "vs xmllint" "target (issue 7)"
printf '%-30s %10s s %11s   %s\n' "import time" "$IMPORT_S" \
  "$(awk -v a="$IMPORT_S" -v b="$PARSE_S" 'BEGIN { printf "%.1fx", a / (b > 0 ? b : 0.01) }')" ""
printf '%-30s %12s %12s   %s (%s)\n' "posts per second" "$POSTS_PER_S" "" ">= 20,000" \
  "$(awk -v p="$POSTS_PER_S" 'BEGIN { print (p >= 20000 ? "meets" : "misses") }')"
printf '%-30s %9s MB %12s   %s (%s)\n' "peak memory (max RSS)" "$IMPORT_MB" "" "< 200 MB" \
  "$(awk -v m="$IMPORT_MB" 'BEGIN { print (m < 200 ? "meets" : "misses") }')"

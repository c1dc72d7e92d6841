#!/usr/bin/env bash
# Runs each fuzz target (or those named) for SECONDS, one after the other, on one core,
# and prints its executions; exits 1 if any found a crash, a sanitizer report, a leak or
# an input slower than 25 s (the input is kept in BUILD/crashes/, the log in BUILD/logs/).
#   fuzz/run.sh BUILD SECONDS [TARGET…]        (make fuzz; make test for a short run)
# FUZZ_SEED (default 0: a random one) seeds libFuzzer's mutations; make test sets 1, so
# that its short runs on a clean clone try the same inputs every time.
# Seeds are made afresh from the fixtures (make_corpus.py) into BUILD/corpus/TARGET; what
# the fuzzer finds grows BUILD/corpus-live/TARGET, kept from run to run.
set -euo pipefail

build="${1:?usage: fuzz/run.sh BUILD SECONDS [TARGET…]}"
seconds="${2:?usage: fuzz/run.sh BUILD SECONDS [TARGET…]}"
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

declare -A dictionary=(
  [fuzz_sanitize]=html [fuzz_markdown]=markdown [fuzz_blogger_reader]=xml
  [fuzz_wxr_reader]=xml [fuzz_takeout_zip]=xml [fuzz_http_request]=http
)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_sanitize fuzz_markdown fuzz_blogger_reader fuzz_wxr_reader fuzz_takeout_zip
           fuzz_http_request)
fi

/usr/bin/python3 "$here/make_corpus.py" "$build/corpus" >/dev/null
mkdir -p "$build/crashes" "$build/logs"
if ! command -v llvm-symbolizer >/dev/null && [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

failed=0
for target in "${targets[@]}"; do
  live="$build/corpus-live/$target"
  log="$build/logs/$target.log"
  mkdir -p "$live"
  if "$build/fuzz/$target" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
      -seed="${FUZZ_SEED:-0}" \
      -dict="$here/${dictionary[$target]}.dict" -artifact_prefix="$build/crashes/$target-" \
      "$live" "$build/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    printf '%-20s %10s executions in %s s (%s/s), corpus %s\n' "$target" "$runs" "$seconds" \
      "$rate" "$(ls "$live" | wc -l)"
  else
    echo "$target: FAILED (log $log)"
    grep -E -A30 '^==[0-9]+==|runtime error|ERROR: libFuzzer' "$log" | head -60 || tail -40 "$log"
    failed=1
  fi
done
exit $failed

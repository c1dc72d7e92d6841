#!/usr/bin/env bash
# The admin next to the public site, in one run on 127.0.0.1: the cached post page (the
# baseline), the admin's posts list (every request checks the session in the store, reads
# 25 posts and their count, renders), the editor's live preview (POST /admin/preview:
# Markdown and the sanitizer on a ~3 KB body) and signing in (argon2id, sequential). The
# figures are printed as ratios to the cached page. See bench/README.md.
#
# Where the CPU goes: wrk (or curl) on core 0, the server on core 1.
#
# usage: bash bench/admin.sh path/to/samizdat [N_POSTS=1000]
# env:   DURATION (each wrk run, default 10s), CONNECTIONS (wrk -c, default 8),
#        SIGN_INS (sequential sign-ins timed, default 20), SEED (1),
#        MAKE_BLOG (path of samizdat_make_blog), BENCH_DATA (build/bench-data)
set -euo pipefail

BENCH_NAME=bench/admin.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/admin.sh path/to/samizdat [N_POSTS=1000]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N_POSTS=${2:-1000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
SIGN_INS=${SIGN_INS:-20}
SEED=${SEED:-1}
BENCH_DATA=${BENCH_DATA:-$ROOT/build/bench-data}
for var in N_POSTS CONNECTIONS SIGN_INS; do
  [[ ${!var} =~ ^[1-9][0-9]*$ ]] || die "$var must be a positive whole number, not '${!var}'"
done

FindBinaries "$1"
RequireTools wrk curl taskset python3
MakeWorkDir "$BENCH_DATA"
echo "the admin next to the cached post page: $N_POSTS posts, wrk -t1 -c$CONNECTIONS -d$DURATION" \
     "(core 0), server on core 1"
echo "binary: $SAMIZDAT"

MakeData "$N_POSTS" "$SEED"
POST_PATH=$(cat "$DATA/sample-path")
mkdir "$WORK/data"
cp "$DATA/samizdat.db" "$WORK/data/"
PASSWORD='a benchmark password'
printf '%s\n' "$PASSWORD" |
  "$SAMIZDAT" --data "$WORK/data" user add --email bench@bench.test --name Bench --role admin \
    --password-stdin >/dev/null || die "user add failed"

PORT=$(FreePort)
BASE=http://127.0.0.1:$PORT
taskset -c 1 "$SAMIZDAT" --data "$WORK/data" serve --address 127.0.0.1 --port "$PORT" \
  --threads 1 --access-log "$WORK/access.log" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
WaitFor200 "$BASE$POST_PATH" "${PIDS[0]}" "$WORK/serve.log"

# Signs in through the form (its token first); prints the session cookie's value.
SignIn() {
  local jar=$WORK/jar-$RANDOM token
  token=$(curl -s -f -c "$jar" -H 'Host: bench.test' "$BASE/admin/sign-in" |
          sed -n 's/.*name="form_token" value="\([^"]*\)".*/\1/p')
  [[ -n $token ]] || die "no form token on the sign-in page"
  curl -s -o /dev/null -c "$jar" -b "$jar" -H 'Host: bench.test' \
    --data-urlencode "email=bench@bench.test" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "form_token=$token" "$BASE/admin/sign-in"
  awk '$6 == "samizdat_session" { print $7 }' "$jar"
}

SESSION=$(SignIn)
[[ -n $SESSION ]] || die "signing in gave no session cookie"
COOKIE="Cookie: samizdat_session=$SESSION"
CSRF=$(curl -s -f -H 'Host: bench.test' -H "$COOKIE" "$BASE/admin/posts" |
       sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[[ -n $CSRF ]] || die "no CSRF token on /admin/posts"

# The preview's body: generated Markdown of about 3 KB, with emphasis, links and a list.
python3 - "$WORK/preview.lua" "$CSRF" <<'PY'
import sys, urllib.parse
path, csrf = sys.argv[1], sys.argv[2]
para = ('Some *emphasis*, some **strong** words and a [link](https://example.com/x) '
        'in a sentence long enough to be a paragraph of a real post. ')
source = '# A heading\n\n' + '\n\n'.join(para * 3 for _ in range(8)) + '\n\n- one\n- two\n- three\n'
body = urllib.parse.urlencode({'format': 'markdown', 'source': source})
with open(path, 'w') as f:
    f.write('wrk.method = "POST"\n')
    f.write('wrk.body = %s\n' % repr(body).replace("'", '"'))
    f.write('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n')
    f.write('wrk.headers["X-CSRF-Token"] = "%s"\n' % csrf)
PY

curl -s -f -o /dev/null -H 'Host: bench.test' "$BASE$POST_PATH"  # warms the cache
Load cached-post "$BASE$POST_PATH"
CACHED=$RPS
Load admin-posts-list "$BASE/admin/posts" -H "$COOKIE"
LIST=$RPS
Load admin-preview "$BASE/admin/preview" -H "$COOKIE" -s "$WORK/preview.lua"
PREVIEW=$RPS

start=$(Millis)
for ((i = 0; i < SIGN_INS; i++)); do
  [[ -n $(SignIn) ]] || die "sign-in $i failed"
done
SIGN_IN_MS=$(awk -v t=$(($(Millis) - start)) -v n="$SIGN_INS" 'BEGIN { printf "%.1f", t / n }')

Ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3fx", a / b }'; }
echo
printf '%-28s %12s %14s\n' benchmark "req/s" "/ cached page"
printf '%-28s %12.1f %14s\n' "cached post page" "$CACHED" "1.000x"
printf '%-28s %12.1f %14s\n' "admin posts list" "$LIST" "$(Ratio "$LIST" "$CACHED")"
printf '%-28s %12.1f %14s\n' "admin live preview (POST)" "$PREVIEW" "$(Ratio "$PREVIEW" "$CACHED")"
printf '%-28s %12s\n' "sign-in (page + argon2id)" "$SIGN_IN_MS ms"

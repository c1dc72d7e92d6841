#!/usr/bin/env bash
# Installs, idempotently, every Debian package samizdat needs to build, run, test and
# benchmark, and the npm packages of the browser tests (tests/browser). Packages already
# present are left alone; nothing is fetched when all are.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake ninja-build pkg-config ccache clang-format
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsqlite3-dev libmd4c-dev libmd4c-html0-dev libgumbo-dev libkainjow-mustache-dev
  libxml2-dev libmodest-dev libzip-dev libsodium-dev libhowardhinnant-date-dev tzdata libgmime-3.0-dev
  libcli11-dev zlib1g-dev libpq-dev libmagic-dev libcurl4-openssl-dev
  libxxhash-dev  # the pages' ETags: XXH3 of the bytes
  libicu-dev  # a blog's language: month and day names, plural rules (render/locale)
  libssl-dev  # HTTPS (OpenSSL on the socket), ACME's keys, signatures and CSRs
  pebble  # the ACME (RFC 8555) test server tests/integration's certificate tests order from
  caddy  # the second reverse proxy the proxy tests run samizdat behind (nginx is the first)
  liboath-dev libqrencode-dev  # two-step sign-in: TOTP codes, the enrolment's QR code
  postgresql  # the server tests/pg_cluster.py runs for the tests (initdb, pg_ctl)
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev llvm-14  # the fuzzers (fuzz/): libFuzzer, ASan, llvm-symbolizer
  python3 python3-html5lib python3-feedparser jing
  oathtool  # the reference TOTP codes tests/integration/test_admin_two_step.py signs in with
  python3-zxcvbn  # its list of common passwords, embedded by src/auth/gen_common_passwords.py
  default-jre-headless  # runs the Nu HTML Checker (npm vnu-jar) for the integration tests
  wrk nginx-light libxml2-utils time
  systemd openssl adduser  # packaging tests: systemd-analyze verify, the proxies' certificate, the .deb's postinst
  chromium fonts-liberation fonts-dejavu-core
)
# Node and npm for the browser tests: Debian's, unless some node and npm are already on
# PATH (e.g. NodeSource's nodejs, which bundles its own npm and conflicts with Debian's).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests' npm packages, exactly as package-lock.json pins them; again only when
# node_modules is missing or older than the lock file.
browser="$repo/tests/browser"
if [ ! -d "$browser/node_modules" ] || [ "$browser/package-lock.json" -nt "$browser/node_modules" ]; then
  echo "installing npm packages in $browser"
  (cd "$browser" && npm ci --no-audit --no-fund)
  touch "$browser/node_modules"
fi

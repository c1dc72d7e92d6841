#!/usr/bin/env bash
# Installs, idempotently, every Debian package samizdat needs to build, run, test and
# benchmark. Packages already present are left alone; nothing is fetched when all are.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsqlite3-dev libmd4c-dev libmd4c-html0-dev libgumbo-dev libkainjow-mustache-dev
  libxml2-dev libsodium-dev libhowardhinnant-date-dev tzdata
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev
  zlib1g-dev libbrotli-dev libssl-dev libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-html5lib python3-feedparser jing
  wrk nginx-light
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

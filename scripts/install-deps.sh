#!/usr/bin/env bash
# Installs the Debian 12 packages lgbench needs to build, test, demo and
# benchmark. Does nothing when they are all present; needs root (or sudo)
# otherwise. Safe to run again.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libssl-dev libcli11-dev libgtest-dev
  libtomlplusplus-dev libzip-dev libpugixml-dev zlib1g-dev
  nginx-light wrk curl ca-certificates
  libxlsxwriter-dev chromium fonts-liberation
  libpqxx-dev postgresql-15 postgresql-client-15
  clang libclang-rt-14-dev llvm  # fuzz/: libFuzzer and the sanitizers for clang; llvm-symbolizer
  libargon2-dev php-cli python3
)
# The web client is built with Node.js (20.19 or later for Vite 8) and npm;
# Debian's own nodejs is older, so it is installed only where none exists.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

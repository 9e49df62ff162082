#!/usr/bin/env bash
# Installs what HeJia needs from Debian 12's packages (and npm for the web UI), only if missing.
set -euo pipefail
packages=(build-essential cmake ccache pkg-config clang-format
  libboost1.81-dev libsodium-dev libsqlite3-dev sqlite3 libpq-dev libssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 wrk chromium clang libclang-rt-14-dev
  fonts-noto-cjk)
missing=()
# The machine's Node.js (with its npm) is used when present; Debian's otherwise.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

#!/usr/bin/env bash
# Installs what HeJia needs from Debian 12's packages (and npm for the web UI), only if missing.
# Run as root or with sudo; does nothing (in well under a second) when everything is there.
set -euo pipefail
packages=(build-essential cmake ccache pkg-config clang-format
  libboost1.81-dev libsodium-dev libsqlite3-dev sqlite3 libpq-dev libssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libxlsxwriter-dev zlib1g-dev libexpat1-dev libpango1.0-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 nginx wrk chromium clang libclang-rt-14-dev
  fonts-noto-cjk ca-certificates util-linux)
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
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
# The web build (Vite 8) needs Node.js 20.19 or newer; Debian 12's own nodejs is 18.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "install-deps: Node.js $(node --version) is too old for the web build: install Node.js 20.19+ or 22" >&2
  exit 1
fi

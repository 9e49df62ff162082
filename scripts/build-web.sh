#!/usr/bin/env bash
# Builds the web UI into web/dist, doing only what changed: `npm ci` when node_modules is missing or
# older than package-lock.json, `npm run build` when a source is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/../web"

need_node() {
  command -v node >/dev/null 2>&1 || {
    echo "build-web: node is not installed (run scripts/install-deps.sh)" >&2
    exit 1
  }
  # Vite 8 needs Node.js 20.19 or newer.
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
    echo "build-web: Node.js $(node --version) is too old: Vite needs 20.19 or newer" >&2
    exit 1
  }
}
need_node

# npm writes node_modules/.package-lock.json on every install: it tells when node_modules was made.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  [ package.json -nt node_modules/.package-lock.json ]; then
  echo "web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

# Kept out of dist/, which the server publishes.
stamp=node_modules/.hejia-dist-stamp
sources=(src public index.html package.json package-lock.json vite.config.ts scripts ../docs/openapi.json)
for f in portal.html tsconfig.node.json tsconfig.app.json tsconfig.json env.d.ts; do
  [ -e "$f" ] && sources+=("$f")
done
existing=()
for f in "${sources[@]}"; do [ -e "$f" ] && existing+=("$f"); done
if [ -f "$stamp" ] && [ -f dist/index.html ] &&
  [ -z "$(find "${existing[@]}" -newer "$stamp" -print -quit)" ]; then
  echo "web: dist is up to date"
  exit 0
fi
echo "web: npm run build"
# The stamp records the time the build started, so an edit made during the build triggers the next.
started=$(mktemp)
trap 'rm -f "$started"' EXIT
npm run build --silent
# Pre-compressed copies for the server to send to browsers that accept gzip (a phone on a slow
# line downloads a third of the bytes); the server falls back to the plain file.
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
  -size +1k -exec gzip -9 -k -f -n {} +
cp -p "$started" "$stamp"

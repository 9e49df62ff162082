#!/usr/bin/env bash
# The layers of src/ and the directions their includes may take, written once (also drawn in
# docs/design/architecture.md). A folder may include itself and the folders listed after it;
# anything else is an include against the direction and fails `make test` (suite "layers").
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A ALLOWED=(
  [common]=""
  [domain]="common"
  [security]="common"
  [store]="common domain security"
  [pdf]="common domain"
  [http]="common domain"
  [api]="common domain security store http pdf"
  [jobs]="common domain security store"
  [app]="common domain security store pdf http api jobs"
)

bad=0
checked=0
while IFS= read -r file; do
  rest=${file#src/}
  [[ "$rest" != */* ]] && continue # src/pch.hpp: third-party headers only
  layer=${rest%%/*}
  if [ -z "${ALLOWED[$layer]+x}" ]; then
    echo "layers: $file: the folder src/$layer/ is not in the table of scripts/check-layers.sh"
    bad=$((bad + 1))
    continue
  fi
  while IFS= read -r line; do
    target=$(sed -E 's/^[0-9]+:#include "([a-z_]+)\/.*/\1/' <<<"$line")
    checked=$((checked + 1))
    [ "$target" = "$layer" ] && continue
    if [[ " ${ALLOWED[$layer]} " != *" $target "* ]]; then
      echo "layers: $file:${line%%:*}: src/$layer/ may not include src/$target/ (allowed: ${ALLOWED[$layer]:-none})"
      bad=$((bad + 1))
    fi
  done < <(grep -nE '^#include "[a-z_]+/' "$file" || true)
done < <(git ls-files --cached --others --exclude-standard 'src/*.cpp' 'src/*.hpp' 2>/dev/null ||
  find src -name '*.cpp' -o -name '*.hpp')

echo "layers: $checked includes checked, $bad against the direction"
[ "$bad" -eq 0 ]

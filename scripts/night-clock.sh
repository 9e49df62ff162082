#!/usr/bin/env bash
# Prints the next Monday-to-Thursday 21:30 Beijing time (ISO 8601, with offset) that is still to
# come: the night clinic's hour, inside the demo duty roster's two weeks. The browser tests and
# the two-node test start the server's clock there (`hejia serve --clock-start`).
set -euo pipefail
for d in 0 1 2 3 4 5 6; do
  day=$(TZ=Asia/Shanghai date -d "+$d day" +%F)
  if [ "$(TZ=Asia/Shanghai date -d "$day" +%u)" -le 4 ] &&
    [ "$(date -d "${day}T21:30:00+08:00" +%s)" -gt "$(date +%s)" ]; then
    echo "${day}T21:30:00+08:00"
    exit 0
  fi
done
exit 1

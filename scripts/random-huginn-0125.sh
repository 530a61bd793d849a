#!/usr/bin/env bash
# Writes the random full-size checkpoint `loopscope bench --full-size DIR` measures: Huginn-0125's
# shapes, tensor names, dtype (BF16) and sharding (4 shards of at most 2 GB + the index), values drawn
# as Huginn initialises them (seed 0). 7.1 GB; it needs no more memory than a 4 MB chunk. Never commit it.
#   scripts/random-huginn-0125.sh /tmp/huginn-0125-random && ./loopscope bench --full-size /tmp/huginn-0125-random
set -euo pipefail
out="${1:?usage: scripts/random-huginn-0125.sh DIR (a new or empty folder)}"
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$root/loopscope" random-checkpoint --preset huginn-0125 --dtype bf16 --shard-gb 2 --seed 0 --out "$out"

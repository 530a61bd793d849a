#!/usr/bin/env bash
# Runs every test of every module (UI tests headless). Extra arguments go to Maven,
# e.g. ./test.sh -Pslow for the slow tests only.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"
exec mvn -B verify "$@"

#!/usr/bin/env bash
# Runs every test of every module (UI tests headless). Extra arguments go to Maven,
# e.g. ./test.sh -Pslow for the slow tests only.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
source "$root/scripts/jdk.sh"
# The analysis tests run Smile's native linear algebra: install its libraries when we can, else stop
# here with the one command that fixes it (rather than a hundred failing tests).
source "$root/scripts/native-libs.sh"
loopscope_native_libs || { echo "./test.sh: install them first, then run it again" >&2; exit 1; }
cd "$root"
exec mvn -B verify "$@"

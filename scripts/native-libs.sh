# Sourced by ./loopscope and ./test.sh (so by CI): the system libraries Smile's linear algebra opens.
# Smile 6 calls OpenBLAS (BLAS, LAPACK) and ARPACK through FFM by the unversioned names libopenblas.so
# and libarpack.so (dlopen of the bare name: only the dynamic linker's search finds them). Debian and
# Ubuntu ship those names only in the -dev packages; the runtime packages have just libopenblas.so.0
# and libarpack.so.2. Installed once when we can (root with apt-get), as ./loopscope does for GTK;
# otherwise say what is missing: PCA and the motif features fail without them, naming the command.
loopscope_native_libs_missing() {
  local cache lib path
  cache="$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)"
  for lib in libopenblas.so libarpack.so; do
    # the cache can outlive a removed package, so the file it names must exist too
    path="$(awk -v lib="$lib" '$1 == lib { print $NF; exit }' <<<"$cache")"
    [ -n "$path" ] && [ -e "$path" ] || echo "$lib"
  done
}

loopscope_native_libs() {
  local missing
  missing="$(loopscope_native_libs_missing)"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing OpenBLAS and ARPACK for Smile's linear algebra (once)…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas-dev libarpack2-dev) >&2 \
      || echo "could not install libopenblas-dev libarpack2-dev" >&2
    missing="$(loopscope_native_libs_missing)"
    [ -z "$missing" ] && return 0
  fi
  echo "note: PCA and the motif features need $(echo $missing) (Debian/Ubuntu: sudo apt-get install libopenblas-dev libarpack2-dev)" >&2
  return 1
}

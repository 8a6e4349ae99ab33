# Sourced by the benchmarks after their option parsing: checks the build,
# makes a work folder $work, and starts a throwaway PostgreSQL (first port
# $1) unless $pg already names a server. Everything goes at exit.
opkomst=build/opkomst
[ -x "$opkomst" ] || { echo "build first: bash scripts/setup.sh --test" >&2; exit 2; }
work=$(mktemp -d /tmp/opkomst-bench.XXXXXX)
pgdir=""
cleanup() {
  [ -n "$pgdir" ] && bash scripts/pg-test-server.sh stop "$pgdir"
  rm -rf "$work" ${pgdir:+"$pgdir"}
}
trap cleanup EXIT
if [ -z "$pg" ]; then
  pgdir=$(mktemp -d /tmp/opkomst-bench-pg.XXXXXX)
  pg=$(bash scripts/pg-test-server.sh start-free "$pgdir" "$1")
fi

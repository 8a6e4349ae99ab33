# Sourced by the benchmarks after their option parsing: checks the build,
# makes a work folder $work, and starts a throwaway PostgreSQL (first port
# $1) unless $pg already names a server. Everything goes at exit.
opkomst=build/opkomst
[ -x "$opkomst" ] || { echo "build first: bash scripts/setup.sh --test" >&2; exit 2; }
work=$(mktemp -d /tmp/opkomst-bench.XXXXXX)
pgdir=""
cleanup() {
  [ -n "$pgdir" ] && bash scripts/pg-test-server.sh stop "$pgdir"
  rm -rf ${pgdir:+"$pgdir"}
  # OPKOMST_BENCH_KEEP=1 keeps the work folder (server logs, wrk output).
  if [ "${OPKOMST_BENCH_KEEP:-0}" = 1 ]; then echo "kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
if [ -z "$pg" ]; then
  pgdir=$(mktemp -d /tmp/opkomst-bench-pg.XXXXXX)
  pg=$(bash scripts/pg-test-server.sh start-free "$pgdir" "$1")
fi

# wrk's latency distribution -> "p50 p99 requests/s errors" (web.sh, load.sh)
summarise() {
  awk '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx or 3xx/ { errors += $NF }
    /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %s %.0f %d\n", p50, p99, rps, errors }' "$1"
}

# Signs in on $1 as $2 with password $3 (web.sh, load.sh); sets cookie (the
# session cookie, "name=value") and csrf (the session's form token).
sign_in() {
  local jar="$work/cookies"
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "$1/aanmelden" | grep -oE '[0-9a-f]{32}' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data "csrf=$csrf&gebruikersnaam=$2&wachtwoord=$3" "$1/aanmelden"
  cookie=$(awk '$6 ~ /opkomst$/ { print $6 "=" $7 }' "$jar")
  csrf=$(curl -s -H "Cookie: $cookie" "$1/dossiers/nieuw" | grep -oE 'name="csrf" value="[0-9a-f]+"' |
    grep -oE '[0-9a-f]{32}' | head -1)
}

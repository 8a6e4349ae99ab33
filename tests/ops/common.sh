# Shared by the shell tests in tests/ops/ (sourced).

# wait_for_port LOG: waits up to 60 s until `opkomst serve` wrote its
# "http://127.0.0.1:PORT/" line into LOG; sets $port. Fails otherwise.
wait_for_port() {
  port=""
  for _ in $(seq 600); do
    port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$1" | grep -oE '[0-9]+/$' | tr -d /)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  return 1
}

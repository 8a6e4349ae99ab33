#!/usr/bin/env bash
# opkomst behind a TLS proxy (issue 15): nginx from Debian on loopback, with
# a self-signed certificate made here by openssl, in front of
# `opkomst serve --behind-tls`, configured as docs/operations.md shows.
# Checks: the cookies are Secure (and the session cookie __Host- and
# HttpOnly), HSTS is on every HTTPS answer, plain HTTP is redirected to
# HTTPS, a foreign Host is refused, and /gezondheid answers through it.
# Skips (exit 77) only when nginx is not installed.
# Usage: tls_proxy_test.sh OPKOMST_BINARY
set -uo pipefail
OPKOMST=$(realpath "$1")
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then
  echo "SKIP: nginx is not installed (apt-get install nginx-light; scripts/setup.sh does)"
  exit 77
fi
WORK=$(mktemp -d)
failures=0
SERVER_PID=""
cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null || {
  echo "FAIL openssl could not make a certificate"
  exit 1
}

echo "fiets boom regenjas" | "$OPKOMST" user add --db "sqlite:$WORK/team.db" --key-file "$WORK/team.key" \
  --username ana --role maatschappelijk_werker >/dev/null || exit 1
"$OPKOMST" serve --config none --db "sqlite:$WORK/team.db" --key-file "$WORK/team.key" --port 0 \
  --behind-tls --allowed-host localhost >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
for _ in $(seq 1 600); do
  APP_PORT=$(sed -n 's#.*http://127\.0\.0\.1:\([0-9]*\)/.*#\1#p' "$WORK/serve.out")
  [ -n "$APP_PORT" ] && break
  sleep 0.1
done
[ -n "${APP_PORT:-}" ] || { echo "FAIL opkomst serve did not start: $(cat "$WORK/serve.err")"; exit 1; }

HTTP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
# The server blocks of docs/operations.md, on loopback ports, with the
# redirect naming the test's HTTPS port.
cat >"$WORK/nginx.conf" <<CONF
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
worker_processes 1;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $WORK/body;
  proxy_temp_path $WORK/proxy;
  fastcgi_temp_path $WORK/fastcgi;
  uwsgi_temp_path $WORK/uwsgi;
  scgi_temp_path $WORK/scgi;
  upstream opkomst { server 127.0.0.1:$APP_PORT; keepalive 8; }
  server {
    listen 127.0.0.1:$HTTP_PORT;
    server_name localhost;
    return 301 https://\$host:$HTTPS_PORT\$request_uri;
  }
  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    server_name localhost;
    ssl_certificate $WORK/cert.pem;
    ssl_certificate_key $WORK/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 1m;
    location / {
      proxy_pass http://opkomst;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_read_timeout 60s;
    }
  }
}
CONF
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log" || { echo "FAIL nginx did not start"; cat "$WORK/error.log"; exit 1; }
for _ in $(seq 1 50); do [ -f "$WORK/nginx.pid" ] && break; sleep 0.1; done

CURL=(curl -s --max-time 20 --cacert "$WORK/cert.pem")
BASE="https://localhost:$HTTPS_PORT"
header() { grep -i "^$1:" "$2" | tr -d '\r'; }

"${CURL[@]}" -D "$WORK/h1" -o "$WORK/b1" "$BASE/aanmelden"
check "the sign-in page answers 200 over TLS (certificate verified)" grep -q "^HTTP/1.1 200" "$WORK/h1"
check "HSTS on the HTTPS answer" grep -qi "^strict-transport-security: max-age=31536000; includeSubDomains" "$WORK/h1"
check "the pre-session CSRF cookie is Secure" bash -c "grep -i '^set-cookie: opkomst_csrf=' '$WORK/h1' | grep -q '; Secure'"
CSRF=$(header set-cookie "$WORK/h1" | sed -n 's/.*opkomst_csrf=\([0-9a-f]*\);.*/\1/p')

"${CURL[@]}" -D "$WORK/h2" -o /dev/null -b "opkomst_csrf=$CSRF" \
  --data-urlencode "csrf=$CSRF" --data-urlencode "gebruikersnaam=ana" \
  --data-urlencode "wachtwoord=fiets boom regenjas" "$BASE/aanmelden"
check "sign-in through the proxy: 303" grep -q "^HTTP/1.1 303" "$WORK/h2"
SESSION=$(header set-cookie "$WORK/h2" | grep -i "__Host-opkomst=")
check "the session cookie is __Host-, Secure, HttpOnly, SameSite=Strict, Path=/" \
  bash -c "echo '$SESSION' | grep -q '; Path=/; HttpOnly; SameSite=Strict; Secure'"
TOKEN=$(echo "$SESSION" | sed -n 's/.*__Host-opkomst=\([0-9a-f]*\);.*/\1/p')
"${CURL[@]}" -D "$WORK/h3" -o /dev/null -b "__Host-opkomst=$TOKEN" "$BASE/account"
check "the session works through the proxy" grep -q "^HTTP/1.1 200" "$WORK/h3"
check "HSTS on a signed-in page too" grep -qi "^strict-transport-security:" "$WORK/h3"

curl -s --max-time 20 -D "$WORK/h4" -o /dev/null "http://localhost:$HTTP_PORT/aanmelden?terug=/caseload"
check "plain HTTP is redirected (301)" grep -q "^HTTP/1.1 301" "$WORK/h4"
check "... to the same path on HTTPS" \
  bash -c "grep -qi '^location: https://localhost:$HTTPS_PORT/aanmelden?terug=/caseload' '$WORK/h4'"
check "... and plain HTTP sets no cookie" bash -c "! grep -qi '^set-cookie' '$WORK/h4'"

"${CURL[@]}" -o "$WORK/b5" -w '%{http_code}' "$BASE/gezondheid" >"$WORK/c5"
check "/gezondheid through the proxy: 200 ok" bash -c "[ \"\$(cat '$WORK/c5')\" = 200 ] && [ \"\$(cat '$WORK/b5')\" = ok ]"
"${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Host: elders.example" --resolve "elders.example:$HTTPS_PORT:127.0.0.1" \
  "$BASE/aanmelden" >"$WORK/c6"
check "a foreign Host header is refused by opkomst (400)" bash -c "[ \"\$(cat '$WORK/c6')\" = 400 ]"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]

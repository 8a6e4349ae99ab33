#!/usr/bin/env bash
# The Debian package (issue 15): build it with CPack, then
#  1. its Depends cover every shared library the binary loads (each ldd
#     dependency maps, through dpkg -S, to a declared package), and it
#     declares nothing of the build or the tests;
#  2. in a clean Debian 12 root (a debootstrap tree, used read-only through
#     an overlay): apt-get installs it with only its declared dependencies;
#     the opkomst user, the state directory and the conffile are there; the
#     binary starts as that user and serves the sign-in page;
#  3. a second version installs over it: the data and a changed conffile
#     are kept, and the account made before the upgrade still signs in.
# Part 2 and 3 need root, a debootstrap tree in $OPKOMST_DEB_CHROOT (make
# one with: debootstrap --variant=minbase bookworm DIR http://deb.debian.org/debian)
# and the Debian mirror; without them they are skipped with a message.
# Usage: deb_install_test.sh BUILD_DIR
set -uo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
root=$work/root
mounted=()
server=""
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# --- the package ------------------------------------------------------------
(cd "$build" && cpack -G DEB -B "$work/package" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/package/opkomst_*_amd64.deb 2>/dev/null | head -1)
[ -f "$deb" ] && ok "built $(basename "$deb")" || { fail "no opkomst_<version>_amd64.deb"; exit 1; }
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
contents=$(dpkg-deb -c "$deb")
grep -q '\./etc/opkomst/opkomst.conf$' <<<"$contents" && [ "$(dpkg-deb -I "$deb" conffiles)" = /etc/opkomst/opkomst.conf ] &&
  ok "the configuration is a conffile" || fail "opkomst.conf missing or not a conffile"
unit=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/lib/systemd/system/opkomst.service)
for setting in "User=opkomst" "ProtectSystem=strict" "NoNewPrivileges=yes" "PrivateTmp=yes" \
  "StateDirectory=opkomst" "ReadWritePaths=/var/lib/opkomst" "ExecStart=/usr/bin/opkomst serve --config /etc/opkomst/opkomst.conf"; do
  grep -qx "$setting" <<<"$unit" || fail "the unit lacks $setting"
done
ok "the unit is hardened (own user, ProtectSystem=strict, NoNewPrivileges, PrivateTmp, state directory)"

# --- 1. runtime dependencies only -------------------------------------------
# Each library the binary itself needs (ELF NEEDED; the libraries those
# need are their packages' own dependencies) must come from a package that
# Depends names.
dpkg-deb -x "$deb" "$work/tree"
declared=" $(sed -E 's/\([^)]*\)//g; s/[|,]/ /g' <<<"$depends" | tr -s ' ') "
missing=""
while read -r library; do
  package=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | head -1 | cut -d: -f1)
  [ -z "$package" ] && package=$(dpkg -S "$library" 2>/dev/null | head -1 | cut -d: -f1)
  [ -z "$package" ] && { missing+=" $library(no package)"; continue; }
  [[ "$declared" == *" $package "* ]] || missing+=" $library($package)"
done < <(for name in $(readelf -d "$work/tree/usr/bin/opkomst" | grep -oP 'NEEDED.*\[\K[^]]+'); do
  ldd "$work/tree/usr/bin/opkomst" | grep -F "$name => " | grep -oE '/[^ ]+' | head -1
done)
[ -z "$missing" ] && ok "every shared library the binary needs is a declared dependency" ||
  fail "libraries without a declared dependency:$missing"
for test_only in chromium nodejs npm postgresql libreoffice clang googletest libgtest libbenchmark python3 nginx; do
  [[ "$declared" == *" $test_only"* ]] && fail "Depends names the test tool $test_only"
done
ok "Depends: $depends"
"$work/tree/usr/bin/opkomst" --help >/dev/null 2>&1 && ok "the extracted binary runs" || fail "the extracted binary"

# --- 2. a clean Debian 12 root ----------------------------------------------
base=${OPKOMST_DEB_CHROOT:-}
if [ "$(id -u)" -ne 0 ] || [ -z "$base" ] || [ ! -x "$base/usr/bin/apt-get" ]; then
  echo "SKIP install into a clean root: needs root and a debootstrap tree in \$OPKOMST_DEB_CHROOT"
  echo "$failed failure(s)"
  [ "$failed" -eq 0 ]
  exit
fi
mkdir -p "$root" "$work/upper" "$work/overlay-work"
mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" "$root" &&
  mounted+=("$root") || { fail "overlay mount"; exit 1; }
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
cp "$deb" "$root/tmp/opkomst.deb"
if ! in_root apt-get -q update >"$work/apt.log" 2>&1; then
  echo "SKIP install into a clean root: the Debian mirror is not reachable"; tail -3 "$work/apt.log"
  echo "$failed failure(s)"
  [ "$failed" -eq 0 ]
  exit
fi
in_root apt-get install -y -q --no-install-recommends /tmp/opkomst.deb >"$work/install.log" 2>&1 &&
  ok "apt-get installs the package in a clean Debian 12 root with its declared dependencies only" ||
  { fail "install into the clean root"; tail -15 "$work/install.log"; }
in_root getent passwd opkomst | grep -q nologin && ok "postinst made the system user opkomst" || fail "no opkomst user"
[ "$(in_root stat -c '%U %a' /var/lib/opkomst)" = "opkomst 750" ] && ok "/var/lib/opkomst belongs to opkomst, 0750" ||
  fail "/var/lib/opkomst: $(in_root stat -c '%U %a' /var/lib/opkomst)"
[ "$(in_root stat -c '%G %a' /etc/opkomst/opkomst.conf)" = "opkomst 640" ] && ok "opkomst.conf is 0640 root:opkomst" ||
  fail "opkomst.conf: $(in_root stat -c '%U:%G %a' /etc/opkomst/opkomst.conf)"

# A plain start as the service user (no systemd in a chroot): the unit's
# command if this build reads --config, else the same settings as flags.
serve() {
  local arguments=(--port 0)
  if in_root /usr/bin/opkomst serve --help 2>&1 | grep -q -- '--config'; then
    arguments=(--config /etc/opkomst/opkomst.conf --port 0)
  else
    arguments=(--db sqlite:/var/lib/opkomst/opkomst.db --key-file /var/lib/opkomst/opkomst.db.key --port 0)
  fi
  chroot "$root" runuser -u opkomst -- env -i PATH=/usr/bin:/bin HOME=/var/lib/opkomst /usr/bin/opkomst serve \
    "${arguments[@]}" >"$work/serve.log" 2>&1 &
  server=$!
  wait_for_port "$work/serve.log" || { cat "$work/serve.log"; return 1; }
}
stop() { kill "$server"; wait "$server" 2>/dev/null; server=""; }
sign_in() {  # sign_in USER PASSWORD -> HTTP status
  local jar=$work/jar csrf
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/aanmelden" | grep -oE '[0-9a-f]{32}' | head -1)
  curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data "csrf=$csrf&gebruikersnaam=$1&wachtwoord=$2" \
    "http://127.0.0.1:$port/aanmelden"
}

if serve; then
  page=$(curl -s -w '\n%{http_code}' "http://127.0.0.1:$port/aanmelden")
  [ "$(tail -1 <<<"$page")" = 200 ] && grep -q 'name="wachtwoord"' <<<"$page" &&
    ok "the installed binary serves the sign-in page as user opkomst" || fail "no sign-in page"
  stop
else
  fail "the installed binary does not start"
fi
echo "pakket-wachtwoord-42" | chroot "$root" runuser -u opkomst -- /usr/bin/opkomst user add \
  --db sqlite:/var/lib/opkomst/opkomst.db --key-file /var/lib/opkomst/opkomst.db.key --username beheer1 \
  --role maatschappelijk_werker >/dev/null 2>&1 || fail "user add in the installed package"
echo "# changed by the operator" >>"$root/etc/opkomst/opkomst.conf"
before=$(sha256sum "$root/var/lib/opkomst/opkomst.db" | cut -d' ' -f1)

# --- 3. the upgrade ----------------------------------------------------------
dpkg-deb -R "$deb" "$work/next"
sed -i "s/^Version: .*/Version: $version+upgrade1/" "$work/next/DEBIAN/control"
dpkg-deb --root-owner-group -b "$work/next" "$root/tmp/opkomst-next.deb" >/dev/null
in_root apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef \
  -o Dpkg::Options::=--force-confold /tmp/opkomst-next.deb >"$work/upgrade.log" 2>&1 ||
  { fail "the upgrade"; tail -15 "$work/upgrade.log"; }
[ "$(in_root dpkg-query -W -f '${Version}' opkomst)" = "$version+upgrade1" ] && ok "upgraded to $version+upgrade1" ||
  fail "the upgrade did not take: $(in_root dpkg-query -W -f '${Version}' opkomst)"
grep -q "changed by the operator" "$root/etc/opkomst/opkomst.conf" && ok "the changed conffile is kept" ||
  fail "the upgrade replaced the operator's configuration"
[ "$(sha256sum "$root/var/lib/opkomst/opkomst.db" | cut -d' ' -f1)" = "$before" ] &&
  ok "the database is untouched by the upgrade" || fail "the upgrade changed the database"
if serve; then
  [ "$(sign_in beheer1 pakket-wachtwoord-42)" = 303 ] && ok "after the upgrade the account signs in (data kept)" ||
    fail "after the upgrade the account does not sign in"
  stop
else
  fail "the upgraded binary does not start"
fi
echo "$failed failure(s)"
[ "$failed" -eq 0 ]

#!/bin/sh
# The packages `make bench` compares against, installed when missing (as
# tools/deps.sh does for the build): jemalloc, tcmalloc and mimalloc for
# the host allocator table. A package that cannot be installed only
# leaves its column empty.
set -u
PKGS="libjemalloc-dev libgoogle-perftools-dev libmimalloc-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=sudo
echo "bench: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1
# shellcheck disable=SC2086
for p in $missing; do
	$SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 ||
		echo "bench: could not install $p; its column stays empty" >&2
done
exit 0

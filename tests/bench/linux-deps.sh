#!/bin/sh
# The Linux kernel and busybox that `make bench` boots to compare zero's
# user-space costs against (tests/bench/run-ubench.sh): Debian's
# linux-image-amd64 and busybox-static, installed when missing (apt-get
# update once first). Failure only leaves the Linux column empty.
set -eu
missing=""
for p in linux-image-amd64 busybox-static; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=sudo
echo "bench: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 ||
	echo "bench: could not install$missing; the Linux column stays empty" >&2
exit 0

#!/bin/sh
# Install the Debian packages zero needs, only those that are missing, and
# say what is installed. Runs apt-get update once before installing.
set -eu
PKGS="gcc make binutils qemu-system-x86 grub-pc-bin grub-common xorriso mtools \
libelf-dev doxygen graphviz libcmocka-dev gdb clang libclang-rt-14-dev qemu-system-gui cpio \
e2fsprogs"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "deps: not root and no sudo; run as root: apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"

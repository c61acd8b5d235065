#!/bin/sh
# Check (default) or apply (--fix) the house style with clang-format.
set -eu
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find core loader modules tests user -name '*.[ch]')
if [ "${1:-}" = "--fix" ]; then
	clang-format -i $files
	exit 0
fi
bad=0
for f in $files; do
	if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
		echo "style: $f differs from .clang-format (make style FIX=1 rewrites it)"
		bad=1
	fi
done
exit $bad

#!/bin/sh
# Check (default) or apply (--fix) the house style: clang-format on every C
# file of the tree (tracked or new, not build/), and no function body over
# MAX_FN_LINES lines (default 60; DESIGN.md section 9 asks for mostly under 40).
set -eu
max=${MAX_FN_LINES:-60}
files=$(git ls-files --cached --others --exclude-standard '*.c' '*.h' 2>/dev/null ||
	find core loader modules tests user -name '*.[ch]')
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

# Function bodies: the lines between a definition's opening brace and its
# closing brace, both in column 0 (.clang-format: BreakBeforeBraces Linux).
# The name is the identifier before the first '(' of the signature, which
# starts at the last column-0 line before the brace (KTEST(x) for macros).
cfiles=$(for f in $files; do case $f in *.c) echo "$f" ;; esac; done)
long=$(awk -v max="$max" '
FNR == 1 { sig = ""; sigline = 0; infn = 0 }
/^[A-Za-z_]/ && !infn { sig = $0; sigline = FNR; next }
/^[ \t]/ && !infn && sigline { sig = sig " " $0; next }
/^$/ && !infn { sig = ""; sigline = 0; next }
/^\{/ && !infn { infn = 1; start = FNR; next }
/^\}/ && infn {
	infn = 0
	if (FNR - start - 1 > max) {
		s = sig
		gsub(/__attribute__[ \t]*\(\([^()]*(\([^()]*\))*[^()]*\)\)/, "", s)
		name = "?"
		if (match(s, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
			name = substr(s, RSTART, RLENGTH - 1)
			sub(/[ \t]+$/, "", name)
			if (name ~ /^[A-Z0-9_]+$/ && match(s, /[A-Z0-9_]+[ \t]*\([^)]*\)/))
				name = substr(s, RSTART, RLENGTH)
		}
		printf "style: %s:%d: function %s has %d body lines (over %d)\n",
			FILENAME, sigline ? sigline : start, name, FNR - start - 1, max
	}
	sig = ""; sigline = 0
}' $cfiles)
if [ -n "$long" ]; then
	echo "$long"
	bad=1
fi
exit $bad

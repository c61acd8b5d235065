#!/bin/sh
# Check that no text symbol moved between the two kernel link passes, so
# the symbol table built from the first pass is right for the second.
set -eu
a=$(nm -n --defined-only "$1" | awk '$2 ~ /^[tTW]$/ && $3 !~ /^ksym_/')
b=$(nm -n --defined-only "$2" | awk '$2 ~ /^[tTW]$/ && $3 !~ /^ksym_/')
if [ "$a" != "$b" ]; then
	echo "ksymcheck: text symbols moved between link passes of $2" >&2
	exit 1
fi

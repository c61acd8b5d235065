#!/bin/sh
# Writes binary.bin (the golden cases' binary input): every byte value
# 0-255 in order, 48 zero bytes (repeated lines for od's and hexdump's
# '*'), then "tail" and an odd byte count. Run from tests/golden/text.
set -eu
i=0
{
	while [ $i -lt 256 ]; do
		printf "\\$(printf %03o $i)"
		i=$((i + 1))
	done
	head -c 48 /dev/zero
	printf 'tail!'
} > binary.bin

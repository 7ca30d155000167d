#!/bin/sh
# embed.sh: write a C file holding FILE's bytes as `const char NAME[]`
# (NUL-terminated) and `const size_t NAME_len`.  Used to compile the
# built-in profile from its YAML source, so there is one copy of it.
# SPDX-License-Identifier: BSD-3-Clause
set -eu
name=$1
file=$2
printf '/* Generated from %s by tests/embed.sh; do not edit. */\n' "$file"
printf '#include <stddef.h>\n'
printf 'extern const char %s[];\nextern const size_t %s_len;\n' "$name" "$name"
printf 'const char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
printf '\t0x00\n};\n'
printf 'const size_t %s_len = sizeof(%s) - 1;\n' "$name" "$name"

#!/usr/bin/env bash
# The instructions each generator executes in user space for each spec (valgrind's callgrind), the
# fewest of RUNS runs (3 unless set): nearly the same count on every run (sdkgen's varies by a few
# percent between runs), so a change a noisy machine's clock cannot resolve still shows. It leaves out what the kernel does for the process (starting it, page faults,
# creating the files), which scripts/compare-generators.sh includes.
#
#   apt-get install valgrind
#   scripts/compare-instructions.sh target/release/sdkgen /tmp/o2r/bin/openapi-to-rust SPEC...
set -euo pipefail
ours=$1 peer=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

runs=${RUNS:-3}

instructions() { # the fewest instructions `command...` executed in $runs runs, as callgrind counts
  for _ in $(seq "$runs"); do
    rm -rf "$work/a" "$work/b"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
      awk '/Collected :/ { print $NF }'
  done | sort -n | head -1
}

printf '| spec | sdkgen | openapi-to-rust | ratio |\n| --- | --- | --- | --- |\n'
for spec in "$@"; do
  a=$(instructions "$ours" --spec "$spec" --out "$work/a" --crate bench --lenient)
  b=$(instructions "$peer" generate "$spec" --output-dir "$work/b" --module-name bench)
  printf '| %s | %.1f M | %.1f M | %.2fx |\n' "$(basename "$spec")" \
    "$(awk -v a="$a" 'BEGIN { print a / 1e6 }')" "$(awk -v b="$b" 'BEGIN { print b / 1e6 }')" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')"
done

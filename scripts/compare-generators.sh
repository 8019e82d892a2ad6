#!/usr/bin/env bash
# Whole-process generation time of this project's `sdkgen` and of openapi-to-rust, in paired runs
# (one of each, alternating, so load affects both alike), median of RUNS per spec.
#
#   cargo build --release -p sdkgen-cli
#   cargo install --locked openapi-to-rust --version 0.23.0 --root /tmp/o2r
#   scripts/compare-generators.sh target/release/sdkgen /tmp/o2r/bin/openapi-to-rust SPEC...
#
# The outputs go under $TMPDIR (TMPDIR=/dev/shm puts them on tmpfs). On an ext4 disk without a
# journal, creating a file skips each inode of its group deleted in the last minutes, so the
# output removed before each run makes every file created after it slower, the more so the more
# runs came before: compare within one sitting only.
set -euo pipefail
ours=$1 peer=$2
shift 2
runs=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { # the wall time of a command, in seconds; bash's own clock, so no process is timed but it
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  local end=$EPOCHREALTIME
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| spec | sdkgen | openapi-to-rust | ratio |\n| --- | --- | --- | --- |\n'
for spec in "$@"; do
  : >"$work/ours" ; : >"$work/peer"
  for run in $(seq "$runs"); do
    rm -rf "$work/a" "$work/b"
    seconds "$ours" --spec "$spec" --out "$work/a" --crate bench --lenient >>"$work/ours"
    seconds "$peer" generate "$spec" --output-dir "$work/b" --module-name bench >>"$work/peer"
  done
  a=$(median <"$work/ours") b=$(median <"$work/peer")
  printf '| %s | %.4f s | %.4f s | %.2fx |\n' "$(basename "$spec")" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')"
done

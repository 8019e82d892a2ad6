#!/usr/bin/env bash
# Whole-process generation time of two or more builds of `sdkgen` on one spec, in alternating runs
# whose order flips each round (so neither build always runs just after the other): the fastest and
# the median of RUNS runs each, in milliseconds. For a change too small for a sitting to show
# against another tool; the outputs go under $TMPDIR.
#
#   scripts/pair-binaries.sh RUNS SPEC /tmp/sdkgen-before target/release/sdkgen
set -euo pipefail
runs=$1 spec=$2
shift 2
bins=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=${#bins[@]}
for round in $(seq "$runs"); do
  for position in $(seq 0 $((count - 1))); do
    if ((round % 2)); then index=$position; else index=$((count - 1 - position)); fi
    rm -rf "$work/out"
    start=$EPOCHREALTIME
    "${bins[$index]}" --spec "$spec" --out "$work/out" --crate bench --lenient >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$work/times-$index"
  done
done
printf '| build | fastest | median |\n| --- | --- | --- |\n'
for index in $(seq 0 $((count - 1))); do
  sort -n "$work/times-$index" >"$work/sorted"
  printf '| %s | %s ms | %s ms |\n' "${bins[$index]}" "$(head -1 "$work/sorted")" \
    "$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$work/sorted")"
done

#!/usr/bin/env bash
# loa at a larger size than compare.sh runs on this machine's memory: by default
# 100,000 explainers, on tmpfs, one timed run each (RUNS), no warm-up.
#   bench/scale.sh                      # N = 100000
#   SIZES=50000 RUNS=2 bench/scale.sh
# Like-for-like cold is paired with Hugo as in compare.sh; then loa alone: a no-op
# rebuild, a one-page change, and with everything on (Hugo's output is deleted first,
# so the everything-on output fits in memory beside the corpora) a cold build and a
# one-page change. Per-page figures compare with compare.sh's 10,000-page run.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../shared/bench}
: "${SIZES:=100000}" "${RUNS:=1}"
export SIZES RUNS
source "$SHARED/common.sh"
source "$HERE/corpora.sh"
(cd "$HERE/.." && cargo build --release --quiet)
LOA="$WORK/loa-bin"
cp "$HERE/../target/release/loa" "$LOA"
HUGO=$(hugo_bin)
measure_one() {
    python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 0 --pages "$1" --label "$2" --cwd "$3" \
        --json "$RESULTS" "${@:4}"
}
for n in $SIZES; do
    loa_dir=$(gen loa "$n")
    hugo_dir=$(gen hugo "$n")
    loa_corpora "$loa_dir"
    cold="rm -rf public .loa-cache && exec $LOA build >/dev/null"
    page=$(cd "$loa_dir-lfl" && find content -name '*.md' ! -name _index.md | sort | sed -n "$((n / 2))p")
    echo "== N=$n like-for-like, cold"
    measure_one "$n" loa-lfl "$loa_dir-lfl" --vs "cd $hugo_dir && rm -rf public && exec $HUGO --quiet" \
        --label-b hugo -- "$cold"
    rm -rf "$hugo_dir/public"
    # The cold build started right after the corpus was copied: files changed less than
    # two seconds before a build are not trusted to be unchanged, so that build left no
    # record of its inputs. This one (untimed) does.
    (cd "$loa_dir-lfl" && $LOA build >/dev/null)
    echo "== N=$n like-for-like, no-op rebuild"
    measure_one "$n" loa-noop "$loa_dir-lfl" -- "exec $LOA build >/dev/null"
    echo "== N=$n like-for-like, one page changed ($page)"
    measure_one "$n" loa-one "$loa_dir-lfl" -- "printf '\\nThêm một câu.\\n' >> $page && exec $LOA build >/dev/null"
    rm -rf "$loa_dir-lfl"
    echo "== N=$n everything on, cold"
    measure_one "$n" loa-all "$loa_dir" -- "$cold"
    echo "== N=$n everything on, one page changed"
    measure_one "$n" loa-all-one "$loa_dir" -- "printf '\\nThêm một câu.\\n' >> $page && exec $LOA build >/dev/null"
    rm -rf "$loa_dir/public"
done

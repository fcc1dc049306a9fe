#!/usr/bin/env bash
# loa against Hugo on the same generated corpora, in one run, on tmpfs.
#   bench/compare.sh                       # N = 1000 and 10000, 5 runs each
#   SIZES=1000 RUNS=3 bench/compare.sh
#   WORK=/var/tmp/loa-bench SIZES=10000 bench/compare.sh   # on this machine's disk
# For each size: loa like-for-like (portal pages, lists, terms, sitemap, one feed:
# `outputs: [site_feed]`) paired with Hugo's minimal theme, then loa with everything on
# paired with the same Hugo build; then, like-for-like again, a no-op rebuild (nothing
# changed, the last output still there) and a one-page change (a line added to one
# explainer before each run), each paired with Hugo doing the same; then the one-page
# change with everything on. Cold builds delete the output and the build cache
# (.loa-cache/) inside the timing and write the cache again, as a site's first build
# does; rebuilds keep both. Prints wall, CPU, peak memory and the loa/Hugo ratios.
# The corpus gives each page a random subset of channels, which Hugo ignores; the loa
# copies here drop `channels` so every page goes to every channel, as Hugo builds every
# page.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../shared/bench}
source "$SHARED/common.sh"
source "$HERE/corpora.sh"
(cd "$HERE/.." && cargo build --release --quiet)
LOA="$WORK/loa-bin"
cp "$HERE/../target/release/loa" "$LOA"
HUGO=$(hugo_bin)
"$HUGO" version
for n in $SIZES; do
    loa_dir=$(gen loa "$n")
    hugo_dir=$(gen hugo "$n")
    loa_corpora "$loa_dir"
    hugo_cmd="cd $hugo_dir && rm -rf public && exec $HUGO --quiet"
    cold="rm -rf public .loa-cache && exec $LOA build >/dev/null"
    echo "== N=$n like-for-like"
    python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --pages "$n" --label loa-lfl --cwd "$loa_dir-lfl" \
        --vs "$hugo_cmd" --label-b hugo --json "$RESULTS" -- "$cold"
    echo "== N=$n everything on"
    python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --pages "$n" --label loa-all --cwd "$loa_dir" \
        --vs "$hugo_cmd" --label-b hugo --json "$RESULTS" -- "$cold"
    # The last like-for-like build above left its output: rebuilding changes nothing.
    (cd "$loa_dir-lfl" && rm -rf public .loa-cache && $LOA build >/dev/null)
    echo "== N=$n no-op rebuild"
    python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --pages "$n" --label loa-noop --cwd "$loa_dir-lfl" \
        --vs "cd $hugo_dir && exec $HUGO --quiet" --label-b hugo-noop --json "$RESULTS" -- "exec $LOA build >/dev/null"
    page=$(cd "$loa_dir-lfl" && find content -name '*.md' ! -name _index.md | sort | sed -n "$((n / 2))p")
    echo "== N=$n one-page change ($page)"
    python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --pages "$n" --label loa-one --cwd "$loa_dir-lfl" \
        --vs "cd $hugo_dir && printf '\\nThêm một câu.\\n' >> $page && exec $HUGO --quiet" --label-b hugo-one \
        --json "$RESULTS" -- "printf '\\nThêm một câu.\\n' >> $page && exec $LOA build >/dev/null"
    echo "== N=$n one-page change, everything on ($page)"
    python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --pages "$n" --label loa-all-one --cwd "$loa_dir" \
        --vs "cd $hugo_dir && printf '\\nThêm một câu.\\n' >> $page && exec $HUGO --quiet" --label-b hugo-one \
        --json "$RESULTS" -- "printf '\\nThêm một câu.\\n' >> $page && exec $LOA build >/dev/null"
    rm -rf "$loa_dir-lfl"
done

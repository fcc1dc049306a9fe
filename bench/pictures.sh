#!/usr/bin/env bash
# Pictures: 100 photos of 4000 × 3000 pixels (made by examples/make_photos.rs, like
# phone photos), one explainer showing each, built with an empty cache and again with
# the cache full. The issue's goals: ≤ 20 s without the cache, the cached rebuild ≤ 5 %.
#   bench/pictures.sh            # 100 photos, 3 runs
#   PHOTOS=20 RUNS=5 bench/pictures.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../shared/bench}
: "${PHOTOS:=100}" "${RUNS:=3}" "${WORK:=/dev/shm/loa-bench}"
(cd "$HERE/.." && cargo build --release --quiet && cargo build --release --quiet --example make_photos)
LOA="$WORK/loa-bin"
mkdir -p "$WORK"
cp "$HERE/../target/release/loa" "$LOA"
site="$WORK/pictures-$PHOTOS"
if [ ! -f "$site/content/anh/anh-$(printf %03d $((PHOTOS - 1))).jpg" ]; then
    rm -rf "$site"
    "$HERE/../target/release/examples/make_photos" "$site/content/anh" "$PHOTOS" 4000 3000
fi
printf 'title: Ảnh\nbase_url: /\n' > "$site/site.yaml"
for f in "$site"/content/anh/*.jpg; do
    n=$(basename "$f" .jpg)
    printf -- '---\ntitle: "Bài %s"\nsummary: "Một bài có ảnh."\nimage: %s.jpg\nimage_alt: "Ảnh %s"\n---\n\nẢnh chụp ở xã.\n' \
        "$n" "$n" "$n" > "$site/content/anh/$n.md"
done
du -sh "$site/content/anh" | sed 's/^/originals: /'
echo "== $PHOTOS photos, no cache"
python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 0 --pages "$PHOTOS" --label pictures-cold --cwd "$site" \
    -- "rm -rf public .loa-cache && exec $LOA build >/dev/null"
echo "== $PHOTOS photos, cache full"
python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --pages "$PHOTOS" --label pictures-cached --cwd "$site" \
    -- "rm -rf public && exec $LOA build >/dev/null"

#!/usr/bin/env bash
# A site in three languages against the same site in one, in one run, on tmpfs.
#   bench/languages.sh                     # N = 10000, 3 runs
#   SIZES=1000 RUNS=5 bench/languages.sh
# The one-language corpus is gen_corpus.py's (everything on). The three-language
# variant adds, beside every explainer and section file, an English and a Tày copy
# (`name.en.md`, `name.tyz.md`, the same body, the title marked, `slug:` kept) and
# `languages: [vi, en, tyz]` to site.yaml: three times the pages, every one paired. The
# issue's goal: the three-language build within 3.3 times the one-language build.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../shared/bench}
: "${SIZES:=10000}" "${RUNS:=3}"
source "$SHARED/common.sh"
(cd "$HERE/.." && cargo build --release --quiet)
LOA="$WORK/loa-bin"
cp "$HERE/../target/release/loa" "$LOA"
for n in $SIZES; do
    one=$(gen loa "$n")
    three="$one-3lang"
    rm -rf "$three"
    cp -r "$one" "$three"
    python3 - "$three" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
for f in sorted(root.joinpath("content").rglob("*.md")):
    text = f.read_text(encoding="utf-8")
    for code, mark in (("en", "English"), ("tyz", "Tày")):
        copy = re.sub(r'^title: "?(.*?)"?$', lambda m: f'title: "{m.group(1)} ({mark})"', text, count=1, flags=re.M)
        if f.name != "_index.md":
            copy = copy.replace("\n---\n", f"\nslug: {f.stem}\n---\n", 1)
        f.with_name(f"{f.stem}.{code}.md").write_text(copy, encoding="utf-8")
site = root / "site.yaml"
site.write_text(site.read_text(encoding="utf-8") + "languages:\n  - code: vi\n  - code: en\n  - code: tyz\n    spoken: vi\n", encoding="utf-8")
PY
    echo "== N=$n: three languages ($((3 * n)) explainers) against one ($n)"
    python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --pages "$((3 * n))" --label loa-3lang --cwd "$three" \
        --vs "cd $one && rm -rf public && exec $LOA build >/dev/null" --label-b loa-1lang --json "$RESULTS" \
        -- "rm -rf public && exec $LOA build >/dev/null"
done

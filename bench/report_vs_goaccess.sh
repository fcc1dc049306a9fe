#!/usr/bin/env bash
# `loa report` against GoAccess (Debian's goaccess, installed if missing) on the same
# access log, side by side in one run, on tmpfs.
#   bench/report_vs_goaccess.sh                   # 2.2 GB log, 3 paired runs
#   SIZE=500M RUNS=5 bench/report_vs_goaccess.sh
#   AGREEMENT_ONLY=1 bench/report_vs_goaccess.sh  # only the per-explainer comparison
# Makes the 10,000-page corpus (seed 1), builds it under /chuyen-doi-so/ so the log
# generator learns its real URLs, writes a combined log for April 2026 with
# bench/gen_access_log.py (partners, bots, malformed lines, +0000 lines, query strings),
# then times `loa report --format json` paired with GoAccess's JSON report, and checks
# that both count the same page views per explainer under the same filters:
#   GET only; status 2xx or 304; query strings ignored; `.../` and `.../index.html` added
#   up; crawlers left out (GoAccess: its own list plus the generator's bot words in a
#   --browsers-file, which matches what loa's crawler-user-agents list flags in this log).
# Exact agreement is checked on a second, clean log (`--malformed 0`): GoAccess accepts
# a line cut short after its request as a hit, loa calls it malformed; on the big log the
# script prints how many views such lines make.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../shared/bench}
: "${WORK:=/dev/shm/loa-report-bench}" "${SIZE:=2.2G}" "${RUNS:=3}" "${SEED:=1}"
mkdir -p "$WORK"
(cd "$HERE/.." && cargo build --release --quiet)
LOA="$WORK/loa-bin"
cp "$HERE/../target/release/loa" "$LOA"
if ! command -v goaccess >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq goaccess >/dev/null
fi
goaccess --version | head -1

corpus="$WORK/corpus"
if [ ! -d "$corpus/public" ]; then
    python3 "$SHARED/gen_corpus.py" --pages 10000 --out "$corpus" --flavor loa --seed "$SEED" >&2
    sed -i 's#^base_url:.*#base_url: "https://congthongtin.example.vn/chuyen-doi-so/"#' "$corpus/site.yaml"
    "$LOA" build --root "$corpus" >&2
fi
log="$WORK/access-$SIZE.log"
clean="$WORK/access-clean.log"
[ -f "$log" ] || python3 "$HERE/gen_access_log.py" --site "$corpus/public" --size "$SIZE" --out "$log" --seed "$SEED"
[ -f "$clean" ] || python3 "$HERE/gen_access_log.py" --site "$corpus/public" --size 300M --out "$clean" \
    --seed $((SEED + 1)) --malformed 0
printf '%s\tCrawlers\n' bot Bot BOT crawl Crawl spider Spider curl Wget wget python-requests \
    Go-http-client HeadlessChrome facebookexternalhit > "$WORK/bots.list"
# Every status the generator writes other than 2xx and 304.
ignore=""
for s in 301 400 404 405 499 500 502 503 504; do ignore="$ignore --ignore-status=$s"; done
goaccess_cmd() {  # goaccess_cmd LOG OUT
    echo "goaccess $1 --log-format=COMBINED --no-progress -o $2 --max-items=1000000 -q \
--http-protocol=no --http-method=yes --ignore-crawlers --browsers-file=$WORK/bots.list $ignore"
}
loa_cmd() {  # loa_cmd LOG OUT
    echo "$LOA report --root $corpus --from 2026-04 --format json --access-log $1 --output $2 2>/dev/null"
}

bytes=$(stat -c %s "$log")
echo "== $log: $bytes bytes, $(wc -l < "$log") lines"
[ -n "${AGREEMENT_ONLY:-}" ] || python3 "$SHARED/measure.py" --runs "$RUNS" --warmup 1 --label loa-report --cwd "$WORK" \
    --vs "$(goaccess_cmd "$log" "$WORK/ga.json")" --label-b goaccess --json "$WORK/results.jsonl" \
    -- "$(loa_cmd "$log" "$WORK/loa.json")"
[ -n "${AGREEMENT_ONLY:-}" ] || python3 - "$WORK/results.jsonl" "$bytes" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()[-3:]]
mb = int(sys.argv[2]) / 1e6
for r in runs:
    if "wall" in r:
        print(f"{r['label']}: median {r['wall'][1]:.2f} s wall, {mb / r['wall'][1]:.0f} MB/s, "
              f"peak {r['peak_mib'][1]:.0f} MiB")
    else:
        print(f"{r['label']}: wall {r['ratio']['wall'][1]:.3f}x (GoAccess {1 / r['ratio']['wall'][1]:.0f} times the time), "
              f"peak {r['ratio']['peak_mib'][1]:.3f}x")
PY

echo "== agreement on page views per explainer"
for which in clean big; do
    if [ $which = clean ]; then src=$clean; else src=$log; fi
    eval "$(loa_cmd "$src" "$WORK/loa-$which.json")"
    eval "$(goaccess_cmd "$src" "$WORK/ga-$which.json")"
    python3 - "$WORK/loa-$which.json" "$WORK/ga-$which.json" "$which" <<'PY'
import json, sys
loa, ga, which = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
hits = {}
for item in ga["requests"]["data"]:
    if item.get("method", "GET") == "GET":
        hits[item["data"]] = hits.get(item["data"], 0) + item["hits"]["count"]
same = differ = loa_total = ga_total = 0
for e in loa["explainers"]:
    theirs = hits.get(e["path"], 0) + hits.get(e["path"] + "index.html", 0)
    ours = e["views"]["portal"]
    loa_total += ours; ga_total += theirs
    if ours == theirs: same += 1
    else: differ += 1
print(f"{which}: {same + differ} explainers, equal on {same}, differing on {differ}; "
      f"views loa {loa_total}, GoAccess {ga_total}; loa's malformed lines {loa['log']['malformed']}")
PY
done

#!/bin/bash
# The editor's live preview: `loa serve` (release) on a site, then N previews of one
# page whose body is its own with a sentence added and whose title changes each time;
# prints the median, min and max seconds from the request to the answer (curl).
# Usage: bench/editor_preview.sh SITE PAGE_BELOW_CONTENT [N]
set -u
ROOT=$1; PAGE=$2; N=${3:-10}
OUT=${TMPDIR:-/tmp}/loa-preview
"${LOA:-target/release/loa}" serve --port 18112 --root "$ROOT" > "$OUT.log" 2> "$OUT.err" &
PID=$!
trap 'kill $PID' EXIT
for _ in $(seq 1 300); do grep -q "http://" "$OUT.log" && break; sleep 0.2; done
BASE=$(grep -o "http://[^ ]*" "$OUT.log")
TOKEN=$(curl -s "${BASE}__loa/edit/$PAGE" | grep -o 'name="token" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
python3 -c "import sys; t=open(sys.argv[1]).read(); print(t.split('---',2)[2].lstrip())" "$ROOT/content/$PAGE" > "$OUT-body.md"
for i in $(seq 1 "$N"); do
  { cat "$OUT-body.md"; echo "Câu thêm số $i."; } > "$OUT-body-$i.md"
  curl -s -o "$OUT-last.json" -w "%{time_total}\n" -X POST -H "Origin: http://127.0.0.1:18112" \
    -F "token=$TOKEN" -F "page=$PAGE" -F channels=portal -F channels=newspaper -F channels=broadcast \
    -F "title=Tiêu đề thử $i" -F "summary=Tóm tắt $i." -F "body=<$OUT-body-$i.md" "${BASE}__loa/edit/xem-thu"
done | sort -n | awk '{a[NR]=$1} END {print "median", a[int((NR+1)/2)], "min", a[1], "max", a[NR]}'

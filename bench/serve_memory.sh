#!/bin/bash
# `loa serve`'s memory (VmHWM and VmRSS from /proc) on a site: after the first build,
# and after one title edit and the rebuild it causes. Usage: bench/serve_memory.sh SITE
ROOT=$1
"${LOA:-target/release/loa}" serve --port 18113 --root "$ROOT" > ${TMPDIR:-/tmp}/loa-sm.log 2> ${TMPDIR:-/tmp}/loa-sm.err &
PID=$!
for _ in $(seq 1 600); do grep -q "http://" ${TMPDIR:-/tmp}/loa-sm.log && break; sleep 0.2; done
grep -E "VmRSS|VmHWM" /proc/$PID/status | tr '\n' ' '; echo " (first build)"
F=$(ls $ROOT/content/*/*.md | grep -v _index | head -1)
cp "$F" ${TMPDIR:-/tmp}/loa-sm-orig.md
sed -i '0,/^title: /s/^title: \(.*\)$/title: \1 sửa/' "$F"
for _ in $(seq 1 600); do grep -q "dựng lại\|Rebuilt\|rebuilt" ${TMPDIR:-/tmp}/loa-sm.err && break; sleep 0.2; done
grep -E "VmRSS|VmHWM" /proc/$PID/status | tr '\n' ' '; echo " (after a title edit)"
tail -1 ${TMPDIR:-/tmp}/loa-sm.err
cp ${TMPDIR:-/tmp}/loa-sm-orig.md "$F"
kill $PID

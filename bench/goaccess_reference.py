#!/usr/bin/env python3
"""Compare GoAccess's per-URL hits with a reference count made here (stdlib only).

    goaccess_reference.py LOG GOACCESS_JSON --site PUBLIC_DIR [--truth TRUTH_JSON] [--paths N] [--base /chuyen-doi-so/]

Reference = well-formed combined lines (strict regex, valid date) that are GET, status
2xx or 304, path with the query string dropped equal to an explainer page (<base><section>/<slug>/
or .../index.html of a folder with index.html and embed/, broadcast.txt or oembed.json but no
feed file), UA not matching gen_access_log.BOT_RE. It also counts, per path, the truncated
lines GoAccess still takes (host, date and a complete request field; no UA left to judge).
GoAccess = sum of `requests` items with method GET (or no method) whose URL equals the
path (run it with -q so the query string is gone). --truth is gen_access_log.py's file.
Prints one row per path: reference, goaccess, truth, and the reasons lines differ.
"""
import argparse, json, re, sys
from collections import Counter, defaultdict

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gen_access_log import BOT_RE, walk_site  # noqa: E402

LINE = re.compile(r'^(\S+) - (\S+) \[(\d\d)/(\w{3})/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})\] '
                  r'"(\S+) (\S+) (\S+)" (\d{3}) (\d+) "([^"]*)" "([^"]*)"$')
TRUNC = re.compile(r'^\S+ - \S+ \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "GET (\S+) HTTP/\d\.\d"(?: (\d{3}))?')
MONTHS = set("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log"); ap.add_argument("ga_json")
    ap.add_argument("--site", required=True); ap.add_argument("--truth"); ap.add_argument("--paths", type=int, default=20)
    ap.add_argument("--base", default="/chuyen-doi-so/")
    a = ap.parse_args()
    bot = re.compile(BOT_RE)
    ref, other = Counter(), defaultdict(Counter)  # other[path][reason]: lines GoAccess may count
    pages = {a.base + e[0] + x for e in walk_site(a.site)["explainers"] if e[4] for x in ("", "index.html")}
    with open(a.log, "rb") as f:
        for raw in f:
            line = raw.decode("ascii", "replace").rstrip("\n")
            m = LINE.match(line)
            if not m or m[4] not in MONTHS or not ("01" <= m[3] <= "31" and m[6] < "24" and m[7] < "60"):
                t = not m and TRUNC.match(line)  # cut short after the request: GoAccess still takes host, date, URL (the cut UA is lost)
                if t and t[1].split("?", 1)[0] in pages and (t[2] in (None, "304") or t[2].startswith("2")):
                    other[t[1].split("?", 1)[0]]["truncated line"] += 1
                continue
            path = m[11].split("?", 1)[0]
            if path not in pages:
                continue
            st = int(m[13])
            if m[10] == "GET" and (200 <= st < 300 or st == 304) and not bot.search(m[16]):
                ref[path] += 1
            else:
                why = ("method " + m[10] if m[10] != "GET" else f"status {st}" if not (200 <= st < 300 or st == 304)
                       else "bot UA: " + (bot.search(m[16])[0]))
                other[path][why] += 1
    ga = Counter()
    for item in json.load(open(a.ga_json))["requests"]["data"]:
        if item.get("method", "GET") == "GET":
            ga[item["data"]] += item["hits"]["count"]
    truth = json.load(open(a.truth)) if a.truth else {}
    ranked = [p for p, _ in ref.most_common()]
    step = max(1, len(ranked) // a.paths)
    picks = ranked[:5] + ranked[5::step][: a.paths - 7] + [p for p in ranked if p.endswith("index.html")][:2]
    print(f"{'path':<70} {'ref':>7} {'goacc':>7} {'truth':>7}  not in ref (GoAccess may count these)")
    for p in picks:
        t = truth.get(p, "")
        print(f"{p[len(a.base):][:70]:<70} {ref[p]:>7} {ga[p]:>7} {t:>7}  "
              + ", ".join(f"{k}: {v}" for k, v in other[p].most_common(6)))
    same = sum(1 for p in ref if ref[p] == ga[p])
    print(f"\nall explainer page paths: {len(ref)} in reference; GoAccess equal on {same}; "
          f"sum ref {sum(ref.values())}, sum goaccess {sum(ga[p] for p in ref)}")
    trunc = {p: other[p]["truncated line"] for p in pages if other[p]["truncated line"]}
    same_t = sum(1 for p in pages if ref[p] + other[p]["truncated line"] == ga[p])
    print(f"truncated lines GoAccess may count: {sum(trunc.values())} on {len(trunc)} paths; "
          f"ref + those == goaccess on {same_t} of {len(pages)} explainer page paths")
    if truth:
        print(f"reference == generator truth on every path: {dict(ref) == truth}")
    diff = [(p, ref[p], ga[p]) for p in ref if ref[p] != ga[p]]
    for p, r, g in sorted(diff, key=lambda x: -abs(x[1] - x[2]))[:10]:
        print(f"  differs: {p} ref {r} goaccess {g}")


if __name__ == "__main__":
    main()

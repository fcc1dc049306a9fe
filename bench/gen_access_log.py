#!/usr/bin/env python3
"""Generate a realistic nginx access log for a built loa site (stdlib only).

    gen_access_log.py --site PUBLIC_DIR --base-path /chuyen-doi-so/ --size 2G \
        --out FILE [--common] [--gzip-parts N] [--from 2026-04-01 --days 30] [--seed 1]

It walks the built output to learn the real URLs (explainers are the folders
holding embed/, broadcast.txt or oembed.json; feeds are atom.xml, rss.xml and
feed.json), then writes nginx "combined" lines (or "common" with --common):

    $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"

Mix (share of lines): explainer page views 44% (Zipf popularity), assets 15%, embed
views 12% (newspaper referers, ~20% "-"), oEmbed 1%, broadcast files 2%, feeds 5%
(feed-reader UAs), lists/home/search/other pages 5%, bots 8%, HEAD 1%, 301 to the
trailing slash 2%, 404 2%, 5xx 0.2%, paths outside the base path 3%, POST 0.2%,
bad requests (TLS junk, empty) 0.02%; plus ~0.05% malformed lines inserted
(truncated, garbage, bad date, empty; --malformed 0 for none).  Page views go only to
explainers that have a web page (channels vary).  ~10% of page URLs carry a query
string, a few UAs/referers hold nginx's \\x22 escapes, clients come from ~200k
IPv4/IPv6 addresses.  Times are local +0700, increasing, with a day/night curve; on day 12 the
server wrote +0000 for 12 hours (same instants, so the clock text steps back 7 h),
and ~0.1% of lines elsewhere are +0000 too (a second server merged in).

Speed: request/referer/UA "tails" are drawn once into a pool from the model above;
each line is then IP + timestamp + a uniformly drawn tail, built in hourly batches.
--size is a target: the period is always covered, the file lands within ~1% of it.
--gzip-parts N splits the output the way logrotate (delaycompress) leaves it: FILE is
the newest part, FILE.1 the next, FILE.2.gz ... FILE.{N-1}.gz the oldest.
At the end a JSON summary (lines per category; explainer_reads = GET 2xx/304 views of
explainer page paths by browser UAs, none matching BOT_RE; with --common, whose lines have
no UA, by bots too) goes to stderr; --truth F writes those per path (query string dropped;
.../index.html kept as its own path).
"""
import argparse, datetime, gzip, json, os, random, re, sys, time, zlib
from collections import Counter

MON = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
HOURLY = [.25, .15, .1, .08, .08, .15, .4, .8, 1.2, 1.5, 1.6, 1.5, 1.2, 1.1, 1.3, 1.4,
          1.4, 1.3, 1.1, 1.2, 1.5, 1.6, 1.2, .6]       # Vietnam, local hour
BOT_RE = r"(?i)bot|crawl|spider|curl|wget|python-requests|go-http-client|headless|facebookexternalhit"
MIX = dict(explainer=44, asset=15, embed=12, oembed=1, broadcast=2, feed=5, list=5,
           bot=8, head=1, redirect=2, notfound=2, error5xx=.2, outside=3, post=.2,
           badreq=.02)
NEWS = [("baolangson.vn", 30), ("www.baolangson.vn", 15), ("langson.gov.vn", 15),
        ("baocaobang.vn", 8), ("baobacgiang.vn", 6), ("baohaiphong.vn", 6),
        ("m.baolangson.vn", 5), ("thanhnien.vn", 3), ("-", 22)]
WORDS = ("chuyen-doi-so xa huyen nong-thon-moi dich-vu-cong nguoi-dan doanh-nghiep "
         "ung-dung truc-tuyen ho-so dien-tu tinh lang-son thanh-toan so-hoa kinh-te "
         "chinh-quyen tap-huan ky-nang an-toan thong-tin").split()
# automated clients: (UA, weight, IP pattern); {v} becomes a version. Every one matches BOT_RE and loa's
# src/report/crawlers.txt; no browser UA does
BOTS = [("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.{v} Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 22, "66.249.{a}.{b}"),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 8, "66.249.{a}.{b}"),
        ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.{v} Safari/537.36", 12, "40.77.167.{b}"),
        ("Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)", 12, "123.30.175.{b}"),
        ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", 8, "54.36.148.{b}"),
        ("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", 5, "85.208.96.{b}"),
        ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot", 4, "20.171.207.{b}"),
        ("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", 2, "5.255.231.{b}"),
        ("Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)", 3, "114.119.{a}.{b}"),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", 6, "2a03:2880:f800:{a}::{b}"),
        ("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", 4, "69.162.124.{b}"),
        ("curl/8.5.0", 4, "34.{a}.{b}.7"), ("Wget/1.21.3", 1, "103.{a}.{b}.9"),
        ("python-requests/2.31.0", 4, "35.{a}.{b}.12"), ("Go-http-client/1.1", 2, "45.{a}.{b}.3"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.6261.{v} Safari/537.36", 2, "47.{a}.{b}.20"),
        ("Mozilla/5.0 (compatible; \\x22MJ12bot\\x22/v1.4.8; http://mj12bot.com/)", 1, "193.{a}.{b}.44")]
FEEDERS = ["Feedly/1.0 (+http://www.feedly.com/fetcher.html; {v} subscribers; )",
           "Mozilla/5.0 (compatible; inoreader.com; {v} subscribers)",
           "NewsBlur Feed Fetcher - {v} subscribers - https://www.newsblur.com/site/{v}/",
           "Tiny Tiny RSS/22.08 (https://tt-rss.org/)", "FreshRSS/1.23.1 (Linux; https://freshrss.org)",
           "Miniflux/2.1.0 (https://miniflux.app)", "NetNewsWire (RSS Reader; https://netnewswire.com/)",
           "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.{v}.0"]
OEMBED_UAS = ["WordPress/6.5.2; https://baolangson.vn", "Iframely/1.3.1 (+https://iframely.com/docs/about)",
              "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)", "GuzzleHttp/7"]
BROADCAST_UAS = ["Dalvik/2.1.0 (Linux; U; Android 9; TX3 Mini Build/PPR1.180610.011)", "VLC/3.0.20 LibVLC/3.0.20",
                 "AndroidDownloadManager/11 (Linux; U; Android 11; SM-A125F Build/RP1A.200720.012)"]


def human_uas(rng, n=3000):
    """Browser UAs seen in Vietnam: Android Chrome, iPhone Safari, Zalo/Facebook in-app, desktop."""
    phones = ["SM-A536E", "SM-A146P", "SM-A245F", "CPH2591", "RMX3710", "22111317PG", "V2207",
              "SM-G991B", "M2101K7BG", "Pixel 7", "CPH2477", "SM-A057F", "TECNO KI5q", "K"]
    out = []
    for i in range(n):
        cv = f"{rng.randint(118, 131)}.0.{rng.randint(6000, 6800)}.{rng.randint(40, 200)}"
        av, ph = rng.choice([10, 11, 12, 13, 14]), rng.choice(phones)
        ios = rng.choice(["16_7", "17_1", "17_4_1", "17_5", "18_0", "18_1"])
        kind = rng.choices(range(9), [34, 24, 9, 6, 5, 4, 9, 6, 3])[0]
        android = f"Mozilla/5.0 (Linux; Android {av}; {ph}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv} Mobile Safari/537.36"
        iphone = f"Mozilla/5.0 (iPhone; CPU iPhone OS {ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        out.append([android, f"{iphone} Version/{ios.split('_')[0]}.0 Mobile/15E148 Safari/604.1",
                    android.replace(f"{ph})", f"{ph} Build/TP1A.220624.014; wv)").replace("Chrome/", "Version/4.0 Chrome/")
                    + f" Zalo android/{rng.randint(12000000, 12109999)} ZaloTheme/light ZaloLanguage/vi",
                    f"{iphone} Mobile/15E148 Zalo iOS/{rng.randint(470, 520)} ZaloTheme/dark ZaloLanguage/vi",
                    android.replace("Chrome/", "Version/4.0 Chrome/") + f" [FB_IAB/FB4A;FBAV/{rng.randint(440, 480)}.0.0.{rng.randint(10, 60)}.{rng.randint(100, 120)};]",
                    f"{iphone} Mobile/15E148 [FBAN/FBIOS;FBAV/{rng.randint(440, 480)}.0.0.{rng.randint(10, 60)}.{rng.randint(100, 120)};FBBV/{rng.randint(500000000, 600000000)};FBDV/iPhone14,{rng.randint(2, 7)};FBMD/iPhone;FBSN/iOS;FBSV/{ios.replace('_', '.')};FBSS/3;FBID/phone;FBLC/vi_VN;FBOP/5]",
                    f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{cv} Safari/537.36",
                    f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/{rng.randint(120, 131)}.0.{rng.randint(100, 300)} Chrome/{cv} Safari/537.36",
                    f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{rng.randint(0, 6)} Safari/605.1.15"][kind])
    return sorted(set(out))


def ip_pool(rng, n):
    """~n client addresses: Vietnamese ISP IPv4 blocks and ~25% IPv6 (Viettel, VNPT, FPT)."""
    v4 = [(14, 160, 191), (27, 64, 79), (42, 112, 119), (113, 160, 191), (116, 96, 111), (171, 224, 255),
          (123, 16, 31), (1, 52, 55), (115, 72, 79), (125, 212, 215), (183, 80, 91)]
    v6 = ["2402:800", "2001:ee0", "2405:4802", "2405:4803"]
    seen = set()
    while len(seen) < n:
        if rng.random() < .75:
            a, lo, hi = rng.choice(v4)
            seen.add(f"{a}.{rng.randint(lo, hi)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}")
        else:
            seen.add(rng.choice(v6) + "".join(f":{rng.getrandbits(16):x}" for _ in range(6)))
    ips = sorted(seen)
    rng.shuffle(ips)
    return [ip + " - -" for ip in ips]


def documentation_address(line):
    """The line with its client address moved into the documentation ranges (the same
    address always to the same one), so a sample log names no real machine."""
    token, sep, rest = line.partition(" ")
    if not sep or not re.fullmatch(r"[0-9a-fA-F:.]+", token) or not ("." in token or ":" in token):
        return line
    h = zlib.crc32(token.encode())
    if ":" in token:
        return f"2001:db8::{h >> 16:x}:{h & 0xffff:x} {rest}"
    net = ("192.0.2", "198.51.100", "203.0.113")[h % 3]
    return f"{net}.{h // 3 % 254 + 1} {rest}"


def walk_site(public):
    """Learn URLs (relative to the base path) and file sizes from the built output."""
    site = dict(explainers=[], pages=[], lists=[], feeds=[], assets=[], search=[], list_embeds=[], size={})
    feed_names, explainer_dirs = ("atom.xml", "rss.xml", "feed.json"), set()
    for d, dirs, files in os.walk(public):
        dirs.sort()
        rel = os.path.relpath(d, public).replace(os.sep, "/")
        rel = "" if rel == "." else rel + "/"
        for f in sorted(files):
            site["size"][rel + f] = os.path.getsize(os.path.join(d, f))
            if f in feed_names:
                site["feeds"].append(rel + f)
            elif f.endswith((".css", ".js")):
                site["assets"].append(rel + f)
            elif rel.startswith("search/") and f.endswith(".json"):
                site["search"].append(rel + f)
        if rel and ("embed" in dirs or "broadcast.txt" in files or "oembed.json" in files) \
                and not any(f in files for f in feed_names):  # a list (term, section) may have an embed/ too
            site["explainers"].append((rel, "embed" in dirs, "broadcast.txt" in files, "oembed.json" in files,
                                       "index.html" in files))  # channels vary: not every explainer has a web page
            explainer_dirs.add(rel)
        elif "index.html" in files and "embed/" in rel:
            if rel[:rel.rindex("embed/")] not in explainer_dirs:  # embed/latest/, <term>/embed/: list widgets
                site["list_embeds"].append(rel)
        elif "index.html" in files and "embed/" not in rel:
            site["pages" if rel.count("/") == 2 and not rel.startswith(("chu-de/", "doi-tuong/")) else "lists"].append(rel)
    return site


def zipf(rng, items, s=1.0):
    items = list(items)
    rng.shuffle(items)
    cum, acc = [], 0.0
    for r in range(1, len(items) + 1):
        acc += r ** -s
        cum.append(acc)
    return lambda: rng.choices(items, cum_weights=cum)[0]


def build_pool(rng, site, base, host, n, common):
    """Draw n (ip_override, tail, category, truth_path) entries from the traffic model."""
    S, B = site["size"], base
    exs = site["explainers"]
    ex = zipf(rng, [e for e in exs if e[4]] or exs)      # explainers with a web page
    bc = zipf(rng, [e for e in exs if e[2]] or exs, .9)  # ... with broadcast files
    emb = zipf(rng, [e for e in exs if e[1]] or exs, .9)
    oe = zipf(rng, [e for e in exs if e[3]] or exs, .9)
    page = zipf(rng, site["pages"] or [e[0] for e in site["explainers"]], .8)
    uas = human_uas(rng)
    ua = zipf(rng, uas, .7)
    bots = [(u.replace("{v}", str(rng.randint(10, 99))), w, ipf) for u, w, ipf in BOTS]
    bot_ips = {u: [ipf.format(a=rng.randint(64, 79), b=rng.randint(1, 254)) + " - -" for _ in range(40)] for u, _, ipf in bots}
    news = [f"https://{h}/{'-'.join(rng.sample(WORDS, 5))}-{rng.randint(1000000, 9999999)}.html" if h != "-" else "-"
            for h, w in NEWS for _ in range(w * 20)]
    ext_refs = (["-"] * 30 + ["https://www.google.com/"] * 25 + ["https://www.google.com.vn/"] * 5
                + ["https://l.facebook.com/", "https://m.facebook.com/", "http://m.facebook.com/"] * 5
                + ["https://zalo.me/", "android-app://com.google.android.gm/", "https://www.bing.com/"] * 2
                + [f"https://coccoc.com/search?query={'+'.join(rng.sample(WORDS, 3))}" for _ in range(8)]
                + ["https://coccoc.com/search?query=\\x22chuyen+doi+so\\x22", "https://www.google.com/search?q=chuy\\xE1\\xBB\\x83n+\\xC4\\x91\\xE1\\xBB\\x95i"])
    qs = (["utm_source=zalo&utm_medium=zalo&utm_campaign=zalo", "zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo",
           "utm_source=facebook&utm_medium=social"] + [f"fbclid=IwAR{rng.getrandbits(120):030x}" for _ in range(40)]
          + [f"gidzl={rng.getrandbits(96):024x}" for _ in range(10)] + ["amp", "ref=baolangson", "q=\\x22so\\x22"])
    site_url = f"https://{host}{B}"
    protos = ["HTTP/2.0"] * 6 + ["HTTP/1.1"] * 3 + ["HTTP/1.0"]
    cats, cw = list(MIX), list(MIX.values())
    pool = []
    for _ in range(n):
        cat = rng.choices(cats, cw)[0]
        ov, meth, status, ref, agent, key = None, "GET", 200, rng.choice(ext_refs), ua(), None
        proto = rng.choice(protos)
        if cat == "explainer":
            rel = ex()[0]
            path = B + rel + ("index.html" if rng.random() < .02 else "")
            status = rng.choices([200, 304, 499], [95.7, 4, .3])[0]
            key = path if status < 400 else None
            path += "?" + rng.choice(qs) if rng.random() < .1 else ""
            size = S.get(rel + "index.html", 15000)
        elif cat == "asset":
            f = rng.choice(site["assets"]) if rng.random() < .85 or not site["search"] else rng.choice(site["search"])
            path, size, ref = B + f, S[f], site_url + ex()[0]
            status = rng.choices([200, 304], [75, 25])[0]
        elif cat == "embed":
            e = emb()
            lists = site["list_embeds"] or ["embed/latest/"]
            path, ref = B + (e[0] + "embed/" if e[1] and rng.random() < .95 else rng.choice(lists)), rng.choice(news)
            size = S.get(path[len(B):] + "index.html", 3000)
        elif cat == "oembed":
            e = oe()
            path, ref, agent = B + e[0] + "oembed.json" + ("?maxwidth=600" if rng.random() < .3 else ""), "-", rng.choice(OEMBED_UAS)
            size = S.get(e[0] + "oembed.json", 700)
        elif cat == "broadcast":
            f = bc()[0] + rng.choice(["broadcast.txt", "broadcast.vtt", "bulletin.txt"])
            path, size = B + f, S.get(f, 5000)
            if rng.random() < .4:
                agent, ref = rng.choice(BROADCAST_UAS), "-"
        elif cat == "feed":
            f = rng.choice(site["feeds"][:3] * 20 + site["feeds"])
            path, size, ref = B + f, S[f], "-"
            agent = rng.choice(FEEDERS).replace("{v}", str(rng.randint(1, 40))) if rng.random() < .85 else agent
            status = rng.choices([200, 304], [55, 45])[0]
        elif cat == "list":
            r = rng.random()
            rel = "" if r < .3 else page() if r < .6 else rng.choice(site["lists"])
            path, size = B + rel, S.get(rel + "index.html", 20000)
            if rel == "search/" and rng.random() < .7:
                path += "?q=" + "+".join(rng.sample(WORDS, 2))
        elif cat == "bot":
            agent, w, _ = rng.choices(bots, [b[1] for b in bots])[0]
            ov, ref = rng.choice(bot_ips[agent]), "-"
            r = rng.random()
            f = (ex()[0] if r < .6 else page() if r < .7 else rng.choice(site["lists"]) if r < .8
                 else rng.choice(["sitemap.xml", "robots.txt"] + site["feeds"][:3]) if r < .9 else bc()[0] + "broadcast.txt")
            path, size = B + f, S.get(f, S.get(f + "index.html", 15000))
            status = rng.choices([200, 304, 404], [90, 8, 2])[0]
            key = path if common and r < .6 and status != 404 else None  # no UA in "common": bots count
        elif cat == "head":
            meth, ref, size = "HEAD", "-", 0
            path = B + rng.choice(["", ex()[0], ex()[0], site["feeds"][0]])
            if rng.random() < .5:
                agent, _, _ = rng.choice(bots[10:12] + [("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", 0, 0),
                                                        ("WhatsApp/2.24.6.77 A", 0, 0), ("TelegramBot (like TwitterBot)", 0, 0)])
                ov = rng.choice(bot_ips[agent]) if agent in bot_ips else None
        elif cat == "redirect":
            rel = rng.choice([ex()[0]] * 8 + [rng.choice(site["lists"])] + [""])
            path, status, size = (B + rel).rstrip("/"), 301, 169
        elif cat == "notfound":
            path = B + rng.choice([ex()[0].rstrip("/") + "-cu/", ex()[0] + "amp/", "favicon.ico", "wp-admin/", ".env",
                                   f"bai-viet/{rng.randint(1, 99999)}.html", "apple-touch-icon.png", "tin-tuc/"])
            status, size = 404, S.get("404.html", 3000)
        elif cat == "error5xx":
            path, status = B + ex()[0], rng.choice([500, 502, 502, 503, 504])
            size = 157 if status != 500 else 177
        elif cat == "outside":
            path = rng.choice(["/", "/favicon.ico", "/robots.txt", "/wp-login.php", "/xmlrpc.php", "/.git/config"]
                              + [f"/tin-tuc/{'-'.join(rng.sample(WORDS, 4))}-{rng.randint(100, 9999)}.html"] * 6)
            status = 404 if path in ("/wp-login.php", "/xmlrpc.php", "/.git/config") else 200
            size = rng.randint(2000, 60000) if status == 200 else 153
            if rng.random() < .05:
                ov = f"{rng.choice(['14.160.33.7', '113.161.4.2'])} - bientap"
        elif cat == "post":
            meth, ref = "POST", "-"
            path, status = rng.choice([("/wp-login.php", 404), ("/xmlrpc.php", 404), (B + "search/", 405), ("/", 405)])
            size = 157 if status == 405 else 153
            agent = rng.choice(["python-requests/2.31.0", agent, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"])
        else:  # badreq: what nginx logs for TLS on port 80, or an empty request
            req = rng.choice(["\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03", "", "-"])
            tail = f'"{req}" 400 {157 if req else 0}' + ('' if common else ' "-" "-"')
            pool.append((None, tail, cat, None))
            continue
        tail = f'"{meth} {path} {proto}" {status} {size if status not in (304, 499) else 0}'
        if not common:
            tail += f' "{ref}" "{agent}"'
        pool.append((ov, tail, cat, key))
    return pool


def malformed(rng, kind, src, t):
    """A broken line made from src (cut short, junk, bad date or empty); never a valid line."""
    if kind == "truncated":  # cut anywhere but where a shorter well-formed (common) line would be left
        r_end = src.index('" ', src.index(' "') + 2)
        ref = src.find(' "', r_end + 2)
        cut = rng.randint(10, len(src) - 5)
        return src[:cut if not r_end < cut <= (ref + 1 if ref > 0 else len(src)) else rng.randint(10, r_end - 1)]
    if kind == "garbage":
        return rng.choice([f"{t:%Y/%m/%d %H}:00:01 [error] 812#812: *{rng.randint(1, 10**7)} open() "
                           '"/var/www/html/favicon.ico" failed (2: No such file or directory)',
                           "\x00" * rng.randint(20, 400), "-- MARK --", "GET /chuyen-doi-so/ HTTP/1.1", "~~~~ \\x8B\\x08 garbage"])
    if kind == "bad_date":
        bad = rng.choice(["[31/Apr/2026:25:61:00 +0700]", f"[{t:%Y-%m-%dT%H}:00:00+07:00]", f"[{t:%d/%b/%Y}]"])
        return src.split("[", 1)[0] + bad + src.split("]", 1)[1]
    return ""


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(s[:-1]) * mult[s[-1].upper()]) if s[-1].upper() in mult else int(s)


class Parts:
    """Write one file, or N logrotate-style parts (newest = FILE, then .1, then .2.gz ...)."""
    def __init__(self, out, n, total):
        self.out, self.k, self.each, self.done, self.files, self.f = out, n - 1, total / n, 0, [], None
        self._open()

    def _open(self):
        k = self.k
        name = self.out if k == 0 else f"{self.out}.{k}" if k == 1 else f"{self.out}.{k}.gz"
        self.f = gzip.GzipFile(name, "wb", compresslevel=6, mtime=0) if k >= 2 else open(name, "wb")
        self.files.append(name)

    def write(self, data):
        self.f.write(data)
        self.done += len(data)
        if self.k > 0 and self.done >= self.each * (len(self.files)):
            self.f.close()
            self.k -= 1
            self._open()

    def close(self):
        self.f.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", required=True); ap.add_argument("--base-path", default="/chuyen-doi-so/")
    ap.add_argument("--host", default="congthongtin.example.vn"); ap.add_argument("--size", default="2G")
    ap.add_argument("--out", required=True); ap.add_argument("--common", action="store_true")
    ap.add_argument("--gzip-parts", type=int, default=1); ap.add_argument("--from", dest="start", default="2026-04-01")
    ap.add_argument("--days", type=int, default=30); ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pool", type=int, default=600_000); ap.add_argument("--truth", help="write per-path explainer reads (JSON)")
    ap.add_argument("--malformed", type=float, default=.0005, help="share of broken lines inserted (0: none)")
    ap.add_argument("--documentation-addresses", action="store_true",
                    help="every client from the ranges kept for documentation (RFC 5737, RFC 3849): for sample logs")
    a = ap.parse_args()
    t0, rng = time.time(), random.Random(a.seed)
    site = walk_site(a.site)
    if not site["explainers"]:
        sys.exit(f"no explainer folders under {a.site}")
    size = parse_size(a.size)
    pool = build_pool(rng, site, a.base_path, a.host, min(a.pool, max(20000, size // 1000)), a.common)
    ips = ip_pool(rng, 200_000)
    ip_cum, acc = [], 0.0
    for r in range(1, len(ips) + 1):
        acc += r ** -.6
        ip_cum.append(acc)
    avg_ip = sum(len(ip) for ip in ips[:2000]) / 2000  # heavy hitters dominate; close enough
    avg = sum(len(t) + (len(o) if o else avg_ip) for o, t, _, _ in pool) / len(pool) + 31  # " [ts] " + "\n"
    ov, tl, P = [p[0] for p in pool], [p[1] for p in pool], range(len(pool))
    total_lines = size / avg
    start = datetime.datetime.fromisoformat(a.start)
    weights = [HOURLY[h] * (.7 if (start + datetime.timedelta(days=d)).weekday() >= 5 else 1)
               for d in range(a.days) for h in range(24)]
    wsum = sum(weights)
    mmss = [f"{m:02d}:{s:02d}" for m in range(60) for s in range(60)]
    out = Parts(a.out, max(1, a.gzip_parts), size)
    used, bad, nlines, written = Counter(), Counter(), 0, 0
    for hi, w in enumerate(weights):
        t = start + datetime.timedelta(hours=hi)
        u = t - datetime.timedelta(hours=7)
        lp, up = f"{t.day:02d}/{MON[t.month - 1]}/{t.year}:{t.hour:02d}:", f"{u.day:02d}/{MON[u.month - 1]}/{u.year}:{u.hour:02d}:"
        utc_block = hi // 24 == 11 and t.hour < 12
        pre, tz = (up, " +0000") if utc_block else (lp, " +0700")
        rate, tss, accl = total_lines * w / wsum / 3600, [], 0.0
        for m in range(60):
            r = rate * (0.6 + 0.8 * rng.random())
            for s in range(m * 60, m * 60 + 60):
                accl += r
                c = int(accl)
                if c:
                    accl -= c
                    tss.extend([pre + mmss[s] + tz] * c)
        n = len(tss)
        for _ in range(int(n * .001 + rng.random())):   # a second server in UTC, merged in
            i = rng.randrange(n)
            tss[i] = up + tss[i][len(pre):len(pre) + 5] + " +0000"
        idx = rng.choices(P, k=n)
        used.update(idx)
        cl = rng.choices(ips, cum_weights=ip_cum, k=n)
        lines = [f"{ov[i] or c} [{ts}] {tl[i]}" for i, c, ts in zip(idx, cl, tss)]
        extra = []
        for _ in range(int(n * a.malformed + rng.random()) if n and a.malformed else 0):
            kind = rng.choices(["truncated", "garbage", "bad_date", "empty"], [40, 25, 25, 10])[0]
            extra.append((rng.randrange(n + 1), malformed(rng, kind, lines[rng.randrange(n)], t)))
            bad[kind] += 1
        for pos, line in sorted(extra, reverse=True):
            lines.insert(pos, line)
        if a.documentation_addresses:
            lines = [documentation_address(line) for line in lines]
        data = ("\n".join(lines) + "\n").encode("ascii") if lines else b""
        out.write(data)
        nlines, written = nlines + len(lines), written + len(data)
    out.close()
    cats, truth = Counter(), Counter()
    for i, c in used.items():
        cats[pool[i][2]] += c
        if pool[i][3]:
            truth[pool[i][3]] += c
    if a.truth:
        with open(a.truth, "w") as f:
            json.dump(dict(sorted(truth.items())), f, indent=0)
    dt = time.time() - t0
    json.dump({"lines": nlines, "bytes": written, "seconds": round(dt, 1), "MB_per_s": round(written / 1e6 / dt, 1),
               "files": out.files, "explainers": len(site["explainers"]), "pool": len(pool),
               "categories": dict(cats.most_common()), "malformed": dict(bad),
               "explainer_reads": sum(truth.values()), "explainer_paths_read": len(truth)}, sys.stderr, indent=1)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()

/* loa search: fetches the index built by `loa build` and searches it in the browser.
   Folds queries the Vietnamese way (tones dropped, đ -> d, old/new tone placement),
   ranks exact-tone matches and neighbouring syllables first. No WASM, no eval. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = form.getAttribute("data-index");
  var words = form.dataset;
  var meta = null, shards = {}, pages = {};
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/;

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function foldChar(ch) {
    if (ch === "đ") return "d";
    if (ch === "Đ") return "D";
    var f = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return f.length === 1 ? f : ch;
  }
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) out += foldChar(s[i]);
    return out.toLowerCase();
  }
  /* The same rule as canonical_tones in loa: in a syllable ending in oa, oe or uy (not
     quy), the tone mark goes on the first vowel, so hoà and hòa compare equal. */
  function canonical(syl) {
    var d = syl.normalize("NFD").split("");
    var letters = [];
    for (var i = 0; i < d.length; i++) if (!/[\u0300-\u036f]/.test(d[i])) letters.push(i);
    var n = letters.length;
    if (n >= 2) {
      var i1 = letters[n - 2], i2 = letters[n - 1];
      var pair = d[i1] + d[i2];
      var afterQ = d[i1] === "u" && n >= 3 && d[letters[n - 3]] === "q";
      var firstTone = d.slice(i1 + 1, i2).some(function (c) { return TONES.test(c); });
      if ((pair === "oa" || pair === "oe" || pair === "uy") && !afterQ && !firstTone) {
        for (var k = i2 + 1; k < d.length; k++) {
          if (TONES.test(d[k])) {
            var tone = d.splice(k, 1)[0];
            d.splice(i1 + 1, 0, tone);
            break;
          }
        }
      }
    }
    return d.join("").normalize("NFC");
  }
  function fnv(s) {
    var bytes = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  function syllables(q) {
    return q.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function loadMeta() {
    if (!meta) meta = getJSON(base + "meta.json");
    return meta;
  }
  function loadShard(k) {
    if (!shards[k]) shards[k] = getJSON(base + "s/" + k + ".json");
    return shards[k];
  }
  function loadPage(n) {
    if (!pages[n]) pages[n] = getJSON(base + "p/" + n + ".json");
    return pages[n];
  }
  function postings(index, token, shardCount) {
    return loadShard(fnv(token) % shardCount).then(function (shard) {
      var list = Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : [];
      var byPage = {}, page = 0;
      for (var i = 0; i + 1 < list.length; i += 2) {
        page += list[i];
        byPage[page] = list[i + 1];
      }
      return byPage;
    });
  }

  /* Scores pages: every syllable must match (folded); pairs of neighbouring syllables
     and exact tones add to the score. Falls back to any syllable when none match all. */
  function rank(q) {
    var syl = syllables(q);
    if (!syl.length) return Promise.resolve({ syl: [], hits: [] });
    return loadMeta().then(function (m) {
      var folded = syl.map(fold);
      var jobs = folded.map(function (t) { return postings(m, t, m.shards); });
      var pairs = [];
      for (var i = 0; i + 1 < folded.length; i++) pairs.push(folded[i] + " " + folded[i + 1]);
      var exact = syl.filter(function (s) { return fold(s) !== s; })
        .map(function (s) { return "=" + canonical(s); });
      jobs = jobs.concat(pairs.concat(exact).map(function (t) { return postings(m, t, m.shards); }));
      return Promise.all(jobs).then(function (lists) {
        var uni = lists.slice(0, folded.length), extra = lists.slice(folded.length);
        var scores = {}, matched = {};
        uni.forEach(function (byPage) {
          Object.keys(byPage).forEach(function (p) {
            scores[p] = (scores[p] || 0) + Math.log(1 + byPage[p]);
            matched[p] = (matched[p] || 0) + 1;
          });
        });
        extra.forEach(function (byPage, j) {
          var bonus = j < pairs.length ? 3 : 6;
          Object.keys(byPage).forEach(function (p) {
            if (scores[p] !== undefined) scores[p] += bonus * Math.log(1 + byPage[p]);
          });
        });
        var all = Object.keys(scores);
        var full = all.filter(function (p) { return matched[p] === folded.length; });
        var chosen = full.length ? full : all;
        chosen.sort(function (a, b) {
          return (matched[b] - matched[a]) || (scores[b] - scores[a]) || (a - b);
        });
        return { syl: folded, hits: chosen.map(Number), meta: m };
      });
    });
  }

  function snippet(text, folded) {
    var f = fold(text), at = -1;
    folded.forEach(function (t) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}])" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?![\\p{L}\\p{N}])", "u");
      var m = re.exec(f);
      if (m && (at < 0 || m.index < at)) at = m.index + m[1].length;
    });
    var start = Math.max(0, at < 0 ? 0 : at - 60), end = Math.min(text.length, start + 180);
    while (start > 0 && !/\s/.test(text[start - 1])) start--;
    var piece = text.slice(start, end), fpiece = f.slice(start, end);
    var frag = document.createDocumentFragment();
    if (start > 0) frag.appendChild(document.createTextNode("… "));
    var marks = [];
    folded.forEach(function (t) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ")(?![\\p{L}\\p{N}])", "gu");
      var m;
      while ((m = re.exec(fpiece))) marks.push([m.index + m[1].length, m.index + m[1].length + m[2].length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (r) {
      if (r[0] < pos) return;
      frag.appendChild(document.createTextNode(piece.slice(pos, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(r[0], r[1]);
      frag.appendChild(mark);
      pos = r[1];
    });
    frag.appendChild(document.createTextNode(piece.slice(pos) + (end < text.length ? " …" : "")));
    return frag;
  }

  var latest = 0;
  function run(q) {
    var ticket = ++latest;
    if (!q.trim()) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = words.loading;
    rank(q).then(function (r) {
      var top = r.hits.slice(0, 10);
      return Promise.all(top.map(loadPage)).then(function (frags) {
        if (ticket !== latest) return;
        list.textContent = "";
        top.forEach(function (n, i) {
          var info = r.meta.pages[n], frag = frags[i];
          var li = document.createElement("li");
          var h = document.createElement("h2");
          var a = document.createElement("a");
          a.href = info[0];
          a.textContent = info[1];
          h.appendChild(a);
          li.appendChild(h);
          var sec = document.createElement("p");
          sec.className = "meta";
          sec.textContent = r.meta.sections[info[2]];
          li.appendChild(sec);
          if (frag.summary) {
            var s = document.createElement("p");
            s.textContent = frag.summary;
            li.appendChild(s);
          }
          var snip = document.createElement("p");
          snip.className = "snippet";
          snip.appendChild(snippet(frag.text, r.syl));
          li.appendChild(snip);
          list.appendChild(li);
        });
        status.textContent = r.hits.length
          ? words.found.replace("{n}", r.hits.length).replace("{q}", q)
          : words.none.replace("{q}", q);
      });
    }).catch(function () {
      if (ticket === latest) status.textContent = words.error;
    });
  }

  /* Searches as the reader types, once a pause shows the word is complete. */
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value;
    if (q.trim().length < 2) return;
    timer = setTimeout(function () { run(q); }, 300);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
  window.loaSearch = { fold: fold, canonical: canonical, fnv: fnv, rank: rank };
})();

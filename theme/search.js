/* reportsite search: the engine and the page's UI, no library, no fetch().
 *
 * The index (reportsite/search.py writes it; docs/search.md describes it) is a set of
 * JavaScript files under search/data/ that call __rsIndex.add(name, data). They are loaded
 * with <script src> (fetch() and XHR are blocked over file://), only those a query needs:
 * the manifest m.js, the fold map of the query's characters, the posting shards of its
 * tokens, and the text parts of the reports shown. All URLs are relative to the page.
 * Text from the index is untrusted: it only ever reaches the page as text nodes.
 */
(function () {
  "use strict";

  var R = window.__rsIndex || (window.__rsIndex = { data: {}, add: function (n, d) { this.data[n] = d; } });
  var results = document.getElementById("search-results");
  if (!results) return;
  var BASE = results.getAttribute("data-index") || "data/";
  var ROOT = results.getAttribute("data-root") || "../";
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var FACETS = ["agency", "year", "region", "kind"];
  var FACET_ALL = { agency: "全部机构", year: "全部年份", region: "全部地区", kind: "全部类型" };
  var selects = {};
  FACETS.forEach(function (f) { selects[f] = document.getElementById("facet-" + f); });

  var PAGE = 20;
  var K1 = 1.2, B = 0.75;
  var TF = [1, 2, 3.5, 6];
  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN_RUN = new RegExp("[" + CJK + "]+|[a-z0-9]+", "g");
  var IS_CJK = new RegExp("^[" + CJK + "]");
  var WORD_MAX = 32, TERM_TOKENS = 8;
  var SENTENCE_END = "。！？；!?;\n";
  var SNIPPET_BEFORE = 36, SNIPPET_LENGTH = 120;

  // ------------------------------------------------------------ loading

  var version = "";
  var loads = {};

  function load(name, path) {
    if (loads[name]) return loads[name];
    var p = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = BASE + path + (version ? "?v=" + version : "");
      s.async = true;
      s.onload = function () {
        s.remove();
        if (Object.prototype.hasOwnProperty.call(R.data, name)) {
          var d = R.data[name];
          delete R.data[name];
          resolve(d);
        } else {
          delete loads[name];
          reject(new Error(path));
        }
      };
      s.onerror = function () {
        s.remove();
        delete loads[name];
        reject(new Error(path));
      };
      document.head.appendChild(s);
    });
    loads[name] = p;
    return p;
  }

  // ------------------------------------------------------------ numbers (reportsite/search.py: encode_number)

  var ALPHABET = "";
  for (var c = 35; c < 126 && ALPHABET.length < 90; c++) if (c !== 92) ALPHABET += String.fromCharCode(c);
  var DIGIT = new Int8Array(128).fill(-1);
  for (var i = 0; i < 90; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

  function numbers(s) {
    var out = [], v = 0, m = 1;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 45) { v += (d - 45) * m; m *= 45; } else { out.push(v + d * m); v = 0; m = 1; }
    }
    return out;
  }

  // ------------------------------------------------------------ manifest

  var M = null;  // the manifest, decoded
  var manifestPromise = null;

  function manifest() {
    if (!manifestPromise) {
      manifestPromise = load("m", "m.js").then(function (m) {
        var n = m.n;
        var decode = function (s) { var a = numbers(s); var t = new Int32Array(n); t.set(a.slice(0, n)); return t; };
        var y = decode(m.y), years = new Int32Array(n), length = new Float64Array(n), sum = 0;
        var l = decode(m.l);
        for (var i = 0; i < n; i++) {
          years[i] = y[i] === 0 ? 0 : m.years[0] + y[i] - 1;
          length[i] = Math.round(Math.pow(2, l[i] / 4));
          sum += length[i];
        }
        version = m.v;
        M = {
          n: n, shards: m.shards, block: m.block, raw: m,
          agency: decode(m.a), region: decode(m.r), kind: decode(m.k), year: years, hant: decode(m.h),
          length: length, avgdl: n ? sum / n : 1,
          agencies: m.agencies, regions: m.regions, kinds: m.kinds,
          agencyFolded: m.agencies.map(function (a) { return a.length > 2 ? a[2] : a[1]; }),
          foldBlocks: new Set(m.fold),
        };
        return M;
      });
      manifestPromise.catch(function () { manifestPromise = null; });
    }
    return manifestPromise;
  }

  // ------------------------------------------------------------ folding (reportsite/search.py: fold)

  var foldMap = new Map();
  var foldLoaded = {};

  function loadFold(text) {
    var need = [];
    for (var i = 0; i < text.length; i++) {
      var b = text.charCodeAt(i) >> 8;
      if (M.foldBlocks.has(b) && !foldLoaded[b]) { foldLoaded[b] = true; need.push(b); }
    }
    return Promise.all(need.map(function (b) {
      var hex = b.toString(16);
      return load("f" + hex, "f/" + hex + ".js").then(function (d) {
        var deltas = numbers(d[0]), cp = 0;
        for (var i = 0; i < deltas.length; i++) { cp += deltas[i]; foldMap.set(cp, d[1].charCodeAt(i)); }
      }, function (e) { foldLoaded[b] = false; throw e; });
    }));
  }

  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      else if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
        c -= 0xFEE0;  // full-width digits and letters (not punctuation)
        if (c >= 65 && c <= 90) c += 32;
      }
      else if (c === 0x3000) c = 32;
      else if (c >= 0x3400) { var t = foldMap.get(c); if (t !== undefined) c = t; }
      out += String.fromCharCode(c);
    }
    return out;
  }

  // The query with Taiwan and Hong Kong words in their mainland form (reportsite/search.py: MAINLAND_WORDS,
  // longest first, matched in the folded query), or null when it has none. Its characters' fold map is loaded.
  function mainlandQuery(q) {
    var folded = fold(q.trim()), out = "", i = 0, words = M.raw.mainland || [];
    while (i < folded.length) {
      var hit = null;
      for (var w = 0; w < words.length && !hit; w++) if (folded.startsWith(words[w][0], i)) hit = words[w];
      if (hit) { out += hit[1]; i += hit[0].length; } else { out += folded[i]; i++; }
    }
    return out !== folded ? out : null;
  }

  // ------------------------------------------------------------ query terms (reportsite/search.py: query_terms)

  function queryTerms(folded) {
    var out = [], seen = {};
    folded.split(/\s+/).forEach(function (piece) {
      var runs = [], m;
      TOKEN_RUN.lastIndex = 0;
      while ((m = TOKEN_RUN.exec(piece))) runs.push([m.index, m[0]]);
      if (!runs.length) return;
      var last = runs[runs.length - 1];
      var text = piece.slice(runs[0][0], last[0] + last[1].length);
      var toks = [];
      runs.forEach(function (r) {
        var run = r[1];
        if (IS_CJK.test(run)) {
          if (run.length === 1) toks.push(run);
          else for (var i = 0; i + 1 < run.length; i++) toks.push(run.substr(i, 2));
        } else toks.push(run.slice(0, WORD_MAX));
      });
      toks = toks.filter(function (t, i) { return toks.indexOf(t) === i; });
      if (toks.length > TERM_TOKENS) {  // a long phrase: a spread of its tokens finds the candidates
        var all = toks;
        toks = [];
        for (var i = 0; i < TERM_TOKENS; i++) toks.push(all[Math.floor(i * (all.length - 1) / (TERM_TOKENS - 1))]);
      }
      if (seen["$" + text]) return;
      seen["$" + text] = true;
      out.push({ text: text, tokens: toks, exact: toks.length === 1 && toks[0] === text,
                 year: /^[0-9]{4}$/.test(text) ? parseInt(text, 10) : 0 });
    });
    return out;
  }

  function isWord(c) { return (c >= 97 && c <= 122) || (c >= 48 && c <= 57); }

  // First occurrence of `term` in `folded` at or after `start` that does not cut a Latin/number word.
  function findTerm(folded, term, start) {
    var head = isWord(term.charCodeAt(0)), tail = isWord(term.charCodeAt(term.length - 1));
    var i = folded.indexOf(term, start || 0);
    while (i >= 0) {
      var end = i + term.length;
      if (!(head && i > 0 && isWord(folded.charCodeAt(i - 1))) &&
          !(tail && end < folded.length && isWord(folded.charCodeAt(end)))) return i;
      i = folded.indexOf(term, i + 1);
    }
    return -1;
  }

  // ------------------------------------------------------------ postings

  function fnv(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  function shardFor(token) {
    var i = fnv(token) % M.shards;
    return load("p" + i, "p/" + i + ".js");
  }

  // Body postings: {docs, tf}; title postings: docs.
  function decodeBody(s) {
    var docs = [], tf = [];
    var segs = s.split("!");
    for (var b = 0; b < segs.length; b++) {
      var seg = segs[b], start = b * M.block;
      if (seg.charCodeAt(0) === 126) {  // "~": five reports to two characters
        for (var i = 1; i + 1 < seg.length; i += 2) {
          var v = DIGIT[seg.charCodeAt(i)] * 90 + DIGIT[seg.charCodeAt(i + 1)];
          var d = start + ((i - 1) >> 1) * 5;
          for (var j = 0; j < 5; j++, d++) {
            var st = v % 5;
            v = (v - st) / 5;
            if (st) { docs.push(d); tf.push(TF[st - 1]); }
          }
        }
      } else {
        var e = -1, nums = numbers(seg);  // e = 4·(report − start) + bucket, coded as e − previous e − 1
        for (var k = 0; k < nums.length; k++) {
          e += nums[k] + 1;
          docs.push(start + (e >>> 2));
          tf.push(TF[e & 3]);
        }
      }
    }
    return { docs: docs, tf: tf };
  }

  function decodeTitle(s) {
    var out = [], prev = -1, nums = numbers(s);
    for (var i = 0; i < nums.length; i++) { prev += nums[i] + 1; out.push(prev); }
    return out;
  }

  function postings(token) {
    return shardFor(token).then(function (shard) {
      var entry = Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : null;
      if (entry === null) return { body: { docs: [], tf: [] }, title: [] };
      var body = typeof entry === "string" ? entry : entry[0], title = typeof entry === "string" ? "" : entry[1];
      return { body: decodeBody(body), title: decodeTitle(title) };
    });
  }

  // ------------------------------------------------------------ matching and ranking

  // Every report that may match the terms, scored: the same steps as SearchIndex.search in Python.
  function match(terms, lists) {
    var n = M.n;
    var hits = new Uint8Array(n), tier = new Uint8Array(n), score = new Float64Array(n);
    var bodyAny = new Uint8Array(n);
    var cnt = new Uint8Array(n), tcnt = new Uint8Array(n), tfmin = new Float64Array(n);
    terms.forEach(function (term, ti) {
      cnt.fill(0); tcnt.fill(0); tfmin.fill(Infinity);
      var dfMin = n, ntok = term.tokens.length;
      term.tokens.forEach(function (tok) {
        var p = lists[tok], docs = p.body.docs, tf = p.body.tf;
        if (docs.length < dfMin) dfMin = docs.length;
        for (var i = 0; i < docs.length; i++) {
          var d = docs[i];
          cnt[d]++;
          if (tf[i] < tfmin[d]) tfmin[d] = tf[i];
        }
        for (var j = 0; j < p.title.length; j++) tcnt[p.title[j]]++;
      });
      var idf = Math.log(1 + (n - dfMin + 0.5) / (dfMin + 0.5));
      var agencies = new Uint8Array(M.agencies.length);
      for (var a = 0; a < M.agencies.length; a++) agencies[a] = findTerm(M.agencyFolded[a], term.text, 0) >= 0 ? 1 : 0;
      for (var d = 0; d < n; d++) {
        var inBody = cnt[d] === ntok, inTitle = tcnt[d] === ntok;
        var field = inTitle || agencies[M.agency[d]] === 1 || (term.year !== 0 && M.year[d] === term.year);
        if (!inBody && !field) continue;
        hits[d]++;
        var s = 0;
        if (inBody) {
          var t = tfmin[d];
          s = idf * t * (K1 + 1) / (t + K1 * (1 - B + B * M.length[d] / M.avgdl));
          bodyAny[d] = 1;
        }
        if (inTitle) s = s + idf;
        score[d] += s;
        if (field) tier[d]++;
      }
    });
    var candidates = [];
    for (var d = 0; d < n; d++) if (hits[d] === terms.length) candidates.push(d);
    return { candidates: candidates, tier: tier, score: score, bodyAny: bodyAny };
  }

  function facetValue(d, f) {
    if (f === "agency") return M.agencies[M.agency[d]][0];
    if (f === "region") return M.regions[M.region[d]][0];
    if (f === "kind") return M.kinds[M.kind[d]][0];
    return M.year[d] === 0 ? "undated" : String(M.year[d]);
  }

  function passes(d, filters, skip) {
    for (var i = 0; i < FACETS.length; i++) {
      var f = FACETS[i];
      if (f !== skip && filters[f] && facetValue(d, f) !== filters[f]) return false;
    }
    return true;
  }

  function facetCounts(docs, filters) {
    var out = {};
    FACETS.forEach(function (f) {
      var counts = new Map();
      for (var i = 0; i < docs.length; i++) {
        var d = docs[i];
        if (!passes(d, filters, f)) continue;
        var v = facetValue(d, f);
        counts.set(v, (counts.get(v) || 0) + 1);
      }
      out[f] = counts;
    });
    return out;
  }

  function byYear(a, b) {
    var ya = M.year[a], yb = M.year[b];
    if ((ya === 0) !== (yb === 0)) return ya === 0 ? 1 : -1;
    return yb - ya || a - b;
  }

  // ------------------------------------------------------------ text parts and verification

  function partPath(doc, k) { return "t/" + Math.floor(doc / 1000) + "/" + doc + (k ? "." + k : "") + ".js"; }

  // The folded text of a part from its original text and the folded runs (gap·4 + length − 1, or
  // gap·4 + 3 and length − 4, in UTF-16 units). A Traditional text ("~") is folded here instead.
  function applyPatch(text, nums, changed) {
    var out = [], r = 0;
    var v = numbers(nums), pos = 0;
    for (var k = 0; k < v.length; k++) {
      var gap = v[k] >>> 2, len = (v[k] & 3) + 1;
      if (len === 4) len += v[++k];
      out.push(text.slice(pos, pos + gap), changed.slice(r, r + len));
      pos += gap + len;
      r += len;
    }
    out.push(text.slice(pos));
    return out.join("");
  }

  var allFold = null;

  function loadAllFold() {
    if (!allFold) {
      allFold = load("fall", "f/all.js").then(function (d) {
        var deltas = numbers(d[0]), cp = 0;
        for (var i = 0; i < deltas.length; i++) { cp += deltas[i]; foldMap.set(cp, d[1].charCodeAt(i)); }
        M.foldBlocks.forEach(function (b) { foldLoaded[b] = true; });
      });
      allFold.catch(function () { allFold = null; });
    }
    return allFold;
  }

  function part(doc, k) {
    return load("t" + doc + "." + k, partPath(doc, k)).then(function (d) {
      return d.length > 1 && d[1] === "~" && !d.decoded ? loadAllFold().then(function () { return d; }) : d;
    }).then(function (d) {
      if (!d.decoded) {  // decoded once, kept with the promise's value
        var p = { x: d[0], folded: d.length > 1 && d[1] ? (d[1] === "~" ? fold(d[0]) : applyPatch(d[0], d[1], d[2])) : d[0] };
        if (k === 0) { p.n = d[3]; p.slug = d[4]; p.title = d[5]; p.titleFolded = d.length > 6 ? d[6] : d[5]; }
        d.decoded = p;
      }
      return d.decoded;
    });
  }

  // Load a report's parts in order until every term is placed and the snippet's part is found.
  // Resolves {ok, doc, p0, part, hit} (ok: every term is in the agency, year, title or text).
  function verify(doc, terms, bodyAny) {
    return part(doc, 0).then(function (p0) {
      var open = [];
      terms.forEach(function (t) {
        if (findTerm(M.agencyFolded[M.agency[doc]], t.text, 0) >= 0) return;
        if (t.year && M.year[doc] === t.year) return;
        if (findTerm(p0.titleFolded, t.text, 0) >= 0) return;
        open.push(t);
      });
      var texts = terms.map(function (t) { return t.text; });
      var found = null;
      function step(k) {
        if (k >= p0.n || (!open.length && (found || !bodyAny))) {
          return { ok: open.length === 0, doc: doc, p0: p0, part: found ? found.part : p0, hit: found ? found.hit : -1 };
        }
        return part(doc, k).then(function (p) {
          open = open.filter(function (t) { return findTerm(p.folded, t.text, 0) < 0; });
          if (!found && texts.length) {
            var h = bestHit(p.folded, texts);
            if (h >= 0) found = { part: p, hit: h };
          }
          return step(k + 1);
        });
      }
      return terms.length ? step(0) : { ok: true, doc: doc, p0: p0, part: p0, hit: -1 };
    });
  }

  function bestHit(folded, terms) {
    var hits = [];
    terms.forEach(function (t, ti) {
      var i = findTerm(folded, t, 0), count = 0;
      while (i >= 0 && count < 50) { hits.push([i, ti]); count++; i = findTerm(folded, t, i + 1); }
    });
    if (!hits.length) return -1;
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var best = -1, bestCount = 0;
    for (var i = 0; i < hits.length; i++) {
      var seen = {}, count = 0;
      for (var j = i; j < hits.length && hits[j][0] < hits[i][0] + 80; j++) {
        if (!seen[hits[j][1]]) { seen[hits[j][1]] = true; count++; }
      }
      if (count > bestCount) { best = hits[i][0]; bestCount = count; }
    }
    return best;
  }

  function isLow(c) { return c >= 0xDC00 && c <= 0xDFFF; }

  function snippetWindow(text, hit) {
    var lineStart = text.lastIndexOf("\n", hit - 1) + 1;
    if (hit === 0) lineStart = 0;
    var start = Math.max(lineStart, hit - SNIPPET_BEFORE);
    for (var i = hit - 1; i >= start; i--) if (SENTENCE_END.indexOf(text[i]) >= 0) { start = i + 1; break; }
    var limit = Math.min(text.length, start + SNIPPET_LENGTH);
    var nl = text.indexOf("\n", hit);
    if (nl >= 0 && nl < limit) limit = nl;
    var end = limit;
    for (var j = limit - 1; j > hit; j--) if (SENTENCE_END.indexOf(text[j]) >= 0) { end = j + 1; break; }
    if (start > 0 && isLow(text.charCodeAt(start))) start++;  // never cut a character in two
    if (end < text.length && isLow(text.charCodeAt(end))) end--;
    return [start, end];
  }

  // [(text, marked)…] of a snippet: the original text, marks where the folded text matches a term.
  function snippetPieces(text, folded, hit, terms) {
    var w = snippetWindow(text, Math.max(hit, 0)), start = w[0], end = w[1];
    var marks = new Uint8Array(Math.max(0, end - start));
    terms.forEach(function (t) {
      var i = findTerm(folded, t, start);
      while (i >= 0 && i < end) {
        for (var j = Math.max(i, start); j < Math.min(i + t.length, end); j++) marks[j - start] = 1;
        i = findTerm(folded, t, i + 1);
      }
    });
    var pieces = [];
    if (start > 0 && text[start - 1] !== "\n") pieces.push(["…", false]);
    for (var i = start; i < end;) {
      var j = i;
      while (j < end && marks[j - start] === marks[i - start]) j++;
      pieces.push([text.slice(i, j).replace(/\n/g, " "), marks[i - start] === 1]);
      i = j;
    }
    if (end < text.length && text[end] !== "\n" && SENTENCE_END.indexOf(text[end - 1]) < 0) pieces.push(["…", false]);
    return pieces;
  }

  function titlePieces(title, folded, terms) {
    var marks = new Uint8Array(title.length);
    terms.forEach(function (t) {
      for (var i = findTerm(folded, t, 0); i >= 0; i = findTerm(folded, t, i + 1)) {
        for (var j = i; j < i + t.length; j++) marks[j] = 1;
      }
    });
    var pieces = [];
    for (var i = 0; i < title.length;) {
      var j = i;
      while (j < title.length && marks[j] === marks[i]) j++;
      pieces.push([title.slice(i, j), marks[i] === 1]);
      i = j;
    }
    return pieces;
  }

  // ------------------------------------------------------------ a search

  // A search in progress: ranked candidates, verified lazily, PAGE at a time.
  function Search(q, filters) {
    this.q = q;
    this.filters = filters;
    this.verified = [];  // verification results of matches, in rank order
    this.checked = 0;  // candidates verified (true or false)
    this.confirmed = 0;  // of which matched
    this.cursor = 0;
  }

  Search.prototype.prepare = function () {
    var self = this;
    return manifest().then(function () { return loadFold(self.q); }).then(function () {
      var terms = self.terms = queryTerms(fold(self.q));
      var filters = self.filters;
      var filtered = FACETS.some(function (f) { return filters[f]; });
      if (!terms.length) {
        var all = [];
        for (var d = 0; d < M.n; d++) all.push(d);
        self.facets = facetCounts(all, filters);
        self.order = filtered ? all.filter(function (d) { return passes(d, filters); }).sort(byYear) : [];
        self.exact = true;
        self.bodyAny = null;
        return;
      }
      var tokens = [];
      terms.forEach(function (t) { t.tokens.forEach(function (tok) { if (tokens.indexOf(tok) < 0) tokens.push(tok); }); });
      return Promise.all(tokens.map(postings)).then(function (ps) {
        var lists = {};
        tokens.forEach(function (t, i) { lists[t] = ps[i]; });
        var m = match(terms, lists);
        self.bodyAny = m.bodyAny;
        self.facets = facetCounts(m.candidates, filters);
        self.exact = terms.every(function (t) { return t.exact; });
        var tier = m.tier, score = m.score;
        self.order = m.candidates.filter(function (d) { return passes(d, filters); }).sort(function (a, b) {
          return tier[b] - tier[a] || score[b] - score[a] || byYear(a, b);
        });
      });
    });
  };

  // Verify candidates in rank order until `want` matches are known (or none is left).
  Search.prototype.fill = function (want) {
    var self = this;
    if (self.verified.length >= want || self.cursor >= self.order.length) return Promise.resolve();
    var batch = self.order.slice(self.cursor, self.cursor + Math.max(1, want - self.verified.length));
    self.cursor += batch.length;
    var bodyAny = self.bodyAny;
    return Promise.all(batch.map(function (d) { return verify(d, self.terms, !bodyAny || bodyAny[d] === 1); }))
      .then(function (vs) {
        vs.forEach(function (v) {
          self.checked++;
          if (v.ok) { self.confirmed++; self.verified.push(v); }
        });
        return self.fill(want);
      });
  };

  // The number of matches: exact, or estimated from the share of verified candidates that matched.
  Search.prototype.count = function () {
    var all = this.order.length;
    if (this.exact) return { n: all, exact: true };
    if (this.cursor >= all) return { n: this.verified.length, exact: true };
    var n = this.checked ? Math.round(all * this.confirmed / this.checked) : all;
    return { n: Math.max(n, this.verified.length), exact: false };
  };

  // ------------------------------------------------------------ rendering

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function appendPieces(parent, pieces) {
    pieces.forEach(function (p) {
      if (p[1]) parent.appendChild(el("mark", null, p[0]));
      else parent.appendChild(document.createTextNode(p[0]));
    });
  }

  function status(text, role) {
    var p = el("p", "search-status", text);
    if (role) p.setAttribute("role", role);
    return p;
  }

  function renderItem(v, terms) {
    var d = v.doc, texts = terms.map(function (t) { return t.text; });
    var li = el("li", "search-hit");
    if (M.hant[d]) li.lang = "zh-Hant";
    var h = el("h2", "search-hit-title");
    var a = el("a");
    a.href = ROOT + "reports/" + encodeURIComponent(v.p0.slug) + "/index.html";
    appendPieces(a, titlePieces(v.p0.title, v.p0.titleFolded, texts));
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "search-hit-meta");
    meta.lang = "zh-Hans";
    meta.appendChild(el("span", null, M.agencies[M.agency[d]][1]));
    meta.appendChild(el("span", null, M.year[d] ? M.year[d] + "年" : "年份不详"));
    var kind = M.kinds[M.kind[d]];
    if (kind[0] !== "annual-report") meta.appendChild(el("span", "tag", kind[1]));
    if (M.hant[d]) meta.appendChild(el("span", "tag", "繁體"));
    li.appendChild(meta);
    var snip = el("p", "search-hit-snippet");
    appendPieces(snip, snippetPieces(v.part.x, v.part.folded, v.hit, texts));
    li.appendChild(snip);
    return li;
  }

  function renderFacets(search) {
    FACETS.forEach(function (f) {
      var sel = selects[f];
      if (!sel) return;
      var counts = search.facets[f], chosen = search.filters[f] || "";
      var options = [];
      if (f === "agency") M.agencies.forEach(function (a) { options.push([a[0], a[1]]); });
      else if (f === "region") M.regions.forEach(function (r) { options.push([r[0], r[1]]); });
      else if (f === "kind") M.kinds.forEach(function (k) { options.push([k[0], k[1]]); });
      else {
        M.raw.years.slice().reverse().forEach(function (y) { options.push([String(y), y + "年"]); });
        options.push(["undated", "年份不详"]);
      }
      var total = 0;
      counts.forEach(function (v) { total += v; });
      sel.textContent = "";
      var all = el("option", null, FACET_ALL[f] + "（" + total + "）");
      all.value = "";
      sel.appendChild(all);
      options.forEach(function (o) {
        var n = counts.get(o[0]) || 0;
        if (!n && o[0] !== chosen) return;
        var opt = el("option", null, o[1] + "（" + n + "）");
        opt.value = o[0];
        sel.appendChild(opt);
      });
      if (chosen && !Array.prototype.some.call(sel.options, function (o) { return o.value === chosen; })) {
        var unknown = el("option", null, chosen + "（0）");
        unknown.value = chosen;
        sel.appendChild(unknown);
      }
      sel.value = chosen;
    });
  }

  function filtered(filters) { return FACETS.some(function (f) { return filters[f]; }); }

  function renderResults(search) {
    results.textContent = "";
    results.removeAttribute("aria-busy");
    var filters = search.filters;
    if (!search.terms.length && !filtered(filters)) {
      results.appendChild(status("输入检索词（简体、繁体均可），或选择机构、年份、地区、类型列出报告。共 " + M.n + " 份报告。"));
      return;
    }
    if (!search.verified.length) {
      var none = status(search.terms.length ? "没有找到与“" + search.q.trim() + "”匹配的报告。" : "没有符合筛选条件的报告。");
      results.appendChild(none);
      if (filtered(filters)) {
        var p = el("p", "search-suggest", "筛选条件可能太窄：");
        var clear = el("button", "search-clear", "清除筛选条件");
        clear.type = "button";
        clear.addEventListener("click", function () {
          FACETS.forEach(function (f) { if (selects[f]) selects[f].value = ""; });
          go(true);
        });
        p.appendChild(clear);
        results.appendChild(p);
      } else if (search.terms.length) {
        var mainland = mainlandQuery(search.q);
        if (mainland) {
          // 資訊公開 finds nothing in mainland reports, which write 信息公开: offer the query in mainland words
          var offer = el("p", "search-suggest", "大陆的报告用词可能不同，试试：");
          var retry = el("button", "search-mainland", mainland);
          retry.type = "button";
          retry.lang = "zh-Hans";
          retry.addEventListener("click", function () {
            input.value = mainland;
            go(true);
          });
          offer.appendChild(retry);
          results.appendChild(offer);
        } else {
          results.appendChild(el("p", "search-suggest", "试试更短的词，或把词语用空格分开。"));
        }
      }
      return;
    }
    var count = search.count();
    results.appendChild(status((count.exact ? "共 " : "约 ") + count.n + " 条结果" +
      (count.exact ? "" : "（只核对了排在前面的 " + search.checked + " 份）")));
    var list = el("ol", "search-list");
    search.shown.forEach(function (v) { list.appendChild(renderItem(v, search.terms)); });
    results.appendChild(list);
    var more = search.cursor < search.order.length || search.verified.length > search.shown.length;
    if (more) {
      var btn = el("button", "search-more", "显示更多结果");
      btn.type = "button";
      btn.addEventListener("click", function () { showMore(search, btn); });
      results.appendChild(btn);
    }
  }

  function showMore(search, btn) {
    btn.disabled = true;
    btn.textContent = "正在加载…";
    var want = search.shown.length + PAGE;
    search.fill(want).then(function () {
      if (search !== current) return;
      var list = results.querySelector(".search-list");
      var start = search.shown.length;
      search.shown = search.verified.slice(0, want);
      for (var i = start; i < search.shown.length; i++) list.appendChild(renderItem(search.shown[i], search.terms));
      var count = search.count();
      results.querySelector(".search-status").textContent = (count.exact ? "共 " : "约 ") + count.n + " 条结果" +
        (count.exact ? "" : "（只核对了排在前面的 " + search.checked + " 份）");
      if (search.cursor >= search.order.length && search.verified.length <= search.shown.length) btn.remove();
      else { btn.disabled = false; btn.textContent = "显示更多结果"; }
    }, fail);
  }

  function fail(error) {
    results.textContent = "";
    results.removeAttribute("aria-busy");
    var p = status("检索索引加载失败：无法读取 " + (error && error.message ? error.message : "索引文件") +
      "。请确认网站文件完整（search/data/ 文件夹），然后刷新页面。", "alert");
    p.className += " search-error";
    results.appendChild(p);
    window.__rsSearch.error = String(error && error.message || error);
  }

  // ------------------------------------------------------------ state, URL, events

  var current = null;
  var timer = 0;

  function readURL() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "" };
    FACETS.forEach(function (f) { state[f] = params.get(f) || ""; });
    return state;
  }

  function readForm() {
    var state = { q: input.value };
    FACETS.forEach(function (f) { state[f] = selects[f] ? selects[f].value : ""; });
    return state;
  }

  function urlOf(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    FACETS.forEach(function (f) { if (state[f]) params.set(f, state[f]); });
    var s = params.toString();
    return "index.html" + (s ? "?" + s : "");
  }

  function remember(state, push) {
    var url = urlOf(state);
    if (new URL(url, location.href).href === location.href) return;
    try {
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    } catch (e) { /* some file:// setups refuse history changes: the search still works */ }
  }

  function setForm(state) {
    input.value = state.q;
    FACETS.forEach(function (f) {
      var sel = selects[f];
      if (!sel) return;
      if (state[f] && !Array.prototype.some.call(sel.options, function (o) { return o.value === state[f]; })) {
        var opt = el("option", null, state[f]);
        opt.value = state[f];
        sel.appendChild(opt);
      }
      sel.value = state[f];
    });
  }

  function run(state) {
    var filters = {};
    FACETS.forEach(function (f) { filters[f] = state[f] || ""; });
    var search = new Search(state.q, filters);
    current = search;
    results.setAttribute("aria-busy", "true");
    if (!results.querySelector(".search-status") || results.querySelector(".search-error")) {
      results.textContent = "";
      results.appendChild(status("正在检索…"));
    } else {
      results.querySelector(".search-status").textContent = "正在检索…";
    }
    var done = search.prepare().then(function () {
      return search.fill(PAGE);
    }).then(function () {
      if (search !== current) return search;
      search.shown = search.verified.slice(0, PAGE);
      renderFacets(search);
      renderResults(search);
      document.title = (state.q.trim() ? state.q.trim() + " · " : "") + baseTitle;
      return search;
    });
    done.catch(function (e) { if (search === current) fail(e); });
    return done;
  }

  function go(push) {
    clearTimeout(timer);
    var state = readForm();
    remember(state, push);
    return run(state);
  }

  var baseTitle = document.title;

  input.addEventListener("input", function (e) {
    if (e.isComposing) return;  // an IME is still composing: wait for its compositionend
    clearTimeout(timer);
    timer = setTimeout(function () { go(false); }, 120);
  });
  input.addEventListener("compositionend", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { go(false); }, 120);
  });
  FACETS.forEach(function (f) {
    if (selects[f]) selects[f].addEventListener("change", function () { go(true); });
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    go(true);
  });
  window.addEventListener("popstate", function () {
    var state = readURL();
    setForm(state);
    run(state);
  });

  // For tests and the benchmark: run a search and get what it shows.
  window.__rsSearch = {
    run: function (q, filters) {
      var state = { q: q || "" };
      FACETS.forEach(function (f) { state[f] = (filters && filters[f]) || ""; });
      setForm(state);
      return run(state).then(function (s) {
        var count = s.count ? s.count() : { n: 0, exact: true };
        return { count: count.n, exact: count.exact, candidates: s.order.length,
                 slugs: (s.shown || []).map(function (v) { return v.p0.slug; }) };
      });
    },
    error: null,
  };

  // A URL with q (or filters) runs its search; without, this loads the manifest, fills the filters
  // and says how many reports there are.
  var initial = readURL();
  setForm(initial);
  run(initial);
})();

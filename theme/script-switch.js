/* reportsite: show a report page's title, contents and body in the other script
 * (Simplified ↔ Traditional), character by character, with the map the search index uses
 * (search/data/charmap.js, generated at build time from OpenCC; loaded on first use with
 * <script src>, which works over file://). A second press shows the original again.
 * Character-level conversion cannot choose between 發/髮 for 发 the way OpenCC's phrase
 * tables do: the original text is always one press away.
 */
(function () {
  "use strict";

  var btn = document.getElementById("script-switch");
  if (!btn) return;
  var R = window.__rsIndex || (window.__rsIndex = { data: {}, add: function (n, d) { this.data[n] = d; } });
  var from = btn.getAttribute("data-script") === "zh-Hant" ? "zh-Hant" : "zh-Hans";
  var to = from === "zh-Hant" ? "zh-Hans" : "zh-Hant";
  var LABELS = from === "zh-Hant"
    ? { show: "显示简体", back: "顯示繁體原文", showLang: "zh-Hans", backLang: "zh-Hant" }
    : { show: "顯示繁體", back: "显示简体原文", showLang: "zh-Hant", backLang: "zh-Hans" };
  var targets = ["report-title", "toc", "report-body"]
    .map(function (id) { return document.getElementById(id); })
    .filter(function (e) { return e; });
  var saved = null;  // [[text node, original text]…] while converted
  var langs = null;
  var mapPromise = null;

  function numbers(s) {
    var out = [], v = 0, m = 1;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), d = c - 35 - (c > 92 ? 1 : 0);
      if (d >= 45) { v += (d - 45) * m; m *= 45; } else { out.push(v + d * m); v = 0; m = 1; }
    }
    return out;
  }

  function decode(pair) {
    var map = new Map(), deltas = numbers(pair[0]), cp = 0;
    for (var i = 0; i < deltas.length; i++) { cp += deltas[i]; map.set(cp, pair[1].charCodeAt(i)); }
    return map;
  }

  function loadMap() {
    if (!mapPromise) {
      mapPromise = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = btn.getAttribute("data-charmap");
        s.onload = function () {
          s.remove();
          var d = R.data.charmap;
          if (!d) return reject(new Error("charmap"));
          resolve(decode(from === "zh-Hant" ? d.t2s : d.s2t));
        };
        s.onerror = function () { s.remove(); reject(new Error("charmap")); };
        document.head.appendChild(s);
      });
      mapPromise.catch(function () { mapPromise = null; });
    }
    return mapPromise;
  }

  function convert(map) {
    saved = [];
    langs = targets.map(function (e) { return e.getAttribute("lang"); });
    targets.forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var text = node.nodeValue, out = "", changed = false;
        for (var i = 0; i < text.length; i++) {
          var c = text.charCodeAt(i), t = c >= 0x3400 ? map.get(c) : undefined;
          if (t !== undefined) { out += String.fromCharCode(t); changed = true; } else out += text[i];
        }
        if (changed) { saved.push([node, text]); node.nodeValue = out; }
      }
      root.setAttribute("lang", to);
    });
  }

  function restore() {
    saved.forEach(function (s) { s[0].nodeValue = s[1]; });
    targets.forEach(function (e, i) {
      if (langs[i] === null) e.removeAttribute("lang"); else e.setAttribute("lang", langs[i]);
    });
    saved = null;
  }

  function label(converted) {
    btn.textContent = converted ? LABELS.back : LABELS.show;
    btn.lang = converted ? LABELS.backLang : LABELS.showLang;
  }

  btn.addEventListener("click", function () {
    if (saved) { restore(); label(false); return; }
    btn.disabled = true;
    loadMap().then(function (map) {
      btn.disabled = false;
      convert(map);
      label(true);
    }, function () {
      btn.disabled = false;
      btn.textContent = from === "zh-Hant" ? "字表加载失败，请重试" : "字表載入失敗，請重試";
    });
  });
  label(false);
  btn.hidden = false;
})();

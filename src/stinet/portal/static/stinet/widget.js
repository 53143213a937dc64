/* STINet embeddable search widget: the network's search box and results on a member's own website.

   Snippet (the hub's /widget/snippet/ page writes it for each member):
     <div data-stinet-search data-org="HPU" data-lang="en"></div>
     <script src="https://HUB/static/stinet/widget.js" async></script>
   or one element: <script src="https://HUB/static/stinet/widget.js" data-stinet-search data-org="HPU" async></script>
   (the widget is then placed right after the script).

   Options (data-* attributes): org (a member's code: only its holdings; several: "A,B"),
   lang (vi, the default, or en), type (work types, "thesis,dissertation"), accent (a CSS colour),
   font ("inherit": use the host page's font), page-size (1-50, default 10), target (_blank, the
   default, or _self/_top), query (run this search at once), suggest (on/off; default on, off when
   org is set because suggestions come from the whole network), hub (the hub's address when the
   script is not served from the hub's /static/).

   Everything is drawn inside a Shadow DOM with the hub's widget.css, so the host page's CSS does not
   leak in and ours does not leak out. The API is called with CORS and without credentials. No
   framework, no global but window.STINetWidget ({mount, scan}). */
(function () {
  "use strict";
  var current = document.currentScript;
  if (window.STINetWidget) {  // loaded twice: mount what the new script brings, with the first copy
    if (current && (current.hasAttribute("data-org") || current.hasAttribute("data-lang"))) {
      current.setAttribute("data-stinet-search", "");
    }
    window.STINetWidget.scan();
    return;
  }

  var TEXT = {
    vi: {
      label: "Tra cứu tài liệu KH&CN", placeholder: "Tên, tác giả, chủ đề…", hint: "Tên tài liệu, tác giả, chủ đề… (gõ không dấu cũng được)",
      button: "Tìm", searching: "Đang tìm…", none: "Không tìm thấy tài liệu nào. Hãy thử ít từ hơn.",
      error: "Không kết nối được dịch vụ tra cứu. Hãy thử lại sau.", refused: "Không tra cứu được",
      results: function (n) { return n.toLocaleString("vi-VN") + " kết quả"; },
      approx: "kết quả gần đúng", corrected: "kết quả cho", heldBy: "Nơi lưu giữ", callNo: "Ký hiệu xếp giá", etAl: "và cộng sự",
      prev: "Trang trước", next: "Trang sau", page: function (p, n) { return "Trang " + p + " / " + n; },
      pages: "Phân trang kết quả", list: "Kết quả tra cứu", suggestions: "Gợi ý",
      scope: "Trong tài liệu của",
      all: "Xem tất cả trên cổng STINet", by: "Dữ liệu: Mạng thông tin KH&CN (STINet)",
      author: "tác giả", subject: "chủ đề", newTab: "(mở trong thẻ mới)"
    },
    en: {
      label: "Search S&T documents", placeholder: "Title, author, subject…", hint: "Title, author, subject… (diacritics optional)",
      button: "Search", searching: "Searching…", none: "Nothing found. Try fewer words.",
      error: "The search service could not be reached. Please try again later.", refused: "The search was refused",
      results: function (n) { return n.toLocaleString("en-GB") + (n === 1 ? " result" : " results"); },
      approx: "approximate matches", corrected: "showing results for", heldBy: "Held by", callNo: "Call number", etAl: "et al.",
      prev: "Previous", next: "Next", page: function (p, n) { return "Page " + p + " of " + n; },
      pages: "Result pages", list: "Search results", suggestions: "Suggestions",
      scope: "In the holdings of",
      all: "See all results on the STINet portal", by: "Data: S&T Information Network (STINet)",
      author: "author", subject: "subject", newTab: "(opens in a new tab)"
    }
  };
  var MAX_RESULTS = 10000;  // stinet.search.base.MAX_RESULTS
  var TARGETS = ["_blank", "_self", "_top", "_parent"];
  var mounted = typeof WeakSet === "function" ? new WeakSet() : null;
  var counter = 0;
  var me = current || (function () {
    var all = document.querySelectorAll('script[src*="widget"]');
    return all[all.length - 1] || null;
  })();

  function hubOf(script) {
    /* The hub's base address: data-hub, else the script's URL cut before /static/. */
    var hub = script && script.getAttribute("data-hub");
    if (hub) return hub.replace(/\/+$/, "");
    var src = script ? script.src : location.href;
    var cut = src.indexOf("/static/");
    return cut > 0 ? src.slice(0, cut) : new URL(src, location.href).origin;
  }

  function el(tag, attrs, text) {
    /* A new element with attributes and text (never parsed as HTML). */
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function marked(html, into) {
    /* Highlighted text from the API: keep the words in <mark>, turn anything else into plain text. */
    var body = new DOMParser().parseFromString("<!doctype html><body>" + (html || ""), "text/html").body;
    Array.prototype.forEach.call(body.childNodes, function (n) {
      if (n.nodeName === "MARK") into.appendChild(el("mark", {}, n.textContent));
      else into.appendChild(document.createTextNode(n.textContent));
    });
    return into;
  }

  function channels(colour, under) {
    /* [r, g, b] of any CSS colour, laid over `under` ([r, g, b]; white) when it is translucent: drawn on
       a one-pixel canvas and read back. null when it is not a colour. */
    if (!colour || !(window.CSS && CSS.supports("color", colour))) return null;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    var ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) return null;
    ctx.fillStyle = "rgb(" + (under || [255, 255, 255]).join(",") + ")";
    ctx.fillRect(0, 0, 1, 1);
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    var d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2]];
  }

  function luminance(c) {
    /* Relative luminance (WCAG 2.1) of [r, g, b]. */
    var l = c.map(function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }

  function contrast(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }

  function readable(accent, bg) {
    /* The accent darkened in steps of 1 % (on a dark background: lightened) until it has 4.5:1 against
       the background, keeping its hue: its links read, and so does the button's text (white, or the
       background's colour on a dark background). stinet.portal.contrast.readable_accent, for the frame. */
    var dark = contrast([255, 255, 255], bg) > contrast([0, 0, 0], bg);
    for (var k = 100; k >= 0; k--) {
      var c = accent.map(function (v) {
        return dark ? 255 - Math.floor(((255 - v) * k + 50) / 100) : Math.floor((v * k + 50) / 100);
      });
      if (contrast(c, bg) >= 4.5) return c;
    }
    return dark ? [255, 255, 255] : [0, 0, 0];
  }

  function legible(root) {
    /* Once widget.css applies: the accent (data-accent, --stinet-accent or ours) made readable on the
       widget's background (--stinet-bg). */
    var style = getComputedStyle(root);
    var bg = channels(style.backgroundColor) || [255, 255, 255];  // a transparent one: over white
    var accent = channels(style.getPropertyValue("--accent").trim(), bg);
    if (!accent) return;
    var fixed = readable(accent, bg);
    if (fixed.join() !== accent.join()) root.style.setProperty("--accent", "rgb(" + fixed.join(",") + ")");
    if (contrast([255, 255, 255], bg) > contrast([0, 0, 0], bg)) {  // dark: the button's text in the background's colour
      root.style.setProperty("--on-accent", "rgb(" + bg.join(",") + ")");
    }
  }

  function list(value) {
    return (value || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function options(node, script) {
    /* The widget's settings from its data-* attributes. */
    var d = node.dataset;
    var size = parseInt(d.pageSize, 10);
    var orgs = list(d.org);
    return {
      hub: d.hub ? d.hub.replace(/\/+$/, "") : hubOf(script), orgs: orgs, types: list(d.type),
      lang: d.lang === "en" ? "en" : "vi", accent: d.accent || "", font: d.font || "",
      pageSize: size >= 1 && size <= 50 ? size : 10,
      target: TARGETS.indexOf(d.target) >= 0 ? d.target : "_blank", query: d.query || "",
      suggest: d.suggest ? d.suggest !== "off" : orgs.length === 0
    };
  }

  function Widget(host, opts) {
    this.opts = opts;
    this.t = TEXT[opts.lang];
    this.id = "stinet-w" + (++counter);
    this.q = ""; this.page = 1; this.seq = 0; this.ctrl = null;
    this.build(host.attachShadow({ mode: "open" }));
  }

  Widget.prototype.build = function (shadow) {
    var o = this.opts, t = this.t, id = this.id;
    var root = this.root = el("div", { "class": "sw", lang: o.lang });
    root.style.visibility = "hidden";  // until widget.css has loaded: no flash of unstyled content
    if (o.accent && window.CSS && CSS.supports("color", o.accent)) root.style.setProperty("--accent", o.accent);
    if (o.font === "inherit") root.classList.add("inherit-font");
    var css = el("link", { rel: "stylesheet", href: o.hub + "/static/stinet/widget.css" });
    var show = function () { legible(root); root.style.visibility = ""; };
    css.addEventListener("load", show); css.addEventListener("error", show);
    setTimeout(show, 3000);
    var form = this.form = el("form", { role: "search", "aria-label": t.label });
    var input = this.input = el("input", {
      // a short placeholder (a phone's box cut the long one), the whole hint as the box's title
      type: "search", id: id + "-q", name: "q", placeholder: t.placeholder, title: t.hint, autocomplete: "off",
      enterkeyhint: "search", spellcheck: "false"
    });
    form.appendChild(el("label", { "for": id + "-q", "class": "vh" }, t.label));
    form.appendChild(input);
    form.appendChild(el("button", { type: "submit" }, t.button));
    this.scope = el("p", { "class": "scope", hidden: "" });
    this.status = el("p", { "class": "status", role: "status", "aria-live": "polite", tabindex: "-1" });
    this.results = el("ol", { "class": "results", "aria-label": t.list });
    this.pager = el("nav", { "class": "pager", "aria-label": t.pages, hidden: "" });
    this.foot = el("div", { "class": "foot" });
    [form, this.scope, this.status, this.results, this.pager, this.foot].forEach(function (n) { root.appendChild(n); });
    shadow.appendChild(css);
    shadow.appendChild(root);
    this.footer();
    var self = this;
    form.addEventListener("submit", function (e) { e.preventDefault(); self.closeSuggest(); self.search(input.value, 1); });
    if (o.suggest) this.suggestions();
    if (o.query) { input.value = o.query; this.search(o.query, 1); }
  };

  Widget.prototype.footer = function (q) {
    /* "See all on the portal" (same query and member) and where the data come from. */
    var o = this.opts, params = new URLSearchParams();
    if (q) params.append("q", q);
    o.orgs.forEach(function (c) { params.append("org", c); });
    o.types.forEach(function (c) { params.append("type", c); });
    if (o.lang === "en") params.append("lang", "en");
    this.foot.textContent = "";
    this.foot.appendChild(this.link(o.hub + "/search/?" + params, this.t.all));
    this.foot.appendChild(this.link(o.hub + "/" + (o.lang === "en" ? "?lang=en" : ""), this.t.by));
  };

  Widget.prototype.link = function (href, text, cls) {
    var a = el("a", { href: href, target: this.opts.target }, text);
    if (cls) a.className = cls;
    if (this.opts.target === "_blank") {
      a.rel = "noopener";
      a.appendChild(el("span", { "class": "vh" }, " " + this.t.newTab));
    }
    return a;
  };

  Widget.prototype.url = function (q, page) {
    /* /api/search with the member, type and language of this widget. */
    var o = this.opts, p = new URLSearchParams({ q: q, page: String(page), page_size: String(o.pageSize), lang: o.lang });
    if (!q) p.append("sort", "-year");  // browsing: newest first
    o.orgs.forEach(function (c) { p.append("org", c); });
    o.types.forEach(function (c) { p.append("type", c); });
    return o.hub + "/api/search?" + p;
  };

  Widget.prototype.search = function (q, page) {
    var self = this, seq = ++this.seq;
    q = (q || "").trim();
    this.q = q; this.page = page;
    if (this.ctrl) this.ctrl.abort();
    this.ctrl = typeof AbortController === "function" ? new AbortController() : null;
    this.root.classList.add("loading");
    this.status.classList.remove("error");
    this.status.textContent = this.t.searching;
    fetch(this.url(q, page), { mode: "cors", credentials: "omit", signal: this.ctrl && this.ctrl.signal })
      .then(function (r) {
        if (r.status === 400) {  // the hub refused the options or the query: say why (a typo in data-org...)
          return r.json().then(function (body) {
            var e = new Error("HTTP 400"); e.detail = body && body.detail; throw e;
          });
        }
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) { if (seq === self.seq) self.render(data); })
      .catch(function (err) {
        if (seq !== self.seq || (err && err.name === "AbortError")) return;
        self.root.classList.remove("loading");
        self.status.classList.add("error");
        self.status.textContent = err && typeof err.detail === "string" ? self.t.refused + ": " + err.detail : self.t.error;
        self.results.textContent = "";
        self.pager.hidden = true;
      });
  };

  Widget.prototype.render = function (data) {
    var self = this, t = this.t, o = this.opts;
    this.root.classList.remove("loading");
    var names = {};
    ((data.facets || {}).org || []).forEach(function (f) { names[f.value] = f.label; });
    if (o.orgs.length) {
      this.scope.textContent = t.scope + ": " + o.orgs.map(function (c) { return names[c] || c; }).join(", ");
      this.scope.hidden = false;
    }
    this.status.textContent = !data.total ? t.none : t.results(data.total) +
      (data.corrected ? " · " + t.corrected + " “" + data.corrected + "”" : data.approximate ? " · " + t.approx : "");
    this.results.textContent = "";
    this.results.start = (data.page - 1) * data.page_size + 1;
    data.results.forEach(function (r) { self.results.appendChild(self.item(r)); });
    // the search pages through its first MAX_RESULTS results (stinet.search.base): no page past them
    this.paging(Math.max(1, Math.ceil(Math.min(data.total, MAX_RESULTS) / data.page_size)));
    this.footer(this.q);
  };

  Widget.prototype.item = function (r) {
    /* One result: title (to the hub's work page), creators, year, type, holders. */
    var t = this.t, o = this.opts, li = el("li", { "class": "result" });
    var a = this.link(o.hub + "/works/" + r.id + "/" + (o.lang === "en" ? "?lang=en" : ""), null, "title");
    a.insertBefore(marked(r.highlight && r.highlight.title || r.title, document.createDocumentFragment()), a.firstChild);
    if (r.language) a.setAttribute("lang", r.language);  // a screen reader reads it in its own language
    li.appendChild(a);
    if (o.lang === "en" && r.title_en && r.title_en !== r.title) li.appendChild(el("div", { "class": "alt", lang: "en" }, r.title_en));
    var people = r.creators.filter(function (c) { return c.role !== "advisor"; }).map(function (c) { return c.name; });
    if (people.length > 3) people = people.slice(0, 3).concat([t.etAl]);
    var meta = [r.type_label, r.year].filter(Boolean);
    if (people.length) meta.push(people.join("; "));
    li.appendChild(el("div", { "class": "meta" }, meta.join(" · ")));
    var passage = r.highlight && (r.highlight.abstract || r.highlight.fulltext);  // full text: why it matched
    if (passage) li.appendChild(marked(passage, el("p", r.language && r.highlight.abstract ? { "class": "snippet", lang: r.language } : { "class": "snippet" })));
    var holders = [], callNos = [];
    r.holdings.forEach(function (h) {
      if (holders.indexOf(h.org_name) < 0) holders.push(h.org_name);
      if (o.orgs.indexOf(h.org) >= 0 && h.call_number) callNos.push(h.call_number);
    });
    var held = el("div", { "class": "held" }, t.heldBy + ": " + holders.join(", "));
    if (callNos.length) held.appendChild(el("span", { "class": "callno" }, " · " + t.callNo + ": " + callNos.join(", ")));
    li.appendChild(held);
    return li;
  };

  Widget.prototype.paging = function (pages) {
    var self = this, t = this.t, nav = this.pager;
    nav.textContent = "";
    nav.hidden = pages <= 1;
    var prev = el("button", { type: "button", "class": "prev" }, "← " + t.prev);
    var next = el("button", { type: "button", "class": "next" }, t.next + " →");
    prev.disabled = this.page <= 1; next.disabled = this.page >= pages;
    prev.addEventListener("click", function () { self.turn(self.page - 1); });
    next.addEventListener("click", function () { self.turn(self.page + 1); });
    nav.appendChild(prev); nav.appendChild(el("span", {}, t.page(this.page, pages))); nav.appendChild(next);
  };

  Widget.prototype.turn = function (page) {
    /* Another page; focus goes to the status line so keyboard and screen-reader users start at the top. */
    var status = this.status;
    this.search(this.q, page);
    status.focus();
  };

  Widget.prototype.suggestions = function () {
    /* Autocomplete over /api/suggest: the combobox below, choosing runs the search. */
    var self = this, t = this.t;
    var box = el("ul", { "class": "suggest" });
    this.form.appendChild(box);
    this.suggest = combobox(this.input, box, {
      id: this.id, label: t.suggestions, kinds: { authors: t.author, subjects: t.subject },
      url: function (q) { return self.opts.hub + "/api/suggest?limit=6&q=" + encodeURIComponent(q); },
      choose: function (q) { self.search(q, 1); }
    });
  };

  Widget.prototype.closeSuggest = function () {
    if (this.suggest) this.suggest.close();
  };

  function combobox(input, box, o) {
    /* An ARIA 1.2 combobox: input (role=combobox) and box (a <ul>, the listbox it controls), filled
       from o.url(query) with {titles, authors, subjects}; arrow keys move through the options
       (aria-activedescendant), Enter takes one, Escape closes the list. A name or a subject is
       said beside it (o.kinds) and chosen as author:"..." or subject:"...". The portal's own
       search box uses it too (stinet/suggest.js), through STINetWidget.combobox.
       o: {id (prefix of the ids), label (the list's name), kinds, url, choose(query)}. */
    var items = [], on = -1, asked = 0, timer = null;
    box.id = o.id + "-s";
    box.setAttribute("role", "listbox");
    box.setAttribute("aria-label", o.label);
    box.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", box.id);
    input.setAttribute("aria-expanded", "false");

    function close() {
      clearTimeout(timer); asked++;  // a pending or late answer is dropped
      box.hidden = true; box.textContent = ""; items = []; on = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function choose(q) { input.value = q; close(); o.choose(q); }
    function show(data) {
      box.textContent = ""; items = []; on = -1;
      [["titles", ""], ["authors", "author:"], ["subjects", "subject:"]].forEach(function (kind) {
        (data[kind[0]] || []).forEach(function (text) {
          var li = el("li", { role: "option", id: o.id + "-o" + items.length, "aria-selected": "false" }, text);
          if (kind[1]) li.appendChild(el("small", {}, o.kinds[kind[0]]));
          var q = kind[1] ? kind[1] + '"' + text + '"' : text;
          li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(q); });
          box.appendChild(li); items.push([li, q]);
        });
      });
      box.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(!box.hidden));
      input.removeAttribute("aria-activedescendant");
    }
    function ask() {
      var q = input.value.trim(), mine = ++asked;
      if (q.length < 2) { close(); return; }
      fetch(o.url(q), { mode: "cors", credentials: "omit" })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (mine === asked) show(data); })  // not after a choice, a search or newer typing
        .catch(close);
    }
    function key(e) {
      if (box.hidden || !items.length) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (on >= 0) items[on][0].setAttribute("aria-selected", "false");
        var n = items.length;
        on = e.key === "ArrowDown" ? (on + 1) % n : (on <= 0 ? n - 1 : on - 1);
        var li = items[on][0];
        li.setAttribute("aria-selected", "true");
        li.scrollIntoView({ block: "nearest" });
        input.setAttribute("aria-activedescendant", li.id);
      } else if (e.key === "Enter" && on >= 0) {
        e.preventDefault(); choose(items[on][1]);
      } else if (e.key === "Escape") {
        e.preventDefault(); close();
      }
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 150); });
    input.addEventListener("keydown", key);
    input.addEventListener("blur", function () { setTimeout(close, 120); });
    return { close: close };
  }

  function mount(node, script) {
    /* Draw a widget in node (a <script data-stinet-search> gets its widget right after it). */
    if (!node || (mounted && mounted.has(node))) return null;
    if (mounted) mounted.add(node);
    var opts = options(node, script || me);
    var host = node;
    if (node.tagName === "SCRIPT") {
      host = el("div", { "class": "stinet-search" });
      node.parentNode.insertBefore(host, node.nextSibling);
    } else if (node.shadowRoot) {
      return null;
    } else {
      try { return new Widget(node, opts); } catch (e) { host = node.appendChild(el("div")); }
    }
    return new Widget(host, opts);
  }

  function scan() {
    /* Mount every [data-stinet-search] element, and the script itself if it carries options. */
    if (me && (me.hasAttribute("data-org") || me.hasAttribute("data-lang"))) me.setAttribute("data-stinet-search", "");
    Array.prototype.forEach.call(document.querySelectorAll("[data-stinet-search]"), function (node) {
      try { mount(node, me); } catch (e) { /* one broken container must not stop the others */ }
    });
  }

  window.STINetWidget = { mount: function (node) { return mount(node, me); }, scan: scan, combobox: combobox, version: "1" };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();

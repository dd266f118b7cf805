/* vntasks review report: index in #vn-index, one gzip+base64 payload per document in #vn-docs.
   A document's payload is decoded and its HTML built only when it is opened. */
window.__vnErrors = [];   // script errors, read by the browser test
window.addEventListener("error", function (e) { window.__vnErrors.push(String(e.message)); });
window.addEventListener("unhandledrejection", function (e) { window.__vnErrors.push(String(e.reason)); });
(function () {
  "use strict";
  var INDEX = JSON.parse(document.getElementById("vn-index").textContent);
  var PACKED = JSON.parse(document.getElementById("vn-docs").textContent);
  var DOCS = INDEX.docs;
  var KINDS = [  // table name, key prefix, css kind, tag prefix
    { table: "tasks", p: "t", kind: "task", tag: "task", label: "Tasks" },
    { table: "claims", p: "c", kind: "claim", tag: "claim", label: "Claims" },
    { table: "references", p: "r", kind: "ref", tag: "reference", label: "References" },
    { table: "times", p: "m", kind: "time", tag: "time", label: "Times" }
  ];
  var BY_P = {}; KINDS.forEach(function (k) { BY_P[k.p] = k; });
  var state = { status: "", tag: "", q: "", doc: -1, tab: "tasks", allRows: false };
  var cache = {};
  var current = null;   // {i, payload, els: {key: [elements]}}
  var $ = function (id) { return document.getElementById(id); };

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function decode(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
    if (typeof DecompressionStream === "undefined")
      return Promise.reject(new Error("this browser has no DecompressionStream (use a current Chromium, Firefox or Safari)"));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse).then(expand);
  }
  function expand(p) {  // undo report.py's _compact: texts cut again from the document, headings from p.strings
    KINDS.forEach(function (k) {
      (p[k.table] || []).forEach(function (r) {
        if (r.text == null && p.text != null) r.text = p.text.slice(r.start, r.end).split(/\s+/).filter(Boolean).join(" ");
        if (typeof r.section === "number") r.section = p.strings[r.section];
        if (typeof r.group === "number") r.group = p.strings[r.group];
      });
    });
    return p;
  }
  function payload(i) {
    if (!cache[i]) cache[i] = decode(PACKED[i]);
    return cache[i];
  }

  /* ---------- summary and filters ---------- */
  function summary() {
    var s = INDEX.summary;
    var cards = [
      ["documents", s.documents, "", { status: "" , tag: ""}],
      ["errors", s.errors, s.errors ? "warn" : "", { status: "error", tag: "" }],
      ["tasks", s.tasks, "", null],
      ["claims", s.claims, "", null],
      ["claims mismatched", s.mismatch, s.mismatch ? "warn" : "", { tag: "claim: mismatch" }],
      ["claims unresolved", s.unresolved, s.unresolved ? "warn" : "", { tag: "claim: unresolved" }],
      ["references", s.references, "", null],
      ["references not fully parsed", s.refs_incomplete, s.refs_incomplete ? "warn" : "", { tag: "reference: not fully parsed" }],
      ["times", s.times, "", null],
      ["tasks without deadline", s.no_deadline, s.no_deadline ? "warn" : "", { tag: "task: no deadline" }],
      ["tasks without lead agency", s.no_lead, s.no_lead ? "warn" : "", { tag: "task: no lead agency" }],
      ["citations within the batch", s.citations, "", null]
    ];
    if (s.texts < s.documents - s.errors)
      cards.push(["texts not found", s.documents - s.errors - s.texts, "warn", null]);
    $("summary").innerHTML = cards.map(function (c, k) {
      return '<span class="card ' + c[2] + '" data-c="' + k + '" title="' + (c[3] ? "filter" : "") + '"><b>' +
        c[1] + "</b>" + esc(c[0]) + "</span>";
    }).join("");
    $("summary").onclick = function (ev) {
      var el = ev.target.closest(".card"); if (!el) return;
      var f = cards[+el.dataset.c][3]; if (!f) return;
      if ("status" in f) { state.status = f.status; $("f-status").value = f.status; }
      if ("tag" in f) { setTag(f.tag); }
      listDocs(true);
    };
    var opts = ['<option value="">any</option>'];
    Object.keys(INDEX.tags).forEach(function (t) {
      opts.push('<option value="' + esc(t) + '">' + esc(t) + " (" + INDEX.tags[t] + ")</option>");
    });
    $("f-tag").innerHTML = opts.join("");
  }

  function setTag(tag) {
    if (tag && !(tag in INDEX.tags)) {  // a filter on a tag no document has: add it so the select shows it
      $("f-tag").insertAdjacentHTML("beforeend", '<option value="' + esc(tag) + '">' + esc(tag) + " (0)</option>");
      INDEX.tags[tag] = 0;
    }
    state.tag = tag; $("f-tag").value = tag; state.allRows = false;
    if (tag) {
      var pre = tag.split(":")[0];
      KINDS.forEach(function (k) { if (k.tag === pre) state.tab = k.table; });
    }
  }

  function matches(d) {
    if (state.status && d.status !== state.status) return false;
    if (state.tag && !d.tags[state.tag]) return false;
    if (state.q) {
      var q = state.q.toLowerCase();
      if ((d.id + " " + d.title + " " + d.number).toLowerCase().indexOf(q) < 0) return false;
    }
    return true;
  }

  function listDocs(openFirst) {
    var html = [], shown = [];
    DOCS.forEach(function (d, i) {
      if (!matches(d)) return;
      shown.push(i);
      var n = d.n, bits = [n.tasks + " tasks", n.claims + " claims", n.references + " refs", n.times + " times"];
      var bad = [];
      if (n.mismatch) bad.push(n.mismatch + " mismatch");
      if (n.refs_incomplete) bad.push(n.refs_incomplete + " refs incomplete");
      if (n.no_deadline) bad.push(n.no_deadline + " no deadline");
      var shown_tags = ["claim: mismatch", "reference: not fully parsed", "task: no deadline"];
      if (state.tag && d.tags[state.tag] && shown_tags.indexOf(state.tag) < 0) bad.push(d.tags[state.tag] + "× " + state.tag);
      html.push('<li data-i="' + i + '" class="' + (d.status !== "ok" ? "err " : "") + (i === state.doc ? "sel" : "") + '">' +
        '<div class="id">' + esc(d.id) + "</div>" +
        '<div class="meta">' + (d.status !== "ok" ? '<span class="bad">error</span>' : esc(bits.join(" · "))) + "</div>" +
        (bad.length ? '<div class="meta bad">' + esc(bad.join(" · ")) + "</div>" : "") + "</li>");
    });
    $("docs").innerHTML = html.join("");
    $("f-count").textContent = shown.length + " of " + DOCS.length + " documents";
    if (openFirst && shown.length && shown.indexOf(state.doc) < 0) openDoc(shown[0]);
    else if (current) renderTables();
  }

  /* ---------- one document ---------- */
  function items(p) {
    var out = [], len = p.text ? p.text.length : 0;
    KINDS.forEach(function (k) {
      (p[k.table] || []).forEach(function (row, j) {
        if (row.start == null || row.end == null || row.start < 0 || row.end > len || row.end <= row.start) return;
        out.push({ key: k.p + j, kind: k.kind, start: row.start, end: row.end, row: row, k: k });
      });
    });
    return out;
  }

  function buildText(p) {
    var text = p.text, its = items(p), bounds = {};
    bounds[0] = 1; bounds[text.length] = 1;
    var starts = {}, ends = {};
    its.forEach(function (it) {
      bounds[it.start] = 1; bounds[it.end] = 1;
      (starts[it.start] = starts[it.start] || []).push(it);
      (ends[it.end] = ends[it.end] || []).push(it);
    });
    var pos = Object.keys(bounds).map(Number).sort(function (a, b) { return a - b; });
    var active = {}, html = [];
    for (var b = 0; b < pos.length - 1; b++) {
      var a = pos[b], z = pos[b + 1];
      (ends[a] || []).forEach(function (it) { delete active[it.key]; });
      (starts[a] || []).forEach(function (it) {
        active[it.key] = it;
        if (it.kind === "task") html.push('<span class="tid" data-k="' + it.key + '">' + esc(it.row.task_id) + "</span>");
      });
      var keys = Object.keys(active), seg = esc(text.slice(a, z));
      if (!keys.length) { html.push(seg); continue; }
      var cls = {}; keys.forEach(function (key) { cls["k-" + active[key].kind] = 1; });
      html.push('<span class="s ' + Object.keys(cls).join(" ") + '" data-k="' + keys.join(" ") + '">' + seg + "</span>");
    }
    return html.join("");
  }

  function docHead(d) {
    var h = "<h2>" + esc(d.id) + "</h2>";
    var meta = [d.type, d.number, d.date].filter(Boolean).join(" · ");
    if (meta || d.title) h += '<div class="muted">' + esc(meta) + (d.title ? " — " + esc(d.title) : "") + "</div>";
    h += '<div class="muted">' + esc(d.path) + "</div>";
    if (d.status !== "ok") h += '<div class="error"><b>error:</b> ' + esc(d.error) + "</div>";
    if (d.note) h += '<div class="note">' + esc(d.note) + "</div>";
    var link = function (id) {
      var j = DOCS.findIndex(function (x) { return x.id === id; });
      return '<a data-open="' + j + '">' + esc(id) + "</a>";
    };
    if (d.cites.length) h += "<div>cites in this batch: " + d.cites.map(link).join(", ") + "</div>";
    if (d.cited_by.length) h += "<div>cited by: " + d.cited_by.map(link).join(", ") + "</div>";
    return h;
  }

  function openDoc(i) {
    state.doc = i;
    var d = DOCS[i];
    Array.prototype.forEach.call(document.querySelectorAll("#docs li"), function (li) {
      li.classList.toggle("sel", +li.dataset.i === i);
    });
    if (location.hash !== "#" + encodeURIComponent(d.id)) history.replaceState(null, "", "#" + encodeURIComponent(d.id));
    $("dochead").innerHTML = docHead(d);
    $("doctext").innerHTML = '<span class="muted">loading…</span>';
    $("tablewrap").innerHTML = "";
    current = null;
    return payload(i).then(function (p) {
      if (state.doc !== i) return;
      var box = $("doctext");
      box.innerHTML = p.text == null ? '<span class="muted">(no text: ' + (d.status !== "ok" ? "the document failed" : "its source file could not be read again") + ")</span>" : buildText(p);
      var els = {};
      Array.prototype.forEach.call(box.querySelectorAll("[data-k]"), function (el) {
        el.dataset.k.split(" ").forEach(function (key) { (els[key] = els[key] || []).push(el); });
      });
      current = { i: i, payload: p, els: els };
      box.parentNode.scrollTop = 0;
      markTagged();
      renderTables();
      document.body.dataset.ready = d.id;   // for tests and scripts
    }, function (err) {
      $("doctext").innerHTML = '<div class="error">cannot decode this document: ' + esc(err.message) + "</div>";
    });
  }

  function markTagged() {
    if (!current) return;
    Array.prototype.forEach.call(document.querySelectorAll("#doctext .tagged"), function (el) { el.classList.remove("tagged"); });
    if (!state.tag) return;
    KINDS.forEach(function (k) {
      (current.payload[k.table] || []).forEach(function (row, j) {
        if (row.tags.indexOf(state.tag) >= 0) (current.els[k.p + j] || []).forEach(function (el) { el.classList.add("tagged"); });
      });
    });
  }

  /* ---------- tables ---------- */
  function flags(row) {
    return (row.flags || []).map(function (f) { return '<span class="flag">' + esc(f) + "</span>"; }).join("") +
      (row.problems || []).filter(function (f) { return (row.flags || []).indexOf(f) < 0; })
        .map(function (f) { return '<span class="flag p">' + esc(f) + "</span>"; }).join("");
  }
  function txt(s) { return '<td class="txt"><div>' + esc(s) + "</div></td>"; }
  var COLS = {
    tasks: [["id", function (r) { return "<td>" + esc(r.task_id) + "</td>"; }],
            ["text", function (r) { return txt(r.text); }],
            ["deadline (source)", function (r) { return "<td>" + (r.deadline ? esc(r.deadline) + ' <span class="muted">(' + esc(r.deadline_source) + ")</span>" : '<span class="bad">—</span>') + "</td>"; }],
            ["lead agency", function (r) { return "<td>" + (r.lead_agency ? esc(r.lead_agency) : '<span class="bad">—</span>') + "</td>"; }],
            ["flags", function (r) { return "<td>" + flags(r) + "</td>"; }]],
    claims: [["id", function (r) { return "<td>" + esc(r.claim_id) + "</td>"; }],
             ["text", function (r) { return txt(r.text); }],
             ["declared", function (r) { return "<td>" + esc(r.declared) + "</td>"; }],
             ["found", function (r) { return "<td>" + (r.found == null ? "—" : esc(r.found)) + "</td>"; }],
             ["status", function (r) { return "<td" + (r.status !== "ok" ? ' class="bad"' : "") + ">" + esc(r.status) + "</td>"; }],
             ["flags", function (r) { return "<td>" + flags(r) + "</td>"; }]],
    references: [["id", function (r) { return "<td>" + esc(r.ref_id) + "</td>"; }],
                 ["type", function (r) { return "<td>" + esc(r.type) + "</td>"; }],
                 ["issuer", function (r) { return "<td>" + esc(r.issuer) + "</td>"; }],
                 ["date", function (r) { return "<td>" + esc(r.date) + "</td>"; }],
                 ["relation", function (r) { return "<td>" + esc(r.relation) + "</td>"; }],
                 ["flags", function (r) { return "<td>" + flags(r) + "</td>"; }]],
    times: [["text", function (r) { return txt(r.text); }],
            ["kind", function (r) { return "<td>" + esc(r.kind) + "</td>"; }],
            ["value", function (r) { return "<td>" + esc(r.value) + "</td>"; }],
            ["task", function (r) { return "<td>" + esc(r.task_id) + "</td>"; }],
            ["flags", function (r) { return "<td>" + flags(r) + "</td>"; }]]
  };

  function renderTables() {
    if (!current) return;
    var p = current.payload;
    $("tabs").innerHTML = KINDS.map(function (k) {
      return '<button data-tab="' + k.table + '" class="' + (state.tab === k.table ? "on" : "") + '">' + k.label +
        " (" + (p[k.table] || []).length + ")</button>";
    }).join("");
    var k = KINDS.filter(function (x) { return x.table === state.tab; })[0];
    var rows = p[k.table] || [], filt = state.tag && state.tag.split(":")[0] === k.tag && !state.allRows;
    var body = [];
    rows.forEach(function (r, j) {
      var tagged = state.tag && r.tags.indexOf(state.tag) >= 0;
      if (filt && !tagged) return;
      body.push('<tr tabindex="0" data-k="' + k.p + j + '" class="' + (tagged ? "tagged" : "") + '">' +
        COLS[k.table].map(function (c) { return c[1](r); }).join("") + "</tr>");
    });
    $("tablenote").innerHTML = filt ? "showing the " + body.length + " of " + rows.length + " rows with “" + esc(state.tag) +
      "” — <a href='#' id='allrows'>show all</a>" : "";
    $("tablewrap").innerHTML = '<table id="rows-' + k.table + '"><thead><tr>' +
      COLS[k.table].map(function (c) { return "<th>" + c[0] + "</th>"; }).join("") + "</tr></thead><tbody>" +
      body.join("") + "</tbody></table>" + (rows.length ? "" : '<p class="muted">none</p>');
  }

  function focusKey(key) {
    if (!current) return;
    Array.prototype.forEach.call(document.querySelectorAll("#tablewrap tr.sel"), function (tr) { tr.classList.remove("sel"); });
    var tr = document.querySelector('#tablewrap tr[data-k="' + key + '"]');
    if (tr) tr.classList.add("sel");
    var els = current.els[key];
    if (!els || !els.length) { $("tablenote").textContent = "this row has no span in the text"; return; }
    els[0].scrollIntoView({ block: "center", behavior: "auto" });
    els.forEach(function (el) { el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash"); });
    setTimeout(function () { els.forEach(function (el) { el.classList.remove("flash"); }); }, 1700);
  }

  /* ---------- tooltip ---------- */
  function describe(key) {
    var k = BY_P[key[0]], r = current.payload[k.table][+key.slice(1)];
    var f = function (name, v) { return v === "" || v == null || (v.length === 0) ? "" : '<div><span class="k">' + name + ":</span> " + esc(v) + "</div>"; };
    var h = "";
    if (k.kind === "task") {
      h = '<div class="h">Task ' + esc(r.task_id) + "</div>" +
        f("deadline", r.deadline ? r.deadline + " (from " + r.deadline_source + (r.deadline_text ? ": “" + r.deadline_text + "”" : "") + ")" : "none") +
        f("lead agency", r.lead_agency || "none") + f("partners", (r.partner_agencies || []).join("; ")) +
        f("group", r.group) + f("context", r.context) + f("product", r.product) + f("references", (r.references || []).join("; "));
    } else if (k.kind === "claim") {
      h = '<div class="h">Claim ' + esc(r.claim_id) + "</div>" + f("declared", r.declared + " " + r.unit) +
        f("found", r.found == null ? "—" : r.found) + f("status", r.status);
    } else if (k.kind === "ref") {
      h = '<div class="h">Reference ' + esc(r.ref_id) + "</div>" + f("type", r.type || "unknown") + f("issuer", r.issuer || "unknown") +
        f("date", r.date) + f("relation", r.relation) + f("in task", r.task_id) + f("not parsed", (r.problems || []).join(", "));
    } else {
      h = '<div class="h">Time (' + esc(r.kind) + ")</div>" + f("TIMEX value", r.value) + f("in task", r.task_id);
    }
    return '<div class="it">' + h + f("flags", (r.flags || []).join(", ")) + "</div>";
  }
  var ORDER = { m: 0, r: 1, c: 2, t: 3 };
  function showTip(ev) {
    var el = ev.target.closest && ev.target.closest("#doctext [data-k]"), tip = $("tip");
    if (!el || !current) { tip.hidden = true; return; }
    var keys = el.dataset.k.split(" ").sort(function (a, b) { return ORDER[a[0]] - ORDER[b[0]]; });
    tip.innerHTML = keys.map(describe).join("");
    tip.hidden = false;
    var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 6);
    var y = ev.clientY + 16 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 10 : ev.clientY + 16;
    tip.style.left = Math.max(4, x) + "px"; tip.style.top = Math.max(4, y) + "px";
  }

  /* ---------- wiring ---------- */
  function init() {
    summary();
    $("f-status").onchange = function () { state.status = this.value; listDocs(true); };
    $("f-tag").onchange = function () { setTag(this.value); listDocs(true); markTagged(); };
    $("f-q").oninput = function () { state.q = this.value.trim(); listDocs(true); };
    $("docs").onclick = function (ev) { var li = ev.target.closest("li"); if (li) openDoc(+li.dataset.i); };
    $("dochead").onclick = function (ev) {
      var a = ev.target.closest("a[data-open]"); if (a && +a.dataset.open >= 0) openDoc(+a.dataset.open);
    };
    $("tabs").onclick = function (ev) { var b = ev.target.closest("button"); if (b) { state.tab = b.dataset.tab; renderTables(); } };
    $("tablepane").onclick = function (ev) {
      if (ev.target.id === "allrows") { ev.preventDefault(); state.allRows = true; renderTables(); return; }
      var tr = ev.target.closest("tbody tr"); if (tr) focusKey(tr.dataset.k);
    };
    $("tablepane").onkeydown = function (ev) {   // Enter on a focused row does what a click does
      var tr = ev.target.closest && ev.target.closest("tbody tr");
      if (tr && ev.key === "Enter") { ev.preventDefault(); focusKey(tr.dataset.k); }
    };
    $("doctext").onclick = function (ev) {  // a span → its row in the table (innermost kind first)
      var el = ev.target.closest("[data-k]"); if (!el) return;
      var keys = el.dataset.k.split(" ").sort(function (a, b) { return ORDER[a[0]] - ORDER[b[0]]; });
      var k = BY_P[keys[0][0]];
      if (state.tab !== k.table) { state.tab = k.table; state.allRows = true; renderTables(); }
      var tr = document.querySelector('#tablewrap tr[data-k="' + keys[0] + '"]');
      Array.prototype.forEach.call(document.querySelectorAll("#tablewrap tr.sel"), function (t) { t.classList.remove("sel"); });
      if (tr) { tr.classList.add("sel"); tr.scrollIntoView({ block: "nearest" }); }
    };
    $("doctext").addEventListener("mousemove", showTip);
    $("doctext").addEventListener("mouseleave", function () { $("tip").hidden = true; });
    Array.prototype.forEach.call(document.querySelectorAll(".legend input"), function (cb) {
      cb.onchange = function () { $("doctext").classList.toggle("hide-" + cb.dataset.layer, !cb.checked); };
    });
    var want = decodeURIComponent(location.hash.slice(1));
    var start = DOCS.findIndex(function (d) { return d.id === want; });
    listDocs(false);
    if (DOCS.length) openDoc(start >= 0 ? start : 0);
    else $("doctext").innerHTML = '<p class="muted">This batch has no documents.</p>';
  }
  init();
})();

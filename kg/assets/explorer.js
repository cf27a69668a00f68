/* The who-met-whom explorer (kg/viz.py inlines this file into graph.html).
 *
 * Every string in the data comes from untrusted articles: it is only ever put in the page with
 * textContent or as the value of an attribute set through the DOM, never through innerHTML, and
 * links are made only for http(s) URLs. vis-network gets no `title`, so its own popup (which
 * uses innerHTML) never runs; node labels are drawn on the canvas as text.
 */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('kg-data').textContent);
  var P = D.persons, C = D.countries, M = D.meetings, A = D.articles, V = D.visits;

  // --- DOM helpers: text only ----------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }
  var SAFE_URL = /^https?:\/\/[^\s]+$/i;

  // --- derived data ------------------------------------------------------------------------
  var byPerson = P.map(function () { return []; });       // meeting indices per person
  M.forEach(function (m, mi) { m.p.forEach(function (p) { byPerson[p].push(mi); }); });
  var visitsOf = P.map(function () { return []; });
  V.forEach(function (v, vi) { visitsOf[v.p].push(vi); });
  var pairOf = {};                                         // edge id -> pair
  D.pairs.forEach(function (pr, k) { pairOf['e' + k] = pr; });

  function fmtDate(s) {
    if (!s) return 'date unknown';
    if (s.slice(0, 2) === '--') return '????-' + s.slice(2);
    return s;
  }
  function dateRange(o) {
    var t = fmtDate(o.s);
    if (o.e && o.e !== o.s) t += ' – ' + fmtDate(o.e);
    return t;
  }
  function countryName(ci) {
    if (ci < 0) return 'country unknown';
    var c = C[ci];
    return c.en ? c.l + ' (' + c.en + ')' : c.l;
  }
  function colourOf(ci) { return ci < 0 ? D.noCountryColour : C[ci].col; }
  function norm(s) { return String(s).replace(/[\s·・.\-]/g, '').toLowerCase(); }
  var names = P.map(function (p) { return p.n.map(norm); });

  // --- filters -----------------------------------------------------------------------------
  var countryOn = C.map(function () { return true; });
  var noCountryOn = true;
  var range = { lo: null, hi: null };
  function parseBound(text, end) {
    text = text.trim();
    if (!text) return null;
    var m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
    if (!m) return undefined;
    var mo = m[2] ? ('0' + m[2]).slice(-2) : (end ? '12' : '01');
    var d = m[3] ? ('0' + m[3]).slice(-2) : (end ? '31' : '01');
    return m[1] + '-' + mo + '-' + d;
  }
  function meetingOn(m) {
    if (range.lo === null && range.hi === null) return true;
    if (!/^\d{4}-\d{2}-\d{2}/.test(m.s)) return $('undated').checked;
    var day = m.s.slice(0, 10);
    return (range.lo === null || day >= range.lo) && (range.hi === null || day <= range.hi);
  }
  function personCountryOn(pi) { var c = P[pi].c; return c < 0 ? noCountryOn : countryOn[c]; }

  // --- the network -------------------------------------------------------------------------
  var big = P.length > 1500;
  function nodeSize(p) { return 8 + 5 * Math.sqrt(p.m); }
  function baseNode(p, i) {
    var col = colourOf(p.c);
    return { id: i, label: p.l, x: p.x, y: p.y, size: nodeSize(p), shape: 'dot',
             color: { background: col, border: '#444', highlight: { background: col, border: '#000' },
                      hover: { background: col, border: '#000' } },
             font: { color: '#222' } };
  }
  function baseEdge(pr, k) {
    var n = pr[2].length;
    return { id: 'e' + k, from: pr[0], to: pr[1], width: 0.5 + 1.5 * Math.log2(n + 1),
             color: { color: '#8c98a8', highlight: '#222', hover: '#222', opacity: 0.8 } };
  }
  var nodes = new vis.DataSet(P.map(baseNode));
  var edges = new vis.DataSet(D.pairs.map(baseEdge));
  var container = $('net');
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { shape: 'dot', borderWidth: 1,
             font: { size: 14, face: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif' } },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false, navigationButtons: false, keyboard: false }
  });
  window.kgNetwork = network;
  network.once('afterDrawing', function () {
    window.kgReady = performance.now();
    document.body.setAttribute('data-ready', '1');
  });

  // --- filters applied -----------------------------------------------------------------------
  // visible.edges: what the filters show; edgeShown: the edges' own `hidden` flag, set by the
  // date filter only (vis-network already leaves out the edges of hidden persons, so a country
  // filter updates persons alone: DataSet updates are what filters cost at 5,000 persons).
  var visible = { nodes: P.map(function () { return true; }), edges: D.pairs.map(function () { return true; }) };
  var edgeShown = D.pairs.map(function () { return true; });
  function applyFilters() {
    var f = parseBound($('from').value, false), t = parseBound($('to').value, true);
    $('from').classList.toggle('bad', f === undefined);
    $('to').classList.toggle('bad', t === undefined);
    range.lo = f === undefined ? null : f;
    range.hi = t === undefined ? null : t;
    var dateActive = range.lo !== null || range.hi !== null;
    var mOn = M.map(meetingOn);
    var hasEdge = P.map(function () { return false; });
    var eUpd = [], nUpd = [];
    D.pairs.forEach(function (pr, k) {
      var dated = pr[2].some(function (mi) { return mOn[mi]; });
      var on = dated && personCountryOn(pr[0]) && personCountryOn(pr[1]);
      if (on) { hasEdge[pr[0]] = true; hasEdge[pr[1]] = true; }
      visible.edges[k] = on;
      if (dated !== edgeShown[k]) { edgeShown[k] = dated; eUpd.push({ id: 'e' + k, hidden: !dated }); }
    });
    var anyCountryOff = !noCountryOn || countryOn.some(function (x) { return !x; });
    P.forEach(function (p, i) {
      var on = personCountryOn(i) && (!dateActive || hasEdge[i]);
      if (on !== visible.nodes[i]) { visible.nodes[i] = on; nUpd.push({ id: i, hidden: !on }); }
    });
    if (nUpd.length) nodes.update(nUpd);
    if (eUpd.length) edges.update(eUpd);
    syncVisits();
    var shownP = visible.nodes.filter(Boolean).length;
    var shownM = M.filter(function (m, mi) {
      return mOn[mi] && m.p.filter(function (p) { return visible.nodes[p]; }).length >= 2;
    }).length;
    $('counts').textContent = shownP + ' persons · ' + shownM + ' meetings' +
      (dateActive || anyCountryOff ? ' (filtered)' : '');
    if (selected !== null) highlight(selected);
  }

  // --- visits as person -> country edges -------------------------------------------------------
  var visitsShown = false;
  function syncVisits() {
    var want = $('visits').checked;
    if (visitsShown) {
      nodes.remove(C.map(function (c, ci) { return 'c' + ci; }).filter(function (id) { return nodes.get(id); }));
      edges.remove(V.map(function (v, vi) { return 'v' + vi; }).filter(function (id) { return edges.get(id); }));
      visitsShown = false;
    }
    if (!want) return;
    var sums = {};
    V.forEach(function (v) {
      if (!visible.nodes[v.p]) return;
      var pos = network.getPositions([v.p])[v.p] || { x: P[v.p].x, y: P[v.p].y };
      var s = sums[v.c] || (sums[v.c] = { x: 0, y: 0, n: 0 });
      s.x += pos.x; s.y += pos.y; s.n += 1;
    });
    var cn = [], ce = [];
    Object.keys(sums).forEach(function (ci) {
      var s = sums[ci], c = C[ci];
      cn.push({ id: 'c' + ci, label: c.l, shape: 'box', x: s.x / s.n + 60, y: s.y / s.n - 60,
                color: { background: '#fff', border: c.col }, borderWidth: 2, font: { color: '#222' } });
    });
    V.forEach(function (v, vi) {
      if (!visible.nodes[v.p]) return;
      ce.push({ id: 'v' + vi, from: v.p, to: 'c' + v.c, dashes: true, arrows: 'to',
                color: { color: C[v.c].col, opacity: 0.9 }, width: 1.5 });
    });
    nodes.add(cn); edges.add(ce);
    visitsShown = true;
  }

  // --- tooltips (text nodes only) --------------------------------------------------------------
  var tip = $('tip');
  var mouse = { x: 0, y: 0 };
  container.addEventListener('mousemove', function (e) {
    mouse.x = e.clientX; mouse.y = e.clientY;
    if (!tip.hidden) placeTip();
  });
  function placeTip() {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = mouse.x + 14, y = mouse.y + 14;
    if (x + w > window.innerWidth) x = Math.max(0, mouse.x - w - 14);
    if (y + h > window.innerHeight) y = Math.max(0, mouse.y - h - 14);
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  }
  function showTip(build) { clear(tip); build(tip); tip.hidden = false; placeTip(); }
  function hideTip() { tip.hidden = true; clear(tip); }

  function personSummary(box, i) {
    var p = P[i];
    add(box, el('div', 't', p.l));
    if (p.n.length > 1) add(box, el('div', null, 'Names: ' + p.n.join(' / ')));
    add(box, el('div', null, 'Country: ' + countryName(p.c)));
    if (p.po.length) {
      // One line per post, with every date it is reported as held.
      var ul = el('ul'), order = [], dates = {};
      p.po.forEach(function (po) {
        var key = po[0] + (po[1] ? ' · ' + po[1] : '');
        if (!dates[key]) { dates[key] = []; order.push(key); }
        if (po[2] && dates[key].indexOf(po[2]) < 0) dates[key].push(po[2]);
      });
      order.forEach(function (key) {
        var ds = dates[key].sort().map(fmtDate);
        add(ul, el('li', null, key + (ds.length ? ' (as of ' + ds.join(', ') + ')' : '')));
      });
      add(box, el('div', null, 'Posts:'), ul);
    }
    add(box, el('div', null, 'Meetings: ' + p.m + (visitsOf[i].length ? ' · visits: ' + visitsOf[i].length : '')));
  }
  function sources(ais) {
    var span = el('div', 'src');
    if (!ais.length) return span;
    add(span, 'Source: ');
    ais.forEach(function (ai, k) {
      var a = A[ai];
      var text = a.t || a.f || a.u || 'article';
      if (k) add(span, '; ');
      if (a.u && SAFE_URL.test(a.u)) {
        var link = el('a', null, text);
        link.href = a.u; link.target = '_blank'; link.rel = 'noopener noreferrer';
        add(span, link);
      } else {
        add(span, el('span', null, text));
      }
      if (a.f && a.f !== text) add(span, el('span', 'muted', ' (' + a.f + ')'));
    });
    return span;
  }
  function meetingItem(mi, self, withButtons) {
    var m = M[mi];
    var li = el('li');
    add(li, el('span', 'date', dateRange(m)));
    var others = m.p.filter(function (p) { return p !== self; });
    add(li, ' ', self === null ? '' : 'with ');
    others.forEach(function (p, k) {
      if (k) add(li, ', ');
      if (withButtons) {
        var b = el('button', 'person', P[p].l);
        b.type = 'button';
        b.addEventListener('click', function () { selectPerson(p, true); });
        add(li, b);
      } else {
        add(li, el('span', null, P[p].l));
      }
    });
    if (m.pl) add(li, ' · ', el('span', null, m.pl));
    m.ev.forEach(function (s) { add(li, el('q', 'ev', s)); });
    add(li, sources(m.a));
    return li;
  }
  function pairSummary(box, pr, withButtons) {
    add(box, el('div', 't', P[pr[0]].l + ' — ' + P[pr[1]].l));
    add(box, el('div', null, pr[2].length + (pr[2].length === 1 ? ' meeting' : ' meetings')));
    var ol = el('ol');
    var list = pr[2].slice().sort(byDate);
    list.slice(0, withButtons ? list.length : 5).forEach(function (mi) { add(ol, meetingItem(mi, null, withButtons)); });
    add(box, ol);
    if (!withButtons && list.length > 5) add(box, el('div', 'muted', '… and ' + (list.length - 5) + ' more (click the line)'));
  }
  function byDate(a, b) {
    var x = M[a].s, y = M[b].s;
    return x < y ? -1 : x > y ? 1 : a - b;
  }
  function visitSummary(box, vi) {
    var v = V[vi];
    add(box, el('div', 't', P[v.p].l + ' → ' + C[v.c].l));
    add(box, el('div', null, dateRange(v) + (v.k ? ' · ' + v.k : '') + (v.pl ? ' · planned' : '')));
    if (v.i >= 0) add(box, el('div', null, 'Invited by ' + P[v.i].l));
    v.ev.forEach(function (s) { add(box, el('q', 'ev', s)); });
    add(box, sources(v.a));
  }
  network.on('hoverNode', function (e) {
    if (typeof e.node === 'number') showTip(function (box) { personSummary(box, e.node); });
    else if (typeof e.node === 'string' && e.node.charAt(0) === 'c') {
      var ci = +e.node.slice(1);
      showTip(function (box) { add(box, el('div', 't', countryName(ci))); });
    }
  });
  network.on('hoverEdge', function (e) {
    var id = String(e.edge);
    if (pairOf[id]) showTip(function (box) { pairSummary(box, pairOf[id], false); });
    else if (id.charAt(0) === 'v') showTip(function (box) { visitSummary(box, +id.slice(1)); });
  });
  network.on('blurNode', hideTip);
  network.on('blurEdge', hideTip);
  network.on('dragStart', hideTip);
  network.on('zoom', hideTip);

  // --- selection: highlight neighbours, side panel -----------------------------------------
  var selected = null;
  var panel = $('panel');
  // The neighbourhood is drawn as a spotlight over the finished frame: everything else is
  // veiled in white, then the selected person, their visible meetings and partners are drawn
  // again on top, labels included at any zoom. No DataSet update, so it costs the same at 50
  // or 5,000 persons.
  var edgesOf = P.map(function () { return []; });
  D.pairs.forEach(function (pr, k) { edgesOf[pr[0]].push(k); edgesOf[pr[1]].push(k); });
  var spot = null;  // {centre, edges: [k], nodes: [i]}
  // vis-network's own labels of the spotlit persons are made transparent (the spotlight draws
  // them), so that no veiled copy shows beside them: a few updates, not one per person.
  function ownLabels(ns, shown) {
    nodes.update(ns.map(function (i) { return { id: i, font: { color: shown ? '#222' : 'rgba(0,0,0,0)' } }; }));
  }
  function highlight(i) {
    var ks = edgesOf[i].filter(function (k) { return visible.edges[k]; });
    var ns = [i];
    ks.forEach(function (k) { var pr = D.pairs[k]; ns.push(pr[0] === i ? pr[1] : pr[0]); });
    if (spot !== null) ownLabels(spot.nodes, true);
    spot = { centre: i, edges: ks, nodes: ns };
    ownLabels(ns, false);
    network.redraw();
  }
  function unhighlight() {
    if (spot === null) return;
    ownLabels(spot.nodes, true);
    spot = null;
    network.redraw();
  }
  network.on('afterDrawing', function (ctx) {
    if (spot === null) return;
    var scale = network.getScale();
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var pos = network.getPositions(spot.nodes);
    ctx.save();
    ctx.strokeStyle = '#333';
    spot.edges.forEach(function (k) {
      var pr = D.pairs[k], a = pos[pr[0]], b = pos[pr[1]];
      if (!a || !b) return;
      ctx.lineWidth = Math.max(baseEdge(pr, k).width, 1.5 / scale);
      ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
    });
    var fontPx = Math.max(14, 13 / scale);
    var face = 'px "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    // Partners first, the selected person last, on top.
    spot.nodes.slice(1).concat([spot.centre]).forEach(function (i) {
      var q = pos[i], n = i === spot.centre ? 0 : 1;
      if (!q) return;
      ctx.font = (n === 0 ? 'bold ' : '') + fontPx + face;
      var r = Math.max(nodeSize(P[i]), 4 / scale);
      ctx.beginPath(); ctx.arc(q.x, q.y, r, 0, 2 * Math.PI);
      ctx.fillStyle = colourOf(P[i].c); ctx.fill();
      ctx.lineWidth = (n === 0 ? 3 : 1) / Math.min(scale, 1);
      ctx.strokeStyle = n === 0 ? '#000' : '#444'; ctx.stroke();
      ctx.lineWidth = fontPx / 4; ctx.strokeStyle = '#fff';
      ctx.strokeText(P[i].l, q.x, q.y + r + 2);
      ctx.fillStyle = '#111'; ctx.fillText(P[i].l, q.x, q.y + r + 2);
    });
    ctx.restore();
  });
  function showPerson(i) {
    clear(panel);
    var p = P[i];
    var h = el('h2', null, p.l);
    h.style.borderLeft = '8px solid ' + colourOf(p.c);
    h.style.paddingLeft = '6px';
    add(panel, h);
    var box = el('div', 'summary');
    personSummary(box, i);
    box.removeChild(box.firstChild);   // the name is the heading
    add(panel, box);
    if (!visible.nodes[i]) add(panel, el('p', 'muted', 'Hidden by the current filters.'));
    var mine = byPerson[i].slice().sort(byDate);
    add(panel, el('h3', null, 'Meetings in time order (' + mine.length + ')'));
    var ol = el('ol', 'meetings');
    ol.id = 'meetings';
    mine.forEach(function (mi) {
      var li = meetingItem(mi, i, true);
      if (!meetingOn(M[mi])) li.classList.add('muted');
      add(ol, li);
    });
    add(panel, ol);
    if (visitsOf[i].length) {
      add(panel, el('h3', null, 'Visits (' + visitsOf[i].length + ')'));
      var vl = el('ol');
      visitsOf[i].slice().sort(function (a, b) { return V[a].s < V[b].s ? -1 : V[a].s > V[b].s ? 1 : a - b; })
        .forEach(function (vi) { var li = el('li'); visitSummary(li, vi); add(vl, li); });
      add(panel, vl);
    }
  }
  function showPair(pr) {
    clear(panel);
    var box = el('div');
    pairSummary(box, pr, true);
    add(panel, box);
  }
  function selectPerson(i, move) {
    selected = i;
    network.selectNodes([i]);
    highlight(i);
    showPerson(i);
    if (move) {  // bring the person and their partners into view
      network.fit({ nodes: spot.nodes, animation: false });
      if (network.getScale() > 1.5) network.moveTo({ position: network.getPositions([i])[i], scale: 1.5 });
    }
  }
  function deselect() {
    selected = null;
    unhighlight();
    clear(panel);
    add(panel, el('p', 'hint', 'Click a person or a line to see the meetings.'));
  }
  network.on('click', function (e) {
    hideTip();
    if (e.nodes.length && typeof e.nodes[0] === 'number') { selectPerson(e.nodes[0], false); return; }
    if (e.edges.length && pairOf[String(e.edges[0])]) {
      selected = null; unhighlight(); showPair(pairOf[String(e.edges[0])]); return;
    }
    if (e.edges.length && String(e.edges[0]).charAt(0) === 'v') {
      clear(panel); var box = el('div'); visitSummary(box, +String(e.edges[0]).slice(1)); add(panel, box); return;
    }
    if (!e.nodes.length) deselect();
  });

  // --- search ------------------------------------------------------------------------------
  var search = $('search'), results = $('results');
  var hits = [], active = 0;
  function runSearch() {
    var q = norm(search.value);
    clear(results);
    hits = [];
    if (!q) { results.hidden = true; return; }
    for (var i = 0; i < P.length && hits.length < 30; i++) {
      if (names[i].some(function (n) { return n.indexOf(q) >= 0; })) hits.push(i);
    }
    // exact matches first
    hits.sort(function (a, b) {
      var ea = names[a].indexOf(q) >= 0 ? 0 : 1, eb = names[b].indexOf(q) >= 0 ? 0 : 1;
      return ea - eb || a - b;
    });
    active = 0;
    if (!hits.length) { add(results, el('li', 'muted', 'No person matches')); results.hidden = false; return; }
    hits.forEach(function (i, k) {
      var li = el('li', k === 0 ? 'active' : null);
      add(li, el('span', 'name', P[i].l));
      li.setAttribute('data-person', String(i));
      var other = P[i].n.filter(function (n) { return n !== P[i].l; }).join(' / ');
      add(li, el('span', 'other', (P[i].c >= 0 ? C[P[i].c].l : '') + (other ? ' · ' + other : '')));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
      add(results, li);
    });
    results.hidden = false;
  }
  function choose(i) {
    results.hidden = true;
    search.value = P[i].l;
    selectPerson(i, true);
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { if (hits.length) choose(hits[active]); e.preventDefault(); }
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      Array.prototype.forEach.call(results.children, function (li, k) { li.classList.toggle('active', k === active); });
      e.preventDefault();
    } else if (e.key === 'Escape') { results.hidden = true; }
  });
  search.addEventListener('blur', function () { results.hidden = true; });
  search.addEventListener('focus', function () { if (search.value) runSearch(); });

  // --- legend ------------------------------------------------------------------------------
  var list = $('countries');
  function legendItem(text, colour, count, checked, onChange) {
    var li = el('li'), label = el('label'), cb = el('input');
    cb.type = 'checkbox'; cb.checked = checked;
    cb.addEventListener('change', function () { onChange(cb.checked); applyFilters(); });
    var sw = el('span', 'swatch'); sw.style.background = colour;
    add(label, cb, sw, el('span', null, text), el('span', 'n', count));
    add(li, label);
    return li;
  }
  C.forEach(function (c, ci) {
    if (!c.k) return;  // only a visit destination
    add(list, legendItem(c.l + (c.iso ? ' ' + c.iso : ''), c.col, c.k, true,
                         function (on) { countryOn[ci] = on; }));
  });
  var unknown = P.filter(function (p) { return p.c < 0; }).length;
  if (unknown) add(list, legendItem('country unknown', D.noCountryColour, unknown, true,
                                    function (on) { noCountryOn = on; }));
  function setAll(on) {
    countryOn = countryOn.map(function () { return on; });
    noCountryOn = on;
    Array.prototype.forEach.call(list.querySelectorAll('input'), function (cb) { cb.checked = on; });
    applyFilters();
  }
  $('all').addEventListener('click', function () { setAll(true); });
  $('none').addEventListener('click', function () { setAll(false); });

  // --- the rest ----------------------------------------------------------------------------
  ['from', 'to'].forEach(function (id) { $(id).addEventListener('change', applyFilters); });
  $('undated').addEventListener('change', applyFilters);
  $('visits').addEventListener('change', applyFilters);
  $('reset').addEventListener('click', function () {
    $('from').value = ''; $('to').value = ''; $('undated').checked = true;
    search.value = '';
    deselect();
    setAll(true);
    network.fit({ animation: false });
  });
  $('heading').textContent = D.title;
  $('visits').checked = !!D.showVisits;
  applyFilters();

  window.kgExplorer = {
    selectPerson: selectPerson, applyFilters: applyFilters, data: D,
    spotlight: function () { return spot === null ? [] : spot.nodes.map(function (i) { return P[i].l; }); }
  };
})();

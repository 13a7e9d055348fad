// The kernel-sliding stage: one SVG whose viewBox is laid out for the space it is given, fed with compact
// data (inputs, weight slices, torch's outputs; see dsconv/figures/stage.py). Taps, products and partial sums
// of any output cell are computed here, so play / step / scrub / linking never rerun the page.
// Units: 1 = one input cell. Every number is SVG text (data-role = x | w | p | sum | y | eq) for people,
// screen readers and tests.
const NS = "http://www.w3.org/2000/svg";
const SPEEDS = [0.5, 1, 2, 4];
const BASE_MS = 900; // one output cell per 0.9 s at 1×
const GAP = 0.8;
const CHIPS_H = 1.4;

function fmt(v) {
  let r = Math.round(v * 100) / 100;
  if (Object.is(r, -0) || Math.abs(r) < 1e-9) r = 0;
  return String(r);
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
}

// font size (in cell units) of a number of `len` characters in a cell `size` units wide: digits are ~0.6 em
function numFont(text, size) {
  const t = String(text);
  const digits = t.replace(/[^0-9]/g, "").length, marks = t.length - digits;
  return Math.min(0.68, 0.86 / Math.max(0.64, 0.64 * digits + 0.36 * marks)) * size;
}

function model(d, below) { // below: a depthwise tile puts its output map under the input (narrow screens)
  const N = d.n + 2 * d.p;
  const dw = d.kind === "dw";
  const L = d.lanes.length;
  const kc = Math.max(d.k, 3.2);
  const rightH = 0.8 + d.k + 0.8 + d.k + 1.2;
  const outScale = (dw ? d.n : N) / Math.max(d.ho, d.wo); // an output map as large as an input tile
  const side = dw && !below;
  const tileW = N + 0.5 + kc + (side ? 0.6 + d.n : 0);
  const tileH = 1.2 + (dw && below ? Math.max(N, rightH) + 0.6 + d.n + 2.4 : Math.max(N, rightH, side ? d.n + 2.4 : 0));
  const outW = Math.max(N, 6), outH = 1.2 + N + 2.6;
  return { N, dw, below: dw && below, L, kc, rightH, outScale, tileW, tileH, outW, outH, F: d.ho * d.wo };
}

// Choose the number of tile columns and where the output map goes so cells are as large as the space allows;
// when even the best fit is below `minU` px per cell, keep `minU` (the page scrolls) and prefer the shortest.
function arrange(m, availW, availH, minU, maxU) {
  let best = null;
  const places = m.dw ? ["none"] : ["right", "below"];
  for (let cols = 1; cols <= m.L; cols++) {
    const rows = Math.ceil(m.L / cols);
    const gridW = cols * m.tileW + (cols - 1) * GAP, gridH = rows * m.tileH + (rows - 1) * GAP;
    for (const place of places) {
      let W = gridW, H = CHIPS_H + gridH;
      if (place === "right") { W = gridW + GAP * 1.5 + m.outW; H = CHIPS_H + Math.max(gridH, m.outH); }
      if (place === "below") { W = Math.max(gridW, m.outW); H = CHIPS_H + gridH + GAP + m.outH; }
      const uw = availW / W, fit = Math.min(uw, availH / H);
      const u = Math.min(maxU, fit >= minU ? fit : Math.min(uw, minU));
      const score = [u, -H * u, -cols];
      if (!best || score[0] > best.score[0] + 1e-6 || (Math.abs(score[0] - best.score[0]) < 1e-6 &&
          (score[1] > best.score[1] + 1e-6 || (Math.abs(score[1] - best.score[1]) < 1e-6 && score[2] > best.score[2])))) {
        best = { cols, rows, place, W, H, u, gridW, gridH, score };
      }
    }
  }
  return best;
}

function tileOrigin(m, a, j) {
  const col = j % a.cols, row = Math.floor(j / a.cols);
  return [col * (m.tileW + GAP), CHIPS_H + row * (m.tileH + GAP)];
}

function outOrigin(m, a, j) { // origin of the output map (drawn at outScale per output cell)
  if (m.dw) {
    const [x, y] = tileOrigin(m, a, j);
    return m.below ? [x, y + 1.2 + Math.max(m.N, m.rightH) + 0.6] : [x + m.N + 0.5 + m.kc + 0.6, y + 1.2];
  }
  if (a.place === "right") return [a.gridW + GAP * 1.5, CHIPS_H + 1.2];
  return [0, CHIPS_H + a.gridH + GAP + 1.2];
}

function lighten(hex, amount) {
  const h = hex.replace("#", "");
  const c = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  return "rgb(" + c.map((v) => Math.round(v + (255 - v) * amount)).join(",") + ")";
}

function buildStatic(d, m, a) {
  const lab = d.labels;
  const parts = [];
  const T = (x, y, text, size, attrs = "") =>
    `<text x="${x.toFixed(3)}" y="${y.toFixed(3)}" font-size="${size.toFixed(3)}" ${attrs}>${esc(text)}</text>`;
  // chips: every input channel in its group's colour; the other groups faded and crossed out
  const per = d.cin / d.g;
  const active = new Set(d.lanes);
  const chip = Math.min(1.0, (a.W * 0.45) / d.cin);
  for (let c = 0; c < d.cin; c++) {
    const g = d.kind === "pw" ? 0 : Math.floor(c / per);
    const col = d.colors[g % d.colors.length];
    const on = active.has(c);
    const x = c * chip * 1.1, y = 0.2;
    parts.push(`<rect class="chip${on ? "" : " off"}" x="${x}" y="${y}" width="${chip}" height="${chip}" fill="${on ? col : lighten(col, 0.75)}" rx="0.12"><title>${c}</title></rect>`);
    if (!on) parts.push(`<path class="cross" d="M${x} ${y}L${x + chip} ${y + chip}M${x + chip} ${y}L${x} ${y + chip}" stroke="#666" stroke-width="0.06"/>`);
  }
  const chipsEnd = d.cin * chip * 1.1 + 0.4;
  parts.push(T(chipsEnd, 0.2 + chip * 0.8, lab.chips, 0.62, `class="label" data-fit="${(a.W - chipsEnd).toFixed(3)}"`));
  // one tile per drawn channel: title, padded input with values, weight slice, products, partial sum
  for (let j = 0; j < m.L; j++) {
    const c = d.lanes[j];
    const [ox, oy] = tileOrigin(m, a, j);
    const g = d.kind === "pw" ? 0 : d.kind === "dw" ? c : Math.floor(c / per);
    const col = d.colors[g % d.colors.length];
    parts.push(`<rect class="tile" x="${ox - 0.25}" y="${oy - 0.15}" width="${m.tileW + 0.5}" height="${m.tileH + 0.2}" fill="none" stroke="${col}" stroke-width="0.1" rx="0.3"/>`);
    parts.push(T(ox, oy + 0.85, lab.tiles[j], 0.8, `class="title" fill="${col}" data-fit="${m.tileW.toFixed(3)}"`));
    const gy = oy + 1.2;
    const xs = d.x[j];
    let vmax = 1e-9;
    for (const v of xs) vmax = Math.max(vmax, Math.abs(v));
    for (let r = 0; r < m.N; r++) {
      for (let cc = 0; cc < m.N; cc++) {
        const ir = r - d.p, ic = cc - d.p;
        const pad = ir < 0 || ic < 0 || ir >= d.n || ic >= d.n;
        const x = ox + cc, y = gy + r;
        if (pad) {
          parts.push(`<rect class="cell pad" data-lane="${j}" data-r="${r}" data-c="${cc}" x="${x + 0.03}" y="${y + 0.03}" width="0.94" height="0.94"/>`);
          continue;
        }
        const v = xs[ir * d.n + ic];
        const shade = 0.95 - 0.2 * (Math.abs(v) / vmax);
        parts.push(`<rect class="cell in" data-lane="${j}" data-r="${r}" data-c="${cc}" x="${x + 0.03}" y="${y + 0.03}" width="0.94" height="0.94" fill="hsl(210,70%,${(shade * 100).toFixed(0)}%)"/>`);
        const s = fmt(v);
        parts.push(T(x + 0.5, y + 0.5, s, numFont(s, 1), `class="num" data-role="x" data-lane="${j}" data-r="${ir}" data-c="${ic}"`));
      }
    }
    // weight slice and products, in a column beside the input
    const rx = ox + m.N + 0.5, wy = gy + 0.8;
    parts.push(T(rx, wy - 0.2, lab.weights[j], 0.6, `class="label" data-fit="${m.kc.toFixed(3)}"`));
    const ws = d.w[j];
    for (let i = 0; i < d.k; i++) {
      for (let jj = 0; jj < d.k; jj++) {
        const v = ws[i * d.k + jj], s = fmt(v);
        const x = rx + jj, y = wy + i;
        parts.push(`<rect class="cell wt${v < 0 ? " neg" : ""}" x="${x + 0.03}" y="${y + 0.03}" width="0.94" height="0.94"/>`);
        parts.push(T(x + 0.5, y + 0.5, s, numFont(s, 1), `class="num" data-role="w" data-lane="${j}" data-r="${i}" data-c="${jj}"`));
      }
    }
    const py = wy + d.k + 0.8;
    parts.push(T(rx, py - 0.2, lab.products, 0.6, `class="label" data-fit="${m.kc.toFixed(3)}"`));
    for (let i = 0; i < d.k; i++) {
      for (let jj = 0; jj < d.k; jj++) {
        parts.push(`<rect class="cell prod" x="${rx + jj + 0.03}" y="${py + i + 0.03}" width="0.94" height="0.94"/>`);
      }
    }
    if (m.dw) { // its own output map
      const [qx, qy] = outOrigin(m, a, j);
      parts.push(outGrid(d, m, j, qx, qy, j, T));
    }
  }
  if (!m.dw) {
    const [qx, qy] = outOrigin(m, a, 0);
    parts.push(T(qx, qy - 0.35, lab.out[0], 0.8, `class="title" data-fit="${m.outW.toFixed(3)}"`));
    parts.push(outGrid(d, m, 0, qx, qy, 0, T));
  }
  return parts.join("");
}

function outGrid(d, m, lane, qx, qy, oi, T) {
  const z = m.outScale, parts = [];
  for (let r = 0; r < d.ho; r++) {
    for (let c = 0; c < d.wo; c++) {
      const v = d.y[oi][r * d.wo + c], s = fmt(v);
      const x = qx + c * z, y = qy + r * z;
      parts.push(`<g class="oc" data-out="${oi}" data-i="${r * d.wo + c}"><rect class="cell out" data-out="${oi}" data-r="${r}" data-c="${c}" x="${x + 0.03 * z}" y="${y + 0.03 * z}" width="${0.94 * z}" height="${0.94 * z}"/>` +
        T(x + z / 2, y + z / 2, s, numFont(s, z), `class="num" data-role="y" data-out="${oi}" data-r="${r}" data-c="${c}"`) + "</g>");
    }
  }
  return parts.join("");
}

// What one output cell needs: per drawn channel the taps (padded coords), x, w, x·w and the partial sum.
function frameOf(d, m, f) {
  const r = Math.floor(f / d.wo), c = f % d.wo;
  const lanes = [];
  for (let j = 0; j < m.L; j++) {
    const taps = [];
    let sum = 0;
    for (let i = 0; i < d.k; i++) {
      for (let jj = 0; jj < d.k; jj++) {
        const pr = r * d.s + i * d.d, pc = c * d.s + jj * d.d;
        const ir = pr - d.p, ic = pc - d.p;
        const x = ir < 0 || ic < 0 || ir >= d.n || ic >= d.n ? 0 : d.x[j][ir * d.n + ic];
        const w = d.w[j][i * d.k + jj];
        const p = x * w;
        sum += p;
        taps.push({ i, j: jj, pr, pc, x, w, p });
      }
    }
    lanes.push({ taps, sum });
  }
  return { r, c, lanes };
}

function outIndexOfLane(d, j) { return d.outs.indexOf(d.lane_out[j]); }

function buildFrame(d, m, a, f, linked) {
  const fr = frameOf(d, m, f);
  const parts = [];
  const T = (x, y, text, size, attrs = "") =>
    `<text x="${x.toFixed(3)}" y="${y.toFixed(3)}" font-size="${size.toFixed(3)}" ${attrs}>${esc(text)}</text>`;
  const cls = linked ? "tap linked" : "tap";
  const ext = (d.k - 1) * d.d + 1;
  for (let j = 0; j < m.L; j++) {
    const [ox, oy] = tileOrigin(m, a, j);
    const gy = oy + 1.2;
    const L = fr.lanes[j];
    // the kernel's extent (dotted) and its taps (red) on the padded input
    parts.push(`<rect class="extent" x="${ox + fr.c * d.s}" y="${gy + fr.r * d.s}" width="${ext}" height="${ext}"/>`);
    for (const tp of L.taps) {
      parts.push(`<rect class="${cls}" data-lane="${j}" data-r="${tp.pr}" data-c="${tp.pc}" x="${ox + tp.pc + 0.06}" y="${gy + tp.pr + 0.06}" width="0.88" height="0.88"/>`);
    }
    const rx = ox + m.N + 0.5, py = gy + 0.8 + d.k + 0.8;
    for (const tp of L.taps) {
      const s = fmt(tp.p);
      parts.push(T(rx + tp.j + 0.5, py + tp.i + 0.5, s, numFont(s, 1), `class="num" data-role="p" data-lane="${j}" data-r="${tp.i}" data-c="${tp.j}"`));
    }
    const sy = py + d.k + 0.85;
    const sumText = "Σ = " + fmt(L.sum);
    parts.push(T(rx, sy, sumText, Math.min(0.75, (m.kc / (0.56 * sumText.length))), `class="num sum" data-role="sum" data-lane="${j}" data-value="${fmt(L.sum)}" data-fit="${(m.kc - 0.1).toFixed(3)}"`));
  }
  // the output cell being computed, and the equation
  const eqFor = (oi, lanesOf, qx, qy, width) => {
    const z = m.outScale;
    parts.push(`<rect class="${linked ? "now linked" : "now"}" x="${qx + fr.c * z + 0.04}" y="${qy + fr.r * z + 0.04}" width="${z - 0.08}" height="${z - 0.08}"/>`);
    const o = d.outs[oi];
    let total = d.bias[oi];
    for (const j of lanesOf) total += fr.lanes[j].sum;
    const y = d.y[oi][f];
    const l1 = d.labels.eq.replace("{o}", o).replace("{r}", fr.r).replace("{c}", fr.c);
    const sums = lanesOf.map((j) => fr.lanes[j].sum).reduce((s, v) => s + v, 0);
    const b = d.bias[oi];
    const l2 = "= " + fmt(sums) + (b < 0 ? " − " + fmt(-b) : " + " + fmt(b)) + " = " + fmt(y);
    const ey = qy + (m.dw ? d.n : m.N) + 0.95;
    parts.push(T(qx, ey, l1, 0.7, `class="eq" data-role="eq1" data-out="${oi}" data-fit="${(width - 0.1).toFixed(3)}"`));
    parts.push(T(qx, ey + 1.05, l2, 0.85, `class="num eq" data-role="eq" data-out="${oi}" data-sum="${fmt(sums)}" data-bias="${fmt(b)}" data-value="${fmt(y)}" data-check="${fmt(total)}" data-fit="${(width - 0.1).toFixed(3)}"`));
  };
  if (m.dw) {
    for (let j = 0; j < m.L; j++) {
      const [qx, qy] = outOrigin(m, a, j);
      eqFor(outIndexOfLane(d, j), [j], qx, qy, d.n + 0.2);
    }
  } else {
    const [qx, qy] = outOrigin(m, a, 0);
    eqFor(0, [...Array(m.L).keys()], qx, qy, m.outW);
  }
  return parts.join("");
}

export default function (component) {
  const { parentElement, data } = component;
  let root = parentElement.querySelector(".dsstage");
  if (!root) {
    root = document.createElement("div");
    root.className = "dsstage";
    root.tabIndex = 0;
    root.setAttribute("role", "group");
    root.innerHTML =
      '<div class="bar">' +
      '<button type="button" class="first">|◀</button><button type="button" class="back">◀ 1</button>' +
      '<button type="button" class="play">▶</button><button type="button" class="step">1 ▶</button>' +
      '<button type="button" class="last">▶|</button>' +
      '<input type="range" class="scrub" min="0" max="0" value="0"/>' +
      '<select class="speed"></select><span class="where"></span><span class="hint"></span></div>' +
      `<svg class="pic" xmlns="${NS}" role="img"><g class="static"></g><g class="links"></g><g class="frame"></g></svg>`;
    parentElement.appendChild(root);
    root.st = { key: "", frame: 0, playing: false, speed: 1, timer: null, preview: null, fed: null, w: 0, h: 0 };
    wire(root);
  }
  const st = root.st;
  const same = JSON.stringify(data);
  if (same === st.dataSig && root.data) return; // a rerun that changed nothing here: touch nothing
  st.dataSig = same;
  root.data = data;
  if (data.key !== st.key) {
    st.key = data.key;
    st.frame = 0;
    st.preview = null;
    st.fed = null;
    if (data.autoplay) st.playing = true;
  }
  labelControls(root);
  layout(root, true);
  if (st.playing) schedule(root);
}

function labelControls(root) {
  const d = root.data, lab = d.labels;
  const q = (s) => root.querySelector(s);
  const set = (s, text) => { const b = q(s); b.setAttribute("aria-label", text); b.title = text; };
  set(".first", lab.first + " (Home)");
  set(".back", lab.back + " (←, PgUp)");
  set(".step", lab.step + " (→, PgDn)");
  set(".last", lab.last + " (End)");
  set(".scrub", lab.scrub);
  set(".speed", lab.speed);
  const speed = q(".speed");
  if (!speed.options.length) {
    for (const s of SPEEDS) { const o = document.createElement("option"); o.value = s; o.textContent = s + "×"; speed.appendChild(o); }
  }
  speed.value = String(root.st.speed);
  q(".hint").textContent = lab.hint + (d.present || d.picture ? "" : " " + lab.hint_focus);
  root.classList.toggle("present", !!(d.present || d.picture));
  root.classList.toggle("picture", !!d.picture);
}

function scrollParent(el) {
  let node = el;
  while (node) {
    node = node.parentElement || (node.getRootNode && node.getRootNode().host) || null;
    if (!node || node === document.body || node === document.documentElement) return null;
    const o = getComputedStyle(node).overflowY;
    if ((o === "auto" || o === "scroll") && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}

function layout(root, force) {
  const d = root.data, st = root.st;
  const svg = root.querySelector("svg.pic");
  const availW = Math.max(200, (st.cw || root.clientWidth) - 2); // the observer's width: no extra layout
  const big = d.present || d.picture;
  const phone = availW < 600;
  let availH = window.innerHeight - 70;
  if (big) { // on a projector the stage fills the screen below where it starts (measured only here: a layout)
    const sp = scrollParent(root);
    const rect = svg.getBoundingClientRect();
    const top = rect.top + (sp ? sp.scrollTop - sp.getBoundingClientRect().top : window.scrollY);
    availH = window.innerHeight - Math.max(0, Math.min(top, window.innerHeight * 0.45)) - 14;
  }
  if (phone) availH = 1e9; // a phone scrolls: the width decides
  const minU = big ? 22 : phone ? 18 : 30;
  const maxU = d.picture ? 160 : 110;
  const sig = [availW, Math.round(availH), d.key, d.labels.chips].join("|");
  if (!force && sig === st.sig) return;
  st.sig = sig;
  let m = model(d, false);
  let a = arrange(m, availW, availH, minU, maxU);
  if (m.dw) { // a depthwise tile may put its output map under the input instead: keep what gives larger cells
    const m2 = model(d, true), a2 = arrange(m2, availW, availH, minU, maxU);
    if (a2.u > a.u + 1e-6 || (Math.abs(a2.u - a.u) < 1e-6 && a2.H * a2.u < a.H * a.u)) { m = m2; a = a2; }
  }
  st.m = m;
  st.a = a;
  svg.setAttribute("viewBox", `0 0 ${a.W.toFixed(3)} ${a.H.toFixed(3)}`);
  svg.setAttribute("width", Math.floor(a.W * a.u));
  svg.setAttribute("height", Math.floor(a.H * a.u));
  svg.setAttribute("aria-label", d.labels.chips);
  svg.querySelector("g.static").innerHTML = buildStatic(d, m, a);
  const scrub = root.querySelector(".scrub");
  scrub.max = String(m.F - 1);
  st.frame = Math.min(st.frame, m.F - 1);
  draw(root, svg.querySelector("g.static"));
}

// Shrink labels that are longer than their room. Widths come from a canvas's measureText in the SVG text's own
// font (no layout of the page: getComputedTextLength made the browser lay the whole page out on every redraw,
// a third of the stage's time after a slider change); text width scales with font size, so one size is measured.
const WEIGHT = { title: "700", sum: "600", eq: "600" };
const widths = new Map();
let pen = null, family = null;
function textWidth(el, text, size) {
  if (!pen) {
    pen = document.createElement("canvas").getContext("2d");
    family = getComputedStyle(el).fontFamily || "sans-serif";
  }
  const weight = WEIGHT[[...el.classList].find((c) => WEIGHT[c])] || "400";
  const key = weight + "|" + text;
  let w = widths.get(key);
  if (w === undefined) {
    pen.font = `${weight} 100px ${family}`;
    w = pen.measureText(text).width / 100;
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w * size;
}
function fitLabels(...groups) {
  for (const g of groups) {
    for (const el of g.querySelectorAll("text[data-fit]")) {
      const room = parseFloat(el.dataset.fit), size = parseFloat(el.getAttribute("font-size"));
      const len = textWidth(el, el.textContent, size);
      if (len > room && len > 0) el.setAttribute("font-size", (size * room / len * 0.97).toFixed(3));
    }
  }
}

function draw(root, fresh) { // fresh: a static layer just built, whose labels are fitted with the frame's
  const d = root.data, st = root.st, m = st.m, a = st.a;
  if (!m) return;
  const svg = root.querySelector("svg.pic");
  const f = st.preview !== null ? st.preview : st.frame;
  const g = svg.querySelector("g.frame");
  g.innerHTML = buildFrame(d, m, a, f, st.preview !== null);
  if (fresh) fitLabels(fresh, g); else fitLabels(g);
  // output cells computed so far (row-major up to the current cell) show their values
  for (const g of svg.querySelectorAll("g.oc")) {
    const i = +g.dataset.i;
    g.classList.toggle("done", i <= st.frame || i === f);
  }
  // input cell linked: the output cells it feeds
  const links = svg.querySelector("g.links");
  let html = "";
  if (st.fed) {
    const [lane, pr, pc] = st.fed;
    const [ox, oy] = tileOrigin(m, a, lane);
    html += `<rect class="src" x="${ox + pc + 0.04}" y="${oy + 1.2 + pr + 0.04}" width="0.92" height="0.92"/>`;
    const oi = m.dw ? outIndexOfLane(d, lane) : 0;
    const [qx, qy] = outOrigin(m, a, m.dw ? lane : 0);
    const z = m.outScale;
    for (const [r, c] of fedBy(d, pr, pc)) {
      html += `<rect class="fed" data-out="${oi}" data-r="${r}" data-c="${c}" x="${qx + c * z + 0.05}" y="${qy + r * z + 0.05}" width="${z - 0.1}" height="${z - 0.1}"/>`;
    }
  }
  links.innerHTML = html;
  const scrub = root.querySelector(".scrub");
  scrub.value = String(st.frame);
  const r = Math.floor(st.frame / d.wo), c = st.frame % d.wo;
  root.querySelector(".where").textContent = `(${r},${c}) · ` +
    d.labels.cell.replace("{f}", st.frame + 1).replace("{n}", m.F);
  const play = root.querySelector(".play");
  play.textContent = st.playing ? "❚❚ " + d.labels.pause : "▶ " + d.labels.play;
  const label = (st.playing ? d.labels.pause : d.labels.play) + " (space)";
  play.setAttribute("aria-label", label);
  play.title = label;
  root.dataset.frame = String(st.frame);
  root.dataset.playing = st.playing ? "1" : "0";
}

// output cells (r, c) whose kernel has a tap on padded input cell (pr, pc)
function fedBy(d, pr, pc) {
  const out = [];
  for (let i = 0; i < d.k; i++) {
    const rr = pr - i * d.d;
    if (rr < 0 || rr % d.s) continue;
    const r = rr / d.s;
    if (r >= d.ho) continue;
    for (let j = 0; j < d.k; j++) {
      const cc = pc - j * d.d;
      if (cc < 0 || cc % d.s) continue;
      const c = cc / d.s;
      if (c < d.wo) out.push([r, c]);
    }
  }
  return out;
}

function go(root, f) {
  const st = root.st, m = st.m;
  if (!m) return;
  st.frame = ((f % m.F) + m.F) % m.F;
  st.preview = null;
  draw(root);
}

function schedule(root) {
  const st = root.st;
  clearTimeout(st.timer);
  if (!st.playing) return;
  st.timer = setTimeout(() => {
    if (!root.isConnected || !st.playing) return;
    go(root, st.frame + 1);
    schedule(root);
  }, BASE_MS / st.speed);
}

function setPlaying(root, on) {
  root.st.playing = on;
  draw(root);
  schedule(root);
}

function onKey(root, e) {
  const k = e.key;
  const st = root.st;
  if (k === "ArrowRight" || k === "PageDown") { setPlaying(root, false); go(root, st.frame + 1); }
  else if (k === "ArrowLeft" || k === "PageUp") { setPlaying(root, false); go(root, st.frame - 1); }
  else if (k === " " || k === "Spacebar") setPlaying(root, !st.playing);
  else if (k === "Home") { setPlaying(root, false); go(root, 0); }
  else if (k === "End") { setPlaying(root, false); go(root, st.m.F - 1); }
  else return;
  e.preventDefault();
  e.stopPropagation();
}

function cellOf(e) {
  for (const el of e.composedPath ? e.composedPath() : [e.target]) {
    if (!el.dataset) continue;
    if (el.classList && el.classList.contains("oc")) return { out: true, i: +el.dataset.i, oi: +el.dataset.out };
    if (el.classList && (el.classList.contains("in") || el.classList.contains("pad") || el.classList.contains("tap")))
      return { out: false, lane: +el.dataset.lane, r: +el.dataset.r, c: +el.dataset.c };
    if (el.tagName === "svg") break;
  }
  return null;
}

function wire(root) {
  const q = (s) => root.querySelector(s);
  q(".first").addEventListener("click", () => { setPlaying(root, false); go(root, 0); });
  q(".back").addEventListener("click", () => { setPlaying(root, false); go(root, root.st.frame - 1); });
  q(".step").addEventListener("click", () => { setPlaying(root, false); go(root, root.st.frame + 1); });
  q(".last").addEventListener("click", () => { setPlaying(root, false); go(root, root.st.m.F - 1); });
  q(".play").addEventListener("click", () => setPlaying(root, !root.st.playing));
  q(".scrub").addEventListener("input", (e) => { setPlaying(root, false); go(root, +e.target.value); });
  q(".speed").addEventListener("change", (e) => { root.st.speed = +e.target.value; schedule(root); });
  root.addEventListener("keydown", (e) => {
    const t = e.composedPath()[0];
    if (t && t.tagName === "SELECT") return; // the speed menu keeps its own keys
    onKey(root, e);
  });
  // presentation / picture: the keys work page-wide (a clicker sends PageDown/PageUp), except in form fields
  if (!window.__dsStageKeys) {
    window.__dsStageKeys = true;
    document.addEventListener("keydown", (e) => {
      const r = window.__dsStage;
      if (!r || !r.isConnected || e.defaultPrevented) return;
      const d = r.data;
      if (!(d.present || d.picture)) return;
      const t = e.composedPath()[0];
      if (t && (/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(t.tagName) || t.isContentEditable ||
          (t.getAttribute && t.getAttribute("role") === "slider"))) return;
      if (r.contains(t)) return; // handled by the stage itself
      onKey(r, e);
    });
  }
  window.__dsStage = root;
  const svg = q("svg.pic");
  svg.addEventListener("pointerover", (e) => {
    if (e.pointerType !== "mouse") return;
    const cell = cellOf(e);
    const st = root.st;
    if (!cell) return;
    if (cell.out) { st.preview = cell.i; st.fed = null; }
    else { st.fed = [cell.lane, cell.r, cell.c]; }
    draw(root);
  });
  svg.addEventListener("pointerleave", (e) => {
    if (e.pointerType !== "mouse") return;
    root.st.preview = null; root.st.fed = null; draw(root);
  });
  svg.addEventListener("click", (e) => { // tap (touch) or click: pin it
    const cell = cellOf(e);
    const st = root.st;
    if (!cell) return;
    if (cell.out) { setPlaying(root, false); st.fed = null; go(root, cell.i); }
    else {
      const same = st.fed && st.fed[0] === cell.lane && st.fed[1] === cell.r && st.fed[2] === cell.c;
      st.fed = same ? null : [cell.lane, cell.r, cell.c];
      draw(root);
    }
  });
  let last = 0;
  new ResizeObserver((entries) => {
    const w = entries[entries.length - 1].contentRect.width;
    root.st.cw = w;
    if (Math.abs(w - last) < 2) return;
    last = w;
    layout(root, false);
  }).observe(root);
  window.addEventListener("resize", () => root.isConnected && layout(root, false));
}

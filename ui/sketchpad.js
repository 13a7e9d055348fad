// Sketchpad: a drawing canvas that fits its column, with always-visible Undo and Clear buttons.
// Pointer events cover mouse, pen and touch alike. After each stroke (and after Undo/Clear) the
// strokes go back to Python as {w, h, pen, paths: [[[x, y], ...], ...]} in canvas pixels; the server
// redraws them with the same round-cap brush, so what the model sees never depends on the browser.
export default function (component) {
  const { parentElement, data, setStateValue } = component;
  const root = parentElement;
  let pad = root.querySelector(".sketchpad");
  if (!pad) {
    pad = document.createElement("div");
    pad.className = "sketchpad";
    pad.innerHTML =
      '<div class="bar"><button type="button" class="undo"></button><button type="button" class="clear"></button></div>' +
      '<canvas class="surface"></canvas>';
    root.appendChild(pad);
    pad.st = { paths: [], w: 0, h: 0, current: null, sent: "" };
  }
  const st = pad.st;
  pad.classList.toggle("big", !!data.big);
  const canvas = pad.querySelector("canvas");
  const undo = pad.querySelector(".undo");
  const clear = pad.querySelector(".clear");
  undo.textContent = "↶ " + data.undo;
  undo.setAttribute("aria-label", data.undo);
  clear.textContent = "✕ " + data.clear;
  clear.setAttribute("aria-label", data.clear);
  const pen = () => (data.pen * st.w) / data.reference;

  function redraw() {
    const ctx = canvas.getContext("2d");
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, st.w, st.h);
    ctx.strokeStyle = "#fff";
    ctx.fillStyle = "#fff";
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth = pen();
    const all = st.current ? st.paths.concat([st.current]) : st.paths;
    for (const p of all) {
      if (p.length === 1) {
        ctx.beginPath();
        ctx.arc(p[0][0], p[0][1], pen() / 2, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(p[0][0], p[0][1]);
      for (const [x, y] of p.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
    }
    undo.disabled = clear.disabled = st.paths.length === 0;
  }

  function send() {
    const value = { w: st.w, h: st.h, pen: Math.round(pen() * 100) / 100, paths: st.paths };
    const text = JSON.stringify(value);
    if (text !== st.sent) {
      st.sent = text;
      setStateValue("strokes", value);
    }
  }

  // A projector: the canvas takes the screen's height left under it (measured once, when it first appears, and
  // again only when the window changes size, so it never changes size while the class watches), at least
  // 42% and at most data.screen of the window's height.
  function screenSide() {
    if (!st.tall || st.tallFor !== window.innerHeight) {
      const top = canvas.getBoundingClientRect().top;
      const h = window.innerHeight;
      st.tall = Math.floor(Math.min(h * data.screen, Math.max(h * 0.42, h - top - 24)));
      st.tallFor = h;
    }
    return st.tall;
  }

  function fit() {
    const avail = Math.floor(pad.clientWidth || data.max);
    const tall = data.screen > 0 ? screenSide() : data.max;
    const side = Math.max(120, Math.min(data.max, avail, tall));
    if (side === st.w) return false;
    if (st.w > 0) {  // keep the drawing when the column changes size
      const k = side / st.w;
      st.paths = st.paths.map((p) => p.map(([x, y]) => [x * k, y * k]));
    }
    st.w = st.h = side;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(side * dpr);
    canvas.height = Math.round(side * dpr);
    canvas.style.width = side + "px";
    canvas.style.height = side + "px";
    redraw();
    return true;
  }

  if (!pad.wired) {
    pad.wired = true;
    if (data.initial && data.initial.paths && data.initial.w) {  // restore after the page was left and reopened
      const k = 1;
      st.w = data.initial.w;
      st.h = data.initial.h;
      st.paths = data.initial.paths;
      st.sent = JSON.stringify(data.initial);
    }
    const at = (e) => {
      const r = canvas.getBoundingClientRect();
      return [((e.clientX - r.left) * st.w) / r.width, ((e.clientY - r.top) * st.h) / r.height];
    };
    canvas.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      st.current = [at(e)];
      redraw();
    });
    canvas.addEventListener("pointermove", (e) => {
      if (!st.current) return;
      e.preventDefault();
      const p = at(e);
      const q = st.current[st.current.length - 1];
      if (Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) >= 1) {
        st.current.push(p);
        redraw();
      }
    });
    const end = (e) => {
      if (!st.current) return;
      st.paths.push(st.current.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]));
      st.current = null;
      redraw();
      send();
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    undo.addEventListener("click", () => { st.paths.pop(); redraw(); send(); });
    clear.addEventListener("click", () => { st.paths = []; redraw(); send(); });
    new ResizeObserver(() => { if (fit() && st.paths.length) send(); }).observe(pad);
    if (data.screen > 0) window.addEventListener("resize", () => { if (fit() && st.paths.length) send(); });
  }
  if (data.reset && data.reset !== pad.reset) {  // the page's own Clear button
    pad.reset = data.reset;
    if (st.paths.length) { st.paths = []; st.sent = ""; }
  }
  st.w = st.w || 0;
  if (!fit()) redraw();
}

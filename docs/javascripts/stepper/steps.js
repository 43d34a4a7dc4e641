// უკუგავლა ნაბიჯ-ნაბიჯ: ნაბიჯ k-ზე გრაფის ტექსტი და მონიშვნა (docs/javascripts/stepper.js ტვირთავს).
// The trace is micrograd.viz.draw_steps's `data-steps` on the <svg>: `g0` the grads before
// backward(), `s` the steps [node, text, [[node, "d" | "g", number], ...]], step 0 the start.
// Step k's labels: every data "?", the grads g0, then the writes of steps 1..k in order.
const traces = new WeakMap(); // svg -> trace

function trace(svg) {
  if (!traces.has(svg)) traces.set(svg, JSON.parse(svg.dataset.steps));
  return traces.get(svg);
}

// გრაფი თავის ყუთში გადაიხვევა (ტელეფონზე, გრძელ გრაფზე): მიმდინარე კვანძი და ის კვანძები,
// რომლებსაც ნაბიჯი წერს, ყუთში ჩანს (თუ ერთად არ ეტევა, შვილები: ისინი მარცხნივ არიან)
function intoView(box, parts) {
  if (!box || box.scrollWidth <= box.clientWidth) return;
  const b = box.getBoundingClientRect();
  const rects = parts.map((p) => p.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const right = Math.max(...rects.map((r) => r.right));
  if (left >= b.left && right <= b.right) return;
  const width = right - left;
  box.scrollLeft += width <= b.width ? left - b.left - (b.width - width) / 2 : left - b.left - 8;
}

function show(stepper, step) {
  const svg = stepper.querySelector("svg[data-steps]");
  const { g0, s } = trace(svg);
  const last = s.length - 1;
  const k = Math.max(0, Math.min(last, step));
  const data = g0.map(() => "?");
  const grad = [...g0];
  const written = new Set();
  s.slice(1, k + 1).forEach(([, , writes], i) => {
    for (const [node, kind, value] of writes) {
      (kind === "d" ? data : grad)[node] = value;
      if (i === k - 1) written.add(node);
    }
  });
  g0.forEach((_, node) => {
    const box = svg.querySelector(`.mg-n${node}`);
    for (const text of box.querySelectorAll("text")) {
      if (text.textContent.startsWith("data ")) text.textContent = `data ${data[node]}`;
      else if (text.textContent.startsWith("grad ")) text.textContent = `grad ${grad[node]}`;
    }
    box.classList.toggle("mg-to", written.has(node) && node !== s[k][0]);
  });
  for (const on of svg.querySelectorAll(".mg-on")) on.classList.remove("mg-on");
  const node = s[k][0];
  if (node >= 0) {
    for (const part of svg.querySelectorAll(`.mg-n${node}, .mg-o${node}, .mg-e${node}`)) {
      part.classList.add("mg-on");
    }
    intoView(svg.closest(".mg-figure"), [...svg.querySelectorAll(`.mg-n${node}, .mg-to`)]);
  }
  stepper.dataset.step = k;
  stepper.querySelector("[data-step-count]").textContent = `ნაბიჯი ${k} / ${last}`; // hooks/stepper.py
  stepper.querySelector("[data-step-text]").textContent = s[k][1];
  for (const button of stepper.querySelectorAll("[data-step-go]")) {
    const back = button.dataset.stepGo === "first" || button.dataset.stepGo === "prev";
    button.setAttribute("aria-disabled", String(back ? k === 0 : k === last));
  }
}

// ახალი გრაფი (▶ გაშვების შემდეგ): აწყობის ჩარჩოს ასლი (`original`, app.js-ის შენახული) ახალი გრაფით
export function renew(output, original) {
  const shell = original && original.querySelector("[data-backprop-stepper]");
  for (const svg of output.querySelectorAll("svg[data-steps]")) {
    if (!shell || svg.closest("[data-backprop-stepper]")) continue;
    const box = svg.closest(".mg-figure") || svg;
    const stepper = shell.cloneNode(true);
    box.replaceWith(stepper);
    stepper.querySelector(".mg-figure").replaceWith(box);
    show(stepper, 0);
  }
}

export function go(stepper, where) {
  const k = Number(stepper.dataset.step) || 0;
  const last = trace(stepper.querySelector("svg[data-steps]")).s.length - 1;
  return show(stepper, { first: 0, prev: k - 1, next: k + 1, last }[where]);
}

// ბეჭდვისას ნაბიჯი 0 (ღილაკები ქაღალდზე არ ჩანს), მერე მკითხველის ნაბიჯი ბრუნდება. Here, not in
// stepper.js: a stepper leaves step 0 only after this module loaded.
const printed = new Map();
addEventListener("beforeprint", () => {
  for (const s of document.querySelectorAll("[data-backprop-stepper]")) {
    const step = +s.dataset.step;
    if (step) {
      printed.set(s, step);
      show(s, 0);
    }
  }
});
addEventListener("afterprint", () => {
  for (const [s, step] of printed) if (s.isConnected) show(s, step);
  printed.clear();
});

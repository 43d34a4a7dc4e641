// სავარჯიშოები, პირველი გამოყენებისას (docs/javascripts/exercises.js ტვირთავს): პასუხის ველების
// შემოწმება Python-ის გარეშე, პროგრესი (ამოხსნილი სავარჯიშოები) და შენახული კოდი. ყველაფერი
// ბრაუზერში რჩება (localStorage); თუ ის დაბლოკილია, ყველაფერი მუშაობს, მხოლოდ მეხსიერების გარეშე.
// A code exercise's check and shared links load the runner's app.js on first use.
const app = new URL("../../assets/runner/app.js", import.meta.url).href;
const get = (key) => { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } };
const put = (key, value) => {
  try { value === null ? localStorage.removeItem(key) : localStorage.setItem(key, JSON.stringify(value)); } catch {}
};
const solved = () => get("mg-solved") || {};
const name = (box) => `${box.dataset.page}/${box.dataset.exercise}`;

// ამოხსნილი სავარჯიშოების ნიშნები და „ამოხსნილია N/M“ (გაკვეთილზეც და მთავარ გვერდზეც)
function paint() {
  const done = solved();
  for (const box of document.querySelectorAll("[data-exercise]")) {
    box.toggleAttribute("data-solved", !!done[name(box)]);
    const title = document.querySelector(`[data-exercise-title="${box.dataset.exercise}"]`);
    if (title) title.toggleAttribute("data-solved", !!done[name(box)]);
  }
  for (const line of document.querySelectorAll("[data-exercise-progress]")) {
    const key = line.dataset.exerciseProgress;
    const count = Object.keys(done).filter((k) => k.startsWith(key + "/")).length;
    line.textContent = `ამოხსნილია ${count}/${line.dataset.total}`;
    if (line.tagName === "P" && Object.keys(done).length) {
      const clear = line.appendChild(document.createElement("button"));
      clear.type = "button";
      clear.className = "md-button";
      clear.dataset.exerciseAction = "clear";
      clear.textContent = "პროგრესის წაშლა";
    }
  }
}

function show(box, pass, text) {
  const out = box.querySelector("[data-exercise-result]");
  out.dataset.state = pass ? "pass" : "fail";
  out.textContent = `${pass ? "✓" : "✗"} ${text}`;
  if (pass) put("mg-solved", { ...solved(), [name(box)]: 1 });
  paint();
}

// „−2.0“, „-2“, „2,5“ -> რიცხვი; ცარიელი ან სხვა ტექსტი -> NaN
const number = (text) => (text.trim() ? Number(text.trim().replace(/[−–]/g, "-").replace(",", ".")) : NaN);

// პასუხის სავარჯიშო: ყოველი ველი რიცხვია და დასაშვები ცდომილების (tolerance) ფარგლებშია
function answers(box) {
  const tolerance = Number(box.dataset.tolerance);
  for (const input of box.querySelectorAll("input[data-answer]")) {
    const label = input.getAttribute("aria-label");
    const got = number(input.value);
    const want = Number(input.dataset.answer);
    if (Number.isNaN(got)) return show(box, false, `${label}: აქ რიცხვი უნდა ეწეროს.`);
    if (Math.abs(got - want) > tolerance * Math.max(1, Math.abs(want))) {
      return show(box, false, `${label} არასწორია. ${input.dataset.hint}`.trim());
    }
  }
  return show(box, true, "ყველა პასუხი სწორია!");
}

// კოდის სავარჯიშო: შემოწმებას runner-ის app.js უშვებს (Pyodide), პასუხი [გავიდა?, ტექსტი]-ია
async function code(box) {
  const out = box.querySelector("[data-exercise-result]");
  delete out.dataset.state;
  out.textContent = "მოწმდება…";
  const verdict = await (await import(app)).check(box.querySelector("[data-run-block]"));
  if (verdict) show(box, verdict[0], verdict[1]);
}

// ღილაკი „შემოწმება“ ან „პროგრესის წაშლა“ (`data-exercise-action`)
export function click(button) {
  if (button.dataset.exerciseAction === "clear") return put("mg-solved", null), paint();
  const box = button.closest("[data-exercise]");
  return box.querySelector("input[data-answer]") ? answers(box) : code(box);
}

// Enter პასუხის ველში
export function enter(input) {
  const box = input.closest("[data-exercise]");
  if (box) answers(box);
}

// ყოველ გვერდზე (Material-ის მყისიერი გადასვლის შემდეგაც): პროგრესი, შენახული და გაზიარებული კოდი
export function page() {
  paint();
  for (const block of document.querySelectorAll("[data-run-block]")) {
    const saved = get(`mg-code:${block.dataset.runPage}/${block.dataset.runBlock}`);
    const text = block.querySelector("code[contenteditable]");
    if (typeof saved === "string" && text) {
      text.textContent = saved;
      block.dataset.edited = "";
    }
  }
  if (location.hash.startsWith("#share=")) import(app).then((m) => m.loadShared());
}

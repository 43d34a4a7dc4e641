// გაშვების ნაწილი, რომელიც მხოლოდ პირველი დაწკაპუნებისას ჩამოიტვირთება (docs/javascripts/runner.js).
// CodeMirror-ის რედაქტორი, ერთი Web Worker ვიზიტზე (Pyodide), შედეგის ჩვენება.
//
// Loaded on first use by the small page script. One worker per visit: Material's instant
// navigation keeps this module, and so the worker, alive from page to page.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import DOMPurify from "dompurify";
import LZString from "lz-string";

const here = new URL(".", import.meta.url);
const MB = (bytes) => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0).replace(".0", "");

let manifest;
const pages = new Map(); // page key -> Promise<blocks>
const editors = new WeakMap(); // block element -> EditorView
const originals = new WeakMap(); // block element -> the build's output (a clone)
let worker = null; // {worker, ready: Promise}
let running = null; // {block, resolve}
const checks = new Map(); // page key -> Promise<{exercise id: check code}>
const SHARE_LIMIT = 20000; // bytes of code a link may carry

// localStorage may be blocked (private mode, settings): then nothing is remembered, all else works
const store = {
  get: (key) => { try { return localStorage.getItem(key); } catch { return null; } },
  set: (key, value) => {
    try { value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value); } catch {}
  },
};
const savedKey = (block) => `mg-code:${block.dataset.runPage}/${block.dataset.runBlock}`;
let quiet = false; // a shared link's code is shown, not saved as the reader's own

async function getManifest() {
  manifest ||= await (await fetch(new URL("manifest.json", here))).json();
  return manifest;
}

function pageBlocks(key) {
  if (!pages.has(key)) {
    const url = new URL(`pages/${key}.json`, here);
    pages.set(key, fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(url)))));
  }
  return pages.get(key);
}

// ---------------------------------------------------------------- editor

// Material-ის კოდის ფერები (ნათელი და ბნელი თემა ერთად: CSS-ის ცვლადები)
const colors = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.operatorKeyword],
    color: "var(--md-code-hl-keyword-color)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--md-code-hl-string-color)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--md-code-hl-number-color)" },
  { tag: tags.comment, color: "var(--md-code-hl-comment-color)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)],
    color: "var(--md-code-hl-function-color)" },
  { tag: [tags.standard(tags.variableName), tags.className], color: "var(--md-code-hl-constant-color)" },
  { tag: [tags.operator, tags.punctuation], color: "var(--md-code-hl-operator-color)" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-code-fg-color)" },
  ".cm-content": { fontFamily: "var(--md-code-font-family)", caretColor: "var(--md-code-fg-color)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", border: "none",
                   color: "var(--md-default-fg-color--lighter)" },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)" },
});

function staticCode(block) {
  return block.querySelector("code[contenteditable]");
}

function caretOffset(code) {
  const selection = getSelection();
  if (!selection.rangeCount || !code.contains(selection.anchorNode)) return null;
  const range = document.createRange();
  range.selectNodeContents(code);
  range.setEnd(selection.anchorNode, selection.anchorOffset);
  return range.toString().length;
}

// აწყობილი (სტატიკური) კოდი -> CodeMirror, მკითხველის ჩასწორებებითა და კურსორით
function editor(block) {
  if (editors.has(block)) return editors.get(block);
  const code = staticCode(block);
  const text = code.textContent.replace(/\n$/, "");
  const caret = caretOffset(code);
  const focused = document.activeElement === code;
  const view = new EditorView({
    state: EditorState.create({
      doc: text,
      selection: { anchor: Math.min(caret ?? 0, text.length) },
      extensions: [
        lineNumbers(), history(), indentOnInput(), python(), syntaxHighlighting(colors), theme,
        EditorView.lineWrapping,
        EditorView.cspNonce.of("codemirror"), // CodeMirror-ის <style>: hooks/csp.py-ის style-src
        EditorView.updateListener.of((update) => {
          if (!update.docChanged || quiet) return;
          store.set(savedKey(block), JSON.stringify(update.state.doc.toString()));
          block.dataset.edited = "";
        }),
        EditorView.editorAttributes.of({ class: "mg-run-editor" }), // CodeMirror owns its class
        EditorView.contentAttributes.of({ "aria-label": code.getAttribute("aria-label") }),
        keymap.of([
          { key: "Mod-Enter", run: () => (act(block, "run"), true) },
          indentWithTab, ...defaultKeymap, ...historyKeymap,
        ]),
      ],
    }),
  });
  code.closest(".highlight").replaceWith(view.dom);
  editors.set(block, view);
  if (focused || caret !== null) view.focus();
  return view;
}

function currentCode(block) {
  const view = editors.get(block);
  const text = view ? view.state.doc.toString() : staticCode(block).textContent;
  return text.replace(/\s+$/, "") + "\n";
}

// ---------------------------------------------------------------- worker

function status(block, text) {
  block.querySelector("[data-run-status]").textContent = text;
}

const loadingText = () => `Python იტვირთება (ერთხელ, ≈ ${MB(manifest.download_bytes)} MB)…`;

function startWorker(block) {
  // blob:-ით დაწყებული worker-ი გვერდის უსაფრთხოების წესს (CSP, hooks/csp.py) იღებს; URL-ით
  // გაშვებულს კი საკუთარი HTTP-სათაურები ექნებოდა, ანუ წესის გარეშე დარჩებოდა
  const boot = `import ${JSON.stringify(new URL("worker.js", here).href)};`;
  const bootURL = URL.createObjectURL(new Blob([boot], { type: "text/javascript" }));
  const w = new Worker(bootURL, { type: "module" });
  let started = false;
  const ready = new Promise((resolve, reject) => {
    w.onmessage = ({ data }) => {
      URL.revokeObjectURL(bootURL); // worker-ი უკვე ჩაიტვირთა
      if (data.type === "progress" && running) {
        const percent = Math.round((100 * data.loaded) / data.total);
        status(running.block, percent < 100 ? `${loadingText()} ${percent}%` : "Python ემზადება…");
      } else if (data.type === "ready") {
        console.info("runner: ready", JSON.stringify(data.timings));
        started = true;
        if (worker && worker.worker === w) worker.started = true;
        resolve();
      } else if (data.type === "failed" && started && running) {
        // Python itself broke during a run (not the reader's exception): a fresh worker next time
        stopWorker();
        running.resolve({ out: "", cut: false, figures: [], error: data.message,
                          failed: running.block.dataset.runBlock });
      } else if (data.type === "failed") {
        reject(new Error(data.message));
      } else if (data.type === "result" && running) {
        running.resolve(data);
      }
    };
    w.onerror = (event) => reject(new Error(event.message || "worker"));
  });
  w.postMessage({ type: "init", manifest });
  if (block) status(block, loadingText());
  return { worker: w, ready };
}

// მკითხველი კოდს შეეხო ან ▶-ზე გაჩერდა (docs/javascripts/runner.js): Python-ი წინასწარ იწყება,
// რომ დაწკაპუნებისას უკვე მზად იყოს. შეცდომას აქ არ ვაჩვენებთ: გაშვება თავად იტყვის.
export async function warm() {
  if (worker) return;
  await getManifest();
  if (worker) return;
  worker = startWorker(null);
  const mine = worker;
  mine.ready.catch(() => worker === mine && !running && stopWorker());
}

function stopWorker() {
  if (worker) worker.worker.terminate();
  worker = null;
}

// ---------------------------------------------------------------- output

function pre(text, className) {
  const box = document.createElement("pre");
  const code = box.appendChild(document.createElement("code"));
  code.textContent = text;
  if (className) box.className = className;
  return box;
}

function note(text) {
  const p = document.createElement("p");
  p.className = "mg-run-note";
  p.textContent = text;
  return p;
}

// მკითხველის კოდის გამომავალი ტექსტი გვერდზე მხოლოდ ტექსტად ჩაისმის; გამონაკლისია draw_svg-ის
// SVG html="true" ბლოკში, ისიც DOMPurify-ით გასუფთავებული (სკრიპტის, ბმულის და on*-ის გარეშე).
// ჩარჩო (კლასი, ზომა) უკვე Python-მა გაუკეთა, აწყობის ფუნქციით (tooling/figure.py, run.py):
// აქ მხოლოდ ვასუფთავებთ და ვსვამთ.
function figure(framed) {
  return DOMPurify.sanitize(framed, {
    USE_PROFILES: { svg: true, html: true },
    FORBID_TAGS: ["a", "style", "foreignObject", "image", "use", "animate", "set", "form"],
    FORBID_ATTR: ["href", "xlink:href"],
    RETURN_DOM_FRAGMENT: true,
  });
}

function show(block, mode, result) {
  const output = block.querySelector("[data-run-output]");
  const parts = [];
  let text = result.out;
  if (mode === "html") {
    for (const [svg, framed] of result.figures) {
      const at = text.indexOf(svg);
      if (at < 0) continue;
      if (text.slice(0, at).trim()) parts.push(pre(text.slice(0, at)));
      parts.push(figure(framed));
      text = text.slice(at + svg.length);
    }
  }
  if (text.trim()) parts.push(pre(text));
  if (result.cut) parts.push(note("გამომავალი ტექსტი ძალიან გრძელია: ნაჩვენებია მხოლოდ დასაწყისი."));
  if (result.error) {
    if (result.failed !== block.dataset.runBlock) {
      parts.push(note(`ზემოთა ბლოკი „${result.failed}“ შეცდომით დასრულდა:`));
    }
    parts.push(pre(result.error, "mg-run-error"));
  }
  output.replaceChildren(...parts);
  // უკუგავლის ნაბიჯების გრაფს ღილაკები docs/javascripts/stepper.js-მა დაუბრუნოს (აწყობის ჩარჩოთი)
  output.dispatchEvent(new CustomEvent("mg-run-output", { bubbles: true, detail: originals.get(block) }));
}

// ---------------------------------------------------------------- actions

async function run(block, check) {
  if (running && !running.block.isConnected) stop(running.block); // a run left on another page
  if (running) {
    status(block, running.block === block ? "უკვე მუშაობს…" : "ჯერ სხვა ბლოკი მუშაობს: შეაჩერე ის.");
    return;
  }
  const id = block.dataset.runBlock;
  const started = performance.now();
  const stop = block.querySelector('[data-run-action="stop"]');
  const result = new Promise((resolve) => (running = { block, resolve }));
  stop.hidden = false;
  try {
    await getManifest();
    const blocks = (await pageBlocks(block.dataset.runPage)).blocks;
    const index = blocks.findIndex((b) => b.id === id);
    const chain = blocks
      .slice(0, index + 1)
      .filter((b) => b.session === blocks[index].session && b.clean)
      .map((b) => {
        const shown = document.querySelector(`[data-run-block="${CSS.escape(b.id)}"]`);
        return [b.id, shown ? currentCode(shown) : b.code];
      });
    if (!originals.has(block)) {
      originals.set(block, block.querySelector("[data-run-output]").cloneNode(true));
    }
    if (worker && !worker.started) status(block, loadingText()); // warm() started it
    worker ||= startWorker(block);
    await worker.ready;
    status(block, "მუშაობს…");
    worker.worker.postMessage({ type: "run", chain, check });
    const data = await result;
    show(block, block.dataset.runMode, data);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    status(block, data.error ? `შეცდომა (${seconds} წმ)` : `მზადაა (${seconds} წმ)`);
    return data;
  } catch (error) {
    if (running && running.block === block && !running.stopped) {
      stopWorker();
      status(block, "ვერ გაეშვა: " + error.message.split("\n")[0]);
      console.warn(error);
    }
  } finally {
    if (running && running.block === block) running = null;
    stop.hidden = true;
  }
}

function stop(block) {
  if (!running || running.block !== block) return;
  running.stopped = true;
  stopWorker(); // შემდეგი გაშვება სუფთა worker-ით დაიწყება
  running = null;
  block.querySelector("[data-run-output]").replaceChildren(note("შეჩერებულია."));
  status(block, "შეჩერებულია");
  block.querySelector('[data-run-action="stop"]').hidden = true;
  const verdict = block.closest("[data-exercise]")?.querySelector("[data-exercise-result]");
  if (verdict) verdict.textContent = "";
}

async function reset(block) {
  await getManifest();
  const blocks = (await pageBlocks(block.dataset.runPage)).blocks;
  const original = blocks.find((b) => b.id === block.dataset.runBlock).code.replace(/\n$/, "");
  const view = editor(block);
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: original } });
  store.set(savedKey(block), null);
  delete block.dataset.edited;
  delete block.dataset.shared;
  if (originals.has(block)) {
    block.querySelector("[data-run-output]").replaceWith(originals.get(block).cloneNode(true));
  }
  status(block, "საწყისი კოდი აღდგა");
}

// ---------------------------------------------------------------- exercises and links

function exerciseChecks(key) {
  if (!checks.has(key)) {
    const url = new URL(`exercises/${key}.json`, here);
    checks.set(key, fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(url)))));
  }
  return checks.get(key);
}

// სავარჯიშოს შემოწმება: ბლოკი მკითხველის კოდით, მერე დამალული შემოწმება; [გაიარა, ტექსტი]
export async function check(block) {
  const id = block.closest("[data-exercise]").dataset.exercise;
  const code = (await exerciseChecks(block.dataset.runPage))[id];
  const data = await run(block, code);
  return data ? data.check : null;
}

function shareField(block) {
  let field = block.querySelector("[data-share-url]");
  if (!field) {
    field = document.createElement("input");
    field.type = "text";
    field.readOnly = true;
    field.className = "mg-share-url";
    field.setAttribute("data-share-url", "");
    field.setAttribute("aria-label", "ბმული ამ კოდით");
    block.querySelector(".mg-run-bar").after(field);
  }
  return field;
}

function share(block) {
  const code = currentCode(block);
  const bytes = new TextEncoder().encode(code).length;
  if (bytes > SHARE_LIMIT) {
    status(block, `კოდი ბმულისთვის დიდია (${Math.round(bytes / 1000)} KB, ზღვარი 20 KB): ბმული არ შეიქმნა.`);
    return;
  }
  const packed = LZString.compressToEncodedURIComponent(`${code.length}\n${code}`);
  const url = `${location.href.split("#")[0]}#share=${block.dataset.runBlock}.${packed}`;
  const field = shareField(block);
  field.value = url;
  field.select();
  const copied = navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject();
  copied.then(
    () => status(block, "ბმული ბუფერშია (clipboard)"),
    () => status(block, "ბმული ქვემოთ ველშია: დააკოპირე"),
  );
}

// `#share=<block id>.<lz-string>`: the code (its length, a newline, the text) goes into the block
// as text only; a damaged link leaves the lesson's code and says so
export function loadShared() {
  const rest = decodeURIComponent(location.hash.slice("#share=".length));
  const dot = rest.indexOf(".");
  const id = dot < 0 ? rest : rest.slice(0, dot);
  const block = document.querySelector(`[data-run-block="${CSS.escape(id)}"]`);
  if (!block) return;
  block.scrollIntoView({ block: "center" });
  let text = null;
  try {
    text = dot < 0 ? null : LZString.decompressFromEncodedURIComponent(rest.slice(dot + 1));
  } catch { text = null; }
  const cut = text ? text.indexOf("\n") : -1;
  const code = cut > 0 ? text.slice(cut + 1) : null;
  if (code === null || String(code.length) !== text.slice(0, cut)) {
    status(block, "ბმული დაზიანებულია ან ბოლომდე არ არის: გაზიარებული კოდი ვერ წავიკითხე. ნაჩვენებია გაკვეთილის კოდი.");
    return;
  }
  const view = editor(block);
  quiet = true;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code.replace(/\n$/, "") } });
  quiet = false;
  block.dataset.shared = "";
  status(block, "გაზიარებული კოდი: ↺ საწყისი კოდი გაკვეთილის კოდს დააბრუნებს");
}

export function act(block, action) {
  if (action === "share") return share(block);
  if (action === "run") return run(block);
  if (action === "stop") return stop(block);
  if (action === "reset") return reset(block);
  if (action === "edit") return editor(block);
  return undefined;
}

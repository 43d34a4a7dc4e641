// Web Worker: Python (Pyodide) და Graphviz (viz.js) აქ მუშაობს, გვერდისგან განცალკევებით.
// გაუთავებელი ციკლი გვერდს ვერ გაყინავს: „შეჩერება“ ამ worker-ს ანადგურებს (terminate).
//
// Messages in:  {type: "init", manifest}  then  {type: "run", chain: [[id, code], ...], check?}
// Messages out: {type: "progress", loaded, total}, {type: "ready"}, {type: "result", ...},
//               {type: "failed", message}
import { instance as vizInstance } from "@viz-js/viz";
import runSource from "./run.py";
import figureSource from "../../tooling/figure.py"; // the build's figure frame, the same code
import checkSource from "../../tooling/check.py"; // an exercise's verdict, as at build

const here = new URL(".", import.meta.url); // worker-ი blob:-ით იწყება (app.js)
let ready;

// ჩამოტვირთვის პროგრესი: Pyodide თავის ფაილებს fetch-ით იღებს; ბაიტებს პასუხის ასლზე
// (clone) ვითვლით, Pyodide კი თავად პასუხს იღებს: ასე ბრაუზერი wasm-ის კომპილირებულ კოდს
// ინახავს (code cache) და შემდეგ ვიზიტზე Python-ი უფრო სწრაფად იწყება.
function countingFetch(total) {
  const fetch = self.fetch.bind(self);
  let loaded = 0;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        loaded += value.byteLength;
        self.postMessage({ type: "progress", loaded, total });
      }
    })().catch(() => {});
    return response;
  };
}

const timings = {}; // ms since the worker started, per step (measure.py reads them)
const mark = (step) => (timings[step] = Math.round(performance.now()));

async function start(manifest) {
  self.fetch = countingFetch(manifest.fetched_bytes);
  const indexURL = new URL(manifest.pyodide, here).href;
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const [pyodide, viz] = await Promise.all([
    loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} }).then((p) => {
      mark("python");
      return p;
    }),
    vizInstance().then((v) => {
      mark("graphviz");
      return v;
    }),
  ]);
  pyodide.registerJsModule("mg_viz", {
    render: (source, engine, format) => viz.renderString(source, { engine, format }),
  });
  await pyodide.loadPackage(manifest.wheels.map((w) => new URL(w, here).href));
  mark("wheels");
  pyodide.FS.writeFile("/home/pyodide/mg_figure.py", figureSource);
  pyodide.FS.writeFile("/home/pyodide/mg_check.py", checkSource);
  pyodide.FS.writeFile("/home/pyodide/mg_run.py", runSource);
  const runner = pyodide.pyimport("mg_run");
  mark("micrograd");
  return runner;
}

self.onmessage = async ({ data }) => {
  try {
    if (data.type === "init") {
      ready = start(data.manifest);
      await ready;
      self.postMessage({ type: "ready", timings });
    } else if (data.type === "run") {
      const runner = await ready;
      const proxy = await runner.run(data.chain, data.check ?? null); // run.py: ბლოკში `await`-იც შეიძლება
      const result = proxy.toJs({ dict_converter: Object.fromEntries });
      proxy.destroy();
      self.postMessage({ type: "result", ...result });
    }
  } catch (error) {
    self.postMessage({ type: "failed", message: String(error && error.stack ? error.stack : error) });
  }
};

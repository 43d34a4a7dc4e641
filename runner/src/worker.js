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

const here = new URL(".", self.location.href);
let ready;

// ჩამოტვირთვის პროგრესი: Pyodide თავის ფაილებს fetch-ით იღებს; ბაიტებს ვითვლით.
function countingFetch(total) {
  const fetch = self.fetch.bind(self);
  let loaded = 0;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const counter = new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        self.postMessage({ type: "progress", loaded, total });
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
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
      const proxy = runner.run(data.chain, data.check ?? null);
      const result = proxy.toJs({ dict_converter: Object.fromEntries });
      proxy.destroy();
      self.postMessage({ type: "result", ...result });
    }
  } catch (error) {
    self.postMessage({ type: "failed", message: String(error && error.stack ? error.stack : error) });
  }
};

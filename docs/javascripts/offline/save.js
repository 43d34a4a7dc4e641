// საიტი ინტერნეტის გარეშე, პირველი გამოყენებისას (docs/javascripts/offline.js ტვირთავს):
// ღილაკი „ოფლაინისთვის შენახვა“ ყველაფერს ჩამოტვირთავს და MB-ებში აჩვენებს, რამდენი დარჩა;
// შეტყობინება, როცა საიტის ახალი ვერსია მოვიდა. A failing service worker never breaks the page:
// every step is caught and the site keeps working online.
const root = new URL("../../", import.meta.url);
const sw = navigator.serviceWorker; // http://<LAN IP>-ზე (არა https/localhost) არ არსებობს
const MB = (bytes) => (bytes / 1e6).toFixed(1);
let state = ""; // სტატუსის ტექსტი: instant navigation-ი ძირს ცვლის, ახალ ძირს ისევ ეწერება
let busy = false;

export function show(text = state) {
  state = text;
  for (const el of document.querySelectorAll("[data-offline-status]")) el.textContent = text;
}

// ---------------------------------------------------------------- update notice
export function notice(registration) {
  if (document.querySelector(".mg-update")) return;
  const box = document.createElement("div");
  box.className = "mg-update md-typeset";
  box.setAttribute("role", "status");
  Object.assign(box.style, {
    position: "fixed", insetBlockEnd: "1rem", insetInlineStart: "1rem", zIndex: 5,
    padding: ".6rem .8rem", borderRadius: ".2rem", maxWidth: "90vw",
    background: "var(--md-default-bg-color)", color: "var(--md-default-fg-color)",
    boxShadow: "var(--md-shadow-z2)",
  });
  box.append("საიტის ახალი ვერსია მზადაა. ");
  const button = box.appendChild(document.createElement("button"));
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "განახლება";
  button.addEventListener("click", () => {
    const waiting = registration.waiting;
    if (!waiting) return location.reload();
    sw.addEventListener("controllerchange", () => location.reload(), { once: true });
    waiting.postMessage({ type: "SKIP_WAITING" });
  });
  document.body.append(box);
}

// ---------------------------------------------------------------- the offline download
// the worker being installed keeps everything, or fails (a file missing): never wait forever
const installed = (registration) => new Promise((resolve, reject) => {
  const w = registration.installing;
  if (!w) return resolve();
  w.addEventListener("statechange", () => {
    if (w.state === "installed" || w.state === "activated") resolve();
    if (w.state === "redundant") reject(new TypeError("the service worker did not install"));
  });
});

// `register`: offline.js-ის ფუნქცია, რომელიც service worker-ს არეგისტრირებს და განახლებას უთვალთვალებს
export async function save(register) {
  if (busy) return;
  if (!sw || !window.caches) {
    show("ამ მისამართზე შენახვა ვერ ხერხდება (საჭიროა https ან localhost). საიტი ინტერნეტით მუშაობს.");
    return;
  }
  busy = true;
  try {
    const info = await (await fetch(new URL("offline.json", root), { cache: "no-cache" })).json();
    const total = info.precache_bytes + info.runner.reduce((sum, [, size]) => sum + size, 0);
    show(`ინახება: გვერდები… (სულ ${MB(total)} MB)`);
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    const registration = await register();
    await installed(registration); // every page, style, script, font and the search index
    await sw.ready;
    let loaded = info.precache_bytes;
    const cache = await caches.open(info.runner_cache);
    for (const [path, size] of info.runner) {
      const url = new URL(path, root).href;
      show(`ინახება: ${MB(loaded)} / ${MB(total)} MB`);
      if (await cache.match(url)) {
        loaded += size;
        continue;
      }
      const response = await fetch(url, { cache: "no-cache" });
      if (!response.ok) throw new TypeError(`${response.status} ${path}`);
      const chunks = [];
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        show(`ინახება: ${MB(loaded)} / ${MB(total)} MB`);
      }
      const body = new Blob(chunks, { type: response.headers.get("Content-Type") || "" });
      await cache.put(url, new Response(body, { headers: response.headers }));
    }
    show(`მზადაა: ${MB(total)} MB შენახულია, საიტი ინტერნეტის გარეშეც გაიხსნება.`);
  } catch (error) {
    const full = error && (error.name === "QuotaExceededError" || /quota/i.test(error.message));
    show(full
      ? "მოწყობილობაზე ადგილი არ კმარა: საიტი ოფლაინისთვის ვერ შეინახა. ინტერნეტით ისევ მუშაობს."
      : "ჩამოტვირთვა შეწყდა (კავშირი გაწყდა?). საიტი ინტერნეტით ისევ მუშაობს; სცადე ხელახლა.");
    console.warn("offline:", error);
  } finally {
    busy = false;
  }
}

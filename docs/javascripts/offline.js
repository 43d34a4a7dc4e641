// ოფლაინ რეჟიმი (hooks/offline.py): service worker-ი; ღილაკი „ოფლაინისთვის შენახვა“ და
// განახლების შეტყობინება offline/save.js-შია, პირველი გამოყენებისას.
(() => {
  const here = document.currentScript.src;
  const root = new URL("../", here);
  const sw = navigator.serviceWorker; // http://<LAN IP>-ზე (არა https/localhost) არ არსებობს
  let loading;
  const load = () => (loading ||= import(new URL("offline/save.js", here)));
  const register = () =>
    sw.register(new URL("sw.js", root), { scope: root.pathname }).then((reg) => {
      const tell = () => sw.controller && load().then((m) => m.notice(reg));
      if (reg.waiting) tell();
      reg.addEventListener("updatefound", () => {
        const fresh = reg.installing;
        fresh && fresh.addEventListener("statechange", () => fresh.state === "installed" && tell());
      });
      return reg;
    });

  document.addEventListener("click", (event) => {
    if (event.target.closest?.("[data-offline-save]")) load().then((m) => m.save(sw && register));
  });
  // instant navigation-ი ძირს ცვლის: ახალ ძირში ბოლო სტატუსი ბრუნდება
  document$.subscribe(() => loading && load().then((m) => m.show()));

  // ჩატვირთვიდან წამში; saveData-სას მხოლოდ ღილაკით
  if (!sw || (navigator.connection && navigator.connection.saveData && !sw.controller)) return;
  const start = () => setTimeout(() => register().catch((e) => console.warn("offline:", e)), 1000);
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
})();

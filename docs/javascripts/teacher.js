// მასწავლებლისთვის (hooks/teacher.py, extra.css): `?print=worksheet|key` ფურცლის რეჟიმს რთავს
// (ზოლი: teacher/sheet.js); პროექტორის ხედი ვიზიტის ბოლომდე ახსოვს (sessionStorage, თუ ნებადართულია).
(() => {
  const root = document.documentElement;
  const url = new URL("teacher/sheet.js", document.currentScript.src);
  const KEY = "mg-projector";
  const store = (use) => {
    try {
      return use(sessionStorage);
    } catch {}
  };
  const remember = (on) => store((s) => (on ? s.setItem(KEY, "1") : s.removeItem(KEY)));
  const project = (on) => {
    root.toggleAttribute("data-mg-projector", on);
    document.querySelector(".mg-projector")?.setAttribute("aria-pressed", on);
  };

  document$.subscribe(() => {
    const query = new URLSearchParams(location.search);
    const sheet = query.get("print");
    if (/^(worksheet|key)$/.test(sheet) && document.querySelector(".md-content__inner #savarjishoebi")) {
      root.dataset.mgSheet = sheet;
      import(url).then((m) => m.sheet());
    } else delete root.dataset.mgSheet;

    if (query.has("projector")) remember(query.get("projector") !== "0");
    const header = document.querySelector(".md-header__inner");
    if (header && !header.querySelector(".mg-projector")) {
      const button = document.createElement("button");
      button.className = "md-header__button md-icon mg-projector";
      button.type = "button";
      button.title = "პროექტორის ხედი (დიდი ტექსტი)";
      button.setAttribute("aria-label", button.title);
      button.innerHTML =
        '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 3h20v2h-1v9H3V5H2zm2 2v7h16V5zm7 10h2v2.3l3.8 3.7-1.4 1.4-3.4-3.4-3.4 3.4-1.4-1.4L11 17.3z"/></svg>';
      button.onclick = () => {
        const on = !root.hasAttribute("data-mg-projector");
        remember(on);
        project(on);
      };
      const search = header.querySelector(".md-search");
      search ? search.before(button) : header.append(button);
    }
    project(store((s) => s.getItem(KEY) === "1") || query.get("projector") === "1");
  });
})();

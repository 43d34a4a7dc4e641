// მასწავლებლისთვის: სამუშაო ფურცელი, პასუხები და პროექტორის ხედი (hooks/teacher.py, extra.css).
// `?print=worksheet` — გაკვეთილის მხოლოდ სავარჯიშოები, ამოხსნის გარეშე, დასაწერი ადგილით;
// `?print=key` — სავარჯიშოები ამოხსნით. ორივეს სტილი extra.css-შია (`html[data-mg-sheet]`),
// აქ მხოლოდ რეჟიმს ვნიშნავთ და ზოლს ვამატებთ ღილაკით „ბეჭდვა“.
// პროექტორი: სათაურის ღილაკი ან `?projector=1` (`=0` გამორთავს); ვიზიტის ბოლომდე ახსოვს
// (sessionStorage; თუ ბრაუზერი მას კრძალავს, მხოლოდ ამ გვერდზე მუშაობს).
// `document$` Material-ისაა: მუშაობს ყოველ ჩატვირთვაზე, instant navigation-ის ჩათვლით.
(() => {
  const root = document.documentElement;
  const KEY = "mg-projector";
  const remember = (on) => {
    try {
      on ? sessionStorage.setItem(KEY, "1") : sessionStorage.removeItem(KEY);
    } catch {}
  };
  const remembered = () => {
    try {
      return sessionStorage.getItem(KEY) === "1";
    } catch {
      return false;
    }
  };
  const project = (on) => {
    root.toggleAttribute("data-mg-projector", on);
    const button = document.querySelector(".mg-projector");
    if (button) button.setAttribute("aria-pressed", on);
  };

  document$.subscribe(() => {
    const query = new URLSearchParams(location.search);
    const sheet = query.get("print");
    const article = document.querySelector(".md-content__inner");
    if ((sheet === "worksheet" || sheet === "key") && article?.querySelector("#savarjishoebi")) {
      root.dataset.mgSheet = sheet;
      for (const box of article.querySelectorAll("details.success")) box.open = sheet === "key";
      const bar = document.createElement("p");
      bar.className = "mg-sheet-bar";
      bar.innerHTML =
        '<button class="md-button md-button--primary" type="button">ბეჭდვა</button> ' +
        // target: Material-ის instant navigation ამ ბმულს არ ეხება (იმავე გვერდზე ის არაფერს აკეთებდა)
        '<a class="md-button" href="./" target="_self">← გაკვეთილი</a>' +
        '<span class="mg-sheet-name">სახელი: ______________________ თარიღი: ____________</span>';
      bar.firstChild.onclick = () => print();
      article.querySelector(".mg-lesson-meta")?.after(bar);
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
    project(remembered() || query.get("projector") === "1");
  });
})();

// სავარჯიშოები (hooks/exercises.py): აქ მხოლოდ მსმენელები; შემოწმება, პროგრესი და შენახული
// კოდი exercises/check.js-შია, პირველი საჭიროებისას.
(() => {
  const here = document.currentScript.src;
  let loading;
  const load = () => (loading ||= import(new URL("exercises/check.js", here)));
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-exercise-action]");
    if (button) load().then((m) => m.click(button));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches?.("input[data-answer]")) load().then((m) => m.enter(event.target));
  });
  // ყოველ გვერდზე: სავარჯიშოები, გაზიარებული ბმული ან შენახული კოდი (დაბლოკილი მეხსიერება = არაფერი)
  const page = () => {
    let saved = false;
    try { saved = Object.keys(localStorage).some((k) => k.startsWith("mg-code:")); } catch {}
    if (document.querySelector("[data-exercise],[data-exercise-progress]") || location.hash.startsWith("#share=")
        || (saved && document.querySelector("[data-run-block]"))) load().then((m) => m.page());
  };
  if (window.document$) document$.subscribe(page);
  else page();
})();

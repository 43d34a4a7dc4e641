// უკუგავლა ნაბიჯ-ნაბიჯ (hooks/stepper.py): ეს პატარა სკრიპტი მხოლოდ ღილაკებს და ისრებს უსმენს;
// ნაბიჯების ჩვენება (stepper/steps.js) პირველ დაჭერაზე იტვირთება. Listeners on `document`
// survive Material's instant navigation; a stepper's state lives in its own DOM (`data-step`).
(() => {
  const url = new URL("stepper/steps.js", document.currentScript.src).href;
  let loading;
  const load = () => (loading ||= import(url));
  const go = (stepper, where) => load().then((m) => m.go(stepper, where));
  const keys = { ArrowLeft: "prev", ArrowRight: "next", Home: "first", End: "last" };
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-step-go]");
    const stepper = button && button.closest("[data-backprop-stepper]");
    if (stepper) go(stepper, button.dataset.stepGo);
  });
  document.addEventListener("keydown", (event) => {
    const where = keys[event.key];
    const stepper = where && event.target.closest && event.target.closest("[data-backprop-stepper]");
    if (!stepper || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const box = event.target.closest(".mg-figure"); // ისრები გრაფს გადაახვევს, თუ ის არ ეტევა
    if (box && box.scrollWidth > box.clientWidth) return;
    event.preventDefault();
    go(stepper, where);
  });
  // ▶ გაშვებამ (runner/src/app.js) გრაფი თავიდან დახატა: ახალ გრაფს იგივე ღილაკები
  document.addEventListener("mg-run-output", (event) => {
    const output = event.target;
    if (output.querySelector("svg[data-steps]")) load().then((m) => m.renew(output, event.detail));
  });
})();

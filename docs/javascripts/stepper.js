// უკუგავლა ნაბიჯ-ნაბიჯ (hooks/stepper.py): ღილაკები და ისრები; ჩვენება (stepper/steps.js)
// პირველ დაჭერაზე იტვირთება. მდგომარეობა თავად ჩარჩოშია (`data-step`).
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
    const box = event.target.closest(".mg-figure"); // გრაფი არ ეტევა: ისრები მას ახვევს
    if (box && box.scrollWidth > box.clientWidth) return;
    event.preventDefault();
    go(stepper, where);
  });
  // ▶-მა გრაფი თავიდან დახატა (runner/src/app.js)
  document.addEventListener("mg-run-output", (event) => {
    const output = event.target;
    if (output.querySelector("svg[data-steps]")) load().then((m) => m.renew(output, event.detail));
  });
})();

// კოდის გაშვება (hooks/runner.py): აქ მხოლოდ ღილაკებია, დანარჩენი (assets/runner/) პირველი
// გამოყენებისას იტვირთება. `document`-ის მსმენელები instant navigation-საც უძლებს.
(() => {
  const app = new URL("../assets/runner/app.js", document.currentScript.src).href;
  let loading;
  const load = () => (loading ||= import(app));
  const act = (block, action) => {
    if (!loading && action === "run") block.querySelector("[data-run-status]").textContent = "იტვირთება…";
    return load().then((m) => m.act(block, action));
  };
  const blockOf = (node) => node instanceof Element && node.closest("[data-run-block]");

  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-run-action]");
    if (button && blockOf(button)) act(blockOf(button), button.dataset.runAction);
  });
  // Ctrl+Enter, სანამ რედაქტორი ჩაიტვირთება
  document.addEventListener("keydown", (event) => {
    const block = blockOf(event.target);
    if (block && event.key === "Enter" && (event.ctrlKey || event.metaKey)
        && !event.target.closest(".cm-editor")) {
      event.preventDefault();
      act(block, "run");
    }
  });
  const edit = (event) => {
    const block = blockOf(event.target);
    if (block && event.target.closest("code[contenteditable]")) act(block, "edit");
  };
  document.addEventListener("pointerdown", edit);
  document.addEventListener("beforeinput", edit);

  // Python-ი იწყება, როცა მკითხველი გაშვებას აპირებს; saveData-სას მხოლოდ ▶-ზე
  const saving = () => navigator.connection && navigator.connection.saveData;
  const warm = () => saving() || load().then((m) => m.warm()).catch(() => {});
  const intent = (node) => blockOf(node) && node.closest("code[contenteditable], .cm-content, [data-run-action=run]");
  document.addEventListener("focusin", (event) => intent(event.target) && warm());
  document.addEventListener("pointerdown", (event) => intent(event.target) && warm());
  let resting;
  document.addEventListener("pointerover", (event) => {
    const button = event.target.closest && event.target.closest("[data-run-action=run]");
    clearTimeout(resting);
    if (button && blockOf(button)) resting = setTimeout(warm, 200);
  });
})();

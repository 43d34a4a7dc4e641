// ფართო ცხრილი კლავიატურით სქროლდება (tables/scroll.js): იტვირთება მხოლოდ ცხრილიან გვერდზე
(() => {
  const url = new URL("tables/scroll.js", document.currentScript.src);
  let loading;
  document$.subscribe(() => {
    if (loading || document.querySelector(".md-typeset__scrollwrap")) {
      (loading ||= import(url)).then((m) => m.watch());
    }
  });
})();

// docs/javascripts/tables.js ტვირთავს, როცა გვერდზე ცხრილია.
// ფართო ცხრილი (მაგალითად ლექსიკონისა ტელეფონზე) გვერდულად სქროლდება. Material-ი მას ჩარჩოში
// (`.md-typeset__scrollwrap`) სვამს, ოღონდ კლავიატურით ამ ჩარჩომდე ვერ მიხვალ. ჩვენ მას
// tabindex-ს ვაძლევთ, ოღონდ მხოლოდ მაშინ, როცა ცხრილი ეკრანზე არ ეტევა: მერე ისრებით სქროლდება
// (axe: scrollable-region-focusable). ResizeObserver-ი ამას ხელახლა ამოწმებს, როცა ჩარჩოს ზომა
// იცვლება (ტელეფონის შემობრუნება, ფანჯრის დავიწროება). `watch` ყოველ გვერდზე
// მუშაობს (Material-ის `document$`, instant navigation-ის ჩათვლით), ცხრილების ჩარჩოში ჩასმის შემდეგ.
const tables = new ResizeObserver(entries => {
  for (const { target: wrap } of entries) {
    if (wrap.scrollWidth > wrap.clientWidth) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "ცხრილი (ისრებით სქროლდება)");
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) wrap.removeAttribute(name);
    }
  }
});
export function watch() {
  tables.disconnect();
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) tables.observe(wrap);
}

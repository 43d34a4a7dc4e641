// სამუშაო ფურცელი (`?print=worksheet`) და პასუხები (`?print=key`), docs/javascripts/teacher.js
// ტვირთავს, როცა რეჟიმი უკვე ჩართულია (`html[data-mg-sheet]`, სტილი extra.css-შია): აქ
// ამოხსნები იხურება ან იხსნება და სტატიის თავში ზოლი ჩნდება ღილაკით „ბეჭდვა“ და სახელის ადგილით.
// The bar comes last: scripts/make_pdf.py and the tests wait for `.mg-sheet-bar` before printing.
export function sheet() {
  const sheet = document.documentElement.dataset.mgSheet;
  const article = document.querySelector(".md-content__inner");
  // instant navigation-მა გვერდი უკვე შეცვალა, ან ზოლი უკვე აქაა
  if (!sheet || !article || article.querySelector(".mg-sheet-bar")) return;
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
}

// ფართო ცხრილი (მაგალითად ლექსიკონისა ტელეფონზე) გვერდულად სქროლდება. Material-ი მას ჩარჩოში
// (`.md-typeset__scrollwrap`) სვამს, ოღონდ კლავიატურით ამ ჩარჩომდე ვერ მიხვალ. ჩვენ მას
// tabindex-ს ვაძლევთ, ოღონდ მხოლოდ მაშინ, როცა ცხრილი ეკრანზე არ ეტევა: მერე ისრებით სქროლდება
// (axe: scrollable-region-focusable). `document$` Material-ისაა: გვერდის ყოველ ჩატვირთვაზე
// (instant navigation-ის ჩათვლით) მუშაობს, Material-ის მიერ ცხრილების ჩასმის შემდეგ.
document$.subscribe(() => {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth > wrap.clientWidth) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "ცხრილი (ისრებით სქროლდება)");
    }
  }
});

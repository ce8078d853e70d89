/* Anslagstavlan: hide an anslag on its nedtas day even if the daily rebuild failed.
   Each anslag carries data-uppsatt/data-nedtas (ISO dates); "today" is the date in
   Europe/Stockholm, the same rule as the build (uppsatt <= idag < nedtas). A board built
   for another day (anslag bygg --idag) says so in data-visas-per and is shown as of that day. */
(function () {
  var anslag = document.querySelectorAll("[data-nedtas]");
  if (!anslag.length) return;
  var per = document.querySelector("[data-visas-per]");
  var idag = per ? per.getAttribute("data-visas-per") : null;
  if (!idag) try {
    idag = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric",
      month: "2-digit", day: "2-digit" }).format(new Date());
  } catch (e) {
    var d = new Date();
    idag = d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  anslag.forEach(function (a) {
    if (a.getAttribute("data-nedtas") <= idag || a.getAttribute("data-uppsatt") > idag) {
      a.hidden = true;
      a.setAttribute("data-nedtagen", "");
    }
  });
  document.querySelectorAll(".anslag-lista").forEach(function (lista) {
    if (lista.querySelector(".anslag:not([hidden])")) return;
    lista.hidden = true;
    var tom = lista.nextElementSibling;
    if (tom && tom.classList.contains("tavla-tom")) tom.hidden = false;
  });
})();

/* A table wider than the screen scrolls inside its frame (Material's .md-typeset__scrollwrap):
   such a frame takes keyboard focus and has a name, so it can be scrolled without a mouse
   (WCAG 2.1.1). Checked again when the window changes size. */
(function () {
  function markera() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (ram, i) {
      if (ram.scrollWidth > ram.clientWidth + 1) {
        ram.tabIndex = 0;
        ram.setAttribute("role", "region");
        ram.setAttribute("aria-label", "Tabell " + (i + 1) + ", rullar i sidled");
      } else {
        ram.removeAttribute("tabindex");
        ram.removeAttribute("role");
        ram.removeAttribute("aria-label");
      }
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { setTimeout(markera, 0); });
  } else {
    window.addEventListener("load", markera);
  }
  window.addEventListener("resize", markera);
})();

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

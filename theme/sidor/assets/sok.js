/* Search page: Pagefind UI over one bundle per year (merged in the browser).
   Everything is loaded from this site; ?q= starts a search. */
(function () {
  var el = document.getElementById("sok");
  if (!el) return;
  var bas = new URL(el.getAttribute("data-bas"), location.href);
  var rot = new URL(el.getAttribute("data-rot"), location.href).pathname;
  var buckets = JSON.parse(el.getAttribute("data-buckets"));
  var forsta = new URL(buckets[0] + "/", bas);
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("pagefind-ui.css", forsta).href;
  document.head.appendChild(css);
  var s = document.createElement("script");
  s.src = new URL("pagefind-ui.js", forsta).href;
  s.onload = function () {
    var ui = new PagefindUI({
      element: "#sok",
      bundlePath: forsta.pathname,
      baseUrl: rot,
      showImages: false,
      showSubResults: true,
      mergeIndex: buckets.slice(1).map(function (b) {
        return { bundlePath: new URL(b + "/", bas).pathname, baseUrl: rot };
      })
    });
    // A visible label for the search field (Pagefind labels it only by its title).
    var falt = el.querySelector(".pagefind-ui__search-input");
    if (falt) {
      falt.id = "sokfalt";
      falt.removeAttribute("title");
      var etikett = document.createElement("label");
      etikett.htmlFor = "sokfalt";
      etikett.className = "sok-etikett";
      etikett.textContent = "Sökord";
      el.insertBefore(etikett, el.firstChild);
    }
    var q = new URLSearchParams(location.search).get("q");
    if (q) ui.triggerSearch(q);
  };
  document.head.appendChild(s);
})();

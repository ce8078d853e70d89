"""Page types of the site: each module has small views (dataclasses of data, no HTML) and a
function that builds the view from the ``Webbplats`` and renders it with its template in
``theme/mallar/``. See docs/arkitektur.md, "Lägga till en sidtyp"."""

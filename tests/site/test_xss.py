"""Raw HTML and javascript: links in content never reach the output."""
from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

ELAK = """
## Socialnämndens beslut

Beslutet <script>alert('xss1')</script> gäller.

<img src=x onerror="alert('xss2')">

<div onclick="alert('xss3')">klick</div>

[Läs mer](javascript:alert('xss4')) och <javascript:alert('xss5')> och
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).

## Ärendebeskrivning

<iframe src="https://annan.example/"></iframe> <a href="javascript:alert('xss6')">x</a>
"""


class _Granskare(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fel: list[str] = []
        self._i_script = False

    def handle_starttag(self, tag, attrs):
        self._i_script = tag == "script"
        for k, v in attrs:
            if k.startswith("on"):
                self.fel.append(f"<{tag} {k}=...>")
            if k in ("href", "src", "action", "formaction") and v and \
                    "".join(v.split()).lower().startswith(("javascript:", "data:", "vbscript:")):
                self.fel.append(f"<{tag} {k}={v}>")
        if tag in ("iframe", "object", "embed", "img"):
            self.fel.append(f"<{tag}>")

    def handle_data(self, data):
        if self._i_script and "xss" in data:
            self.fel.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag):
        self._i_script = False


def test_ra_html_och_javascript_lankar_nar_aldrig_utdata(tmp_path, hjalp, serva, webblasare):
    rot = tmp_path / "innehall"
    hjalp.grund(rot, namn="Testkommun")
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07",
               extra="kallelse:\n  datum: 2025-02-26\n  arenden:\n"
                     "    - rubrik: \"<script>alert('xss7')</script>\"\n")
    hjalp.paragraf(rot, "2025-03-05", "01-elak.md", """
paragraf: 1
rubrik: "Rubrik <script>alert('xss8')</script>"
dnr: 2025/00001
expedieras: ["<img src=x onerror=alert('xss9')>"]
beslutsunderlag:
  - "[underlag](javascript:alert('xss10'))"
""", ELAK)
    site = hjalp.bygg_site(rot, tmp_path / "ut" / "site", date(2025, 3, 10), utan_pdf=True)
    fel = []
    for f in site.rglob("*"):
        if f.suffix not in (".html", ".xml", ".json", ".csv", ".ics", ".txt"):
            continue
        text = f.read_text(encoding="utf-8")
        rel = f.relative_to(site).as_posix()
        if f.suffix == ".html":
            g = _Granskare()
            g.feed(text)
            fel += [f"{rel}: {x}" for x in g.fel]
        lag = text.lower()
        for bit in ("<script>alert", "<img src=x", "<div onclick", "<iframe", "javascript:",
                    "data:text/html"):
            if bit in lag:
                fel.append(f"{rel}: {bit}")
    assert not fel, "\n".join(sorted(set(fel)))
    # the text itself is kept, escaped, so nothing the secretary wrote silently disappears
    sida = (site / "protokoll/sn/2025-03-05/1/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in sida
    assert "Läs mer" in sida

    # and in a real browser nothing runs
    bas = serva(site)
    ctx = webblasare.new_context()
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(bas) else r.abort())
    page = ctx.new_page()
    dialoger: list[str] = []
    page.on("dialog", lambda d: (dialoger.append(d.message), d.dismiss()))
    for url in ["protokoll/sn/2025-03-05/1/", "protokoll/sn/2025-03-05/", "", "arenden/2025-00001/"]:
        page.goto(bas + url)
        page.wait_for_load_state("load")
    ctx.close()
    assert not dialoger, dialoger

"""Every internal link of the built example site resolves; nothing is loaded from another host."""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit


class _Lankar(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lankar: list[tuple[str, str, str]] = []   # (tag, attr, value)

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v and k in ("href", "src"):
                self.lankar.append((tag, k, v))


def _hamta(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        return e.code, b"", ""


def test_inga_trasiga_interna_lankar(motor_url):
    start = motor_url
    att_besoka, sedda, trasiga = [start], {start}, []
    kallor: dict[str, str] = {}
    while att_besoka:
        url = att_besoka.pop()
        status, data, typ = _hamta(url)
        if status != 200:
            trasiga.append(f"{url} ({status}) från {kallor.get(url)}")
            continue
        if "text/html" not in typ:
            continue
        p = _Lankar()
        p.feed(data.decode("utf-8"))
        for _tag, _attr, v in p.lankar:
            ny = urldefrag(urljoin(url, v))[0]
            if urlsplit(ny).netloc != urlsplit(start).netloc or not ny.startswith("http"):
                continue
            if ny not in sedda:
                sedda.add(ny)
                kallor[ny] = url
                att_besoka.append(ny)
    assert not trasiga, "\n".join(trasiga)
    besokta = {urlsplit(u).path for u in sedda}
    # the crawl reached the whole archive: every level of the permalinks and the outputs
    for s in ["/overklaga/", "/protokoll/", "/protokoll/fun/", "/protokoll/fun/2025-02-06/",
              "/protokoll/fun/2025-02-06/3/", "/arenden/2024-00392/", "/anslag.xml",
              "/sammantraden.ics", "/data/", "/data/paragrafer.csv",
              "/data/sammantraden/fun/2025-02-06.json", "/protokoll/fun/2025-02-06/protokoll.pdf",
              "/protokoll/fun/2025-02-06/utdrag-3.pdf", "/sok/"]:
        assert s in besokta, s
    assert len(besokta) > 80


def test_ingen_resurs_fran_annan_vard(motor_site):
    """No src/href of script, link, img, iframe (or any other element that loads) points away."""
    laddar = {"script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"}
    exempel_site = motor_site
    fel = []
    for f in exempel_site.rglob("*.html"):
        p = _Lankar()
        p.feed(f.read_text(encoding="utf-8"))
        for tag, attr, v in p.lankar:
            if tag in laddar and re.match(r"^(https?:)?//", v.strip(), re.I):
                fel.append(f"{f.relative_to(exempel_site)}: <{tag} {attr}={v}>")
    for f in list(exempel_site.rglob("*.css")) + list(exempel_site.rglob("*.js")):
        text = f.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(@import|url\()\s*['\"]?(https?:)?//", text):
            fel.append(f"{f.relative_to(exempel_site)}: {m.group(0)}")
    assert not fel, "\n".join(fel[:20])
    index = (exempel_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index
    assert '<html lang="sv"' in index

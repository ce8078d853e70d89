"""Rule: kommun.yml's webbplats is a plain http(s) address with a host and nothing else."""
from __future__ import annotations

from generator.common.diagnostics import fel
from generator.schema.falt import webbadress_fel


def webbplats_ar_en_adress(ctx):
    doc = ctx.innehall.kommun
    if doc is None:
        return
    v = doc.data.get("webbplats")
    if not isinstance(v, str) or not v.strip():
        return   # missing or of the wrong type: reported where kommun.yml is read
    orsak = webbadress_fel(v.strip())
    if orsak:
        visad = v.strip() if len(v) < 80 else v.strip()[:80] + "…"
        yield fel(doc.path, "webbplats", f"{visad!r} {orsak}. Skriv hela adressen till "
                  "webbplatsen, t.ex. https://anslagstavla.kommun.se/.")

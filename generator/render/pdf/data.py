"""The model -> JSON data for the Typst templates.

What is public is decided by the publishing plan, not here: a public PDF
(``publik=True``) is made from ``MotesPlan.pdf_mote``, in which every sekretess
paragraph is already reduced to its number, public title, ground and anslag
dates (``generator.archive.plan.sekretess_paragraf``); such a paragraph is only
shown as hidden ("dold"). The internal archive copies (``publik=False``) get the
full meeting and mark what is secret.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from generator.common.datum import langt
from generator.archive.model import Arkiv, Organ, Paragraf, Person, Sammantrade

from generator.render.pdf.markdown import noder, ren_text

Data = dict[str, Any]

PROTOKOLL = "SAMMANTRÄDESPROTOKOLL"
UTDRAG = "PROTOKOLLSUTDRAG"
KALLELSE = "KALLELSE"
KUNGORELSE = "KUNGÖRELSE"

OJUSTERAT = "OJUSTERAT"
MARKERING_OJUSTERAT = "OJUSTERAT PROTOKOLL – utkast för korrekturläsning, får inte publiceras"
MARKERING_SEKRETESS = "INTERNT ARKIVEXEMPLAR – innehåller sekretessbelagda uppgifter"


def _t(s: str | None) -> str | None:
    return ren_text(s) if s is not None else None


def _person(p: Person | None) -> str | None:
    """A person as written (``Namn (Parti)``), or None."""
    return ren_text(str(p)) if p is not None else None


def _lista(xs) -> list[str]:
    return [ren_text(str(x)) for x in xs or ()]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def sekretess_grund(p: Paragraf) -> str:
    """``Sekretess enligt OSL 26 kap. 1 §``."""
    s = ren_text(p.sekretess or "").strip()
    if not s:
        return "Sekretess enligt offentlighets- och sekretesslagen"
    if s.casefold().startswith("sekretess"):
        return s
    return f"Sekretess enligt {s}"


def plats_och_tid(m: Sammantrade) -> str:
    delar = [x for x in (ren_text(m.plats or "").strip(), langt(m.datum)) if x]
    s = ", ".join(delar)
    if m.tid:
        s += f" kl {ren_text(m.tid).strip()}"
    return s


def starttid(m: Sammantrade) -> str | None:
    if not m.tid:
        return None
    t = ren_text(m.tid).strip()
    for sep in ("–", "—", "-"):
        if sep in t:
            t = t.split(sep, 1)[0].strip()
    return t or None


def _beslutande_rad(p: Person, m: Sammantrade) -> str:
    s = p.kort
    if m.ar_ordforande(p):
        s += ", ordförande"
    if p.ersatter:
        s += f", ersätter {p.ersatter.kort}"
    return ren_text(s)


def _meta(titel: str, kommun: str, amne: str, nyckelord: list[str], datum: date) -> Data:
    return {"titel": ren_text(titel), "forfattare": ren_text(kommun), "amne": ren_text(amne),
            "nyckelord": nyckelord, "datum": datum.isoformat()}


def _bas(arkiv: Arkiv, organ: Organ, m: Sammantrade) -> Data:
    return {
        "kommun": ren_text(arkiv.kommun.namn),
        "organ": ren_text(organ.namn),
        "datum": m.datum.isoformat(),
        "sidfot": ren_text(organ.sidfot or "Justerandes signatur"),
        "signaturer": 1 + max(1, len(m.justerare)),
        "markering": None,
        "vattenstampel": None,
    }


def _omedelbart(p: Paragraf) -> str | None:
    if not p.omedelbart_justerad:
        return None
    s = "Paragrafen förklarades omedelbart justerad."
    if p.anslag:
        s += (f" Justeringen tillkännagavs genom anslag {p.anslag.uppsatt.isoformat()};"
              f" anslaget tas ned {p.anslag.nedtas.isoformat()}.")
    return s


def _tom_paragraf(nummer: int, rubrik: str) -> Data:
    return {"nummer": nummer, "rubrik": rubrik, "dnr": None, "dold": False, "sekretess": None,
            "markering": None, "ingress": [], "sektioner": [], "beslutsunderlag": [],
            "expedieras": [], "jav": [], "reservationer": [], "omrostning": None,
            "omedelbart": None}


def paragraf_data(p: Paragraf, *, publik: bool, bas_url: str | None) -> Data:
    d = _tom_paragraf(p.nummer, ren_text(p.rubrik))
    if p.ar_sekretess:
        d["sekretess"] = sekretess_grund(p)
        if publik:      # reduced by the plan: number, public title (its rubrik) and ground
            d["dold"] = True
            return d
        d["markering"] = (f"SEKRETESS – {sekretess_grund(p)}. Offentlig rubrik: "
                          f"{ren_text(p.publik_rubrik)}.")
    d["dnr"] = _t(p.dnr)
    d["ingress"] = noder(p.ingress, bas_url)
    d["sektioner"] = [{"rubrik": ren_text(s.rubrik), "beslut": s.ar_beslut,
                       "innehall": noder(s.text, bas_url)} for s in p.sektioner]
    d["beslutsunderlag"] = [ren_text(b.titel) for b in p.beslutsunderlag]
    d["expedieras"] = _lista(p.expedieras)
    d["jav"] = _lista(p.jav)
    d["reservationer"] = _lista(p.reservationer)
    if p.omrostning:
        o = p.omrostning
        d["omrostning"] = {"ja": _lista(o.ja), "nej": _lista(o.nej), "avstar": _lista(o.avstar)}
    d["omedelbart"] = _omedelbart(p)
    return d


def offentliga_dnr(m: Sammantrade, paragrafer: list[Paragraf] | None = None) -> list[str]:
    ut: list[str] = []
    for p in paragrafer if paragrafer is not None else m.paragrafer:
        if p.dnr and not p.ar_sekretess and ren_text(p.dnr) not in ut:
            ut.append(ren_text(p.dnr))
    return ut


def _bevis(organ: Organ, m: Sammantrade) -> Data | None:
    if m.justering is None:
        return None
    a = m.anslag
    return {
        "text": ("Protokollet är justerat. Justeringen har tillkännagivits genom anslag."
                 if a else "Protokollet är justerat."),
        "instans": ren_text(organ.namn),
        "sammantradesdatum": m.datum.isoformat(),
        "uppsatt": _iso(a.uppsatt) if a else None,
        "nedtas": _iso(a.nedtas) if a else None,
        "forvaringsplats": _t(m.forvaringsplats),
        "underskrift": _person(m.sekreterare),
    }


def protokoll_data(arkiv: Arkiv, organ: Organ, m: Sammantrade, *, publik: bool) -> Data:
    """The whole sammanträdesprotokoll. ``publik=False`` is the internal
    archive copy (full sekretess text; "OJUSTERAT" when not yet justerat)."""
    bas_url = arkiv.kommun.webbplats
    d = _bas(arkiv, organ, m)
    ojusterat = m.justering is None
    d.update({
        "typ": "protokoll",
        "doktyp": PROTOKOLL,
        "framsida": {
            "plats_och_tid": plats_och_tid(m),
            "beslutande": [_beslutande_rad(p, m) for p in m.beslutande],
            "ersattare": [ren_text(p.kort) for p in m.ersattare],
            "ovriga": _lista(m.ovriga),
            "justerare": _lista(m.justerare),
            "justering": (", ".join(x for x in (_t(m.justering.plats), m.justering.datum.isoformat()) if x)
                          if m.justering else None),
            "sekreterare": _person(m.sekreterare),
            "ordforande": _person(m.ordforande),
            "paragrafer": m.paragrafspann,
            "bevis": _bevis(organ, m),
        },
        "rattelser": [{"datum": r.datum.isoformat(), "orsak": ren_text(r.orsak)} for r in m.rattelser],
        "paragrafer": [paragraf_data(p, publik=publik, bas_url=bas_url) for p in m.paragrafer],
    })
    if ojusterat:
        d["markering"] = MARKERING_OJUSTERAT
        d["vattenstampel"] = OJUSTERAT
    elif not publik and any(p.ar_sekretess for p in m.paragrafer):
        d["markering"] = MARKERING_SEKRETESS
    titel = f"Sammanträdesprotokoll {organ.namn} {m.datum.isoformat()}"
    if ojusterat:
        titel = f"OJUSTERAT {titel}"
    amne = f"{organ.namn}, sammanträde {m.datum.isoformat()}, {m.paragrafspann}".rstrip(", ")
    d["meta"] = _meta(titel, arkiv.kommun.namn, amne,
                      offentliga_dnr(m),
                      m.justering.datum if m.justering else m.datum)
    return d


def _justeringsrader(m: Sammantrade, p: Paragraf) -> list[str]:
    rader: list[str] = []
    if p.omedelbart_justerad:
        rader.append(f"Paragrafen justerades omedelbart vid sammanträdet {m.datum.isoformat()}.")
        a = p.anslag
    elif m.justering:
        j = m.justering
        rader.append("Justeringens plats och tid: "
                     + ", ".join(x for x in (_t(j.plats), j.datum.isoformat()) if x))
        a = m.anslag
    else:
        rader.append("Uppgift om justering saknas i arkivet." if m.utdrag
                     else "Protokollet är inte justerat.")
        a = None
    namn = []
    if m.ordforande:
        namn.append(f"Ordförande: {ren_text(str(m.ordforande))}")
    if m.justerare:
        namn.append("Justerare: " + ", ".join(_lista(m.justerare)))
    rader.extend(namn)
    if a:
        rader.append(f"Justeringen har tillkännagivits genom anslag {a.uppsatt.isoformat()}. "
                     f"Anslaget tas ned {a.nedtas.isoformat()}.")
        rader.append(f"Sista dag att överklaga beslutet (laglighetsprövning): {a.sista_dag.isoformat()}.")
    if m.forvaringsplats:
        rader.append(f"Förvaringsplats för protokollet: {ren_text(m.forvaringsplats)}")
    return rader


def utdrag_data(arkiv: Arkiv, organ: Organ, m: Sammantrade, p: Paragraf, *, publik: bool) -> Data:
    """Protokollsutdrag for one §, rendered on its own (Sida 1(N))."""
    if publik and p.ar_sekretess:
        raise ValueError("inget offentligt utdrag av en sekretessbelagd paragraf")
    bas_url = arkiv.kommun.webbplats
    d = _bas(arkiv, organ, m)
    d.update({
        "typ": "utdrag",
        "doktyp": UTDRAG,
        "utdrag": {
            "sammantrade": f"Sammanträde {langt(m.datum)}",
            "endast_utdrag": bool(m.utdrag),
            "justering": _justeringsrader(m, p),
            "bestyrkare": _person(m.sekreterare),
            "bestyrkare_titel": "Sekreterare" if m.sekreterare else None,
        },
        "paragrafer": [paragraf_data(p, publik=publik, bas_url=bas_url)],
    })
    if not publik and p.ar_sekretess:
        d["markering"] = MARKERING_SEKRETESS
    if m.justering is None and not m.utdrag and not p.omedelbart_justerad:
        d["markering"] = MARKERING_OJUSTERAT
        d["vattenstampel"] = OJUSTERAT
    titel = f"Protokollsutdrag {organ.kortnamn} {m.datum.isoformat()} § {p.nummer}: " + (
        p.rubrik if not publik else p.publik_rubrik)
    datum = (m.datum if p.omedelbart_justerad
             else m.justering.datum if m.justering else m.datum)
    d["meta"] = _meta(titel, arkiv.kommun.namn, f"Protokollsutdrag, {organ.namn}",
                      offentliga_dnr(m, [p]), datum)
    return d


def kallelse_data(arkiv: Arkiv, organ: Organ, m: Sammantrade) -> Data:
    """Kallelse to a planned meeting; for fullmäktige the kungörelse."""
    k = m.kallelse
    assert k is not None
    fullmaktige = organ.typ == "fullmaktige"
    tid = starttid(m)
    nar = langt(m.datum) + (f" kl. {tid}" if tid else "")
    plats = ren_text(m.plats or "").strip()
    if fullmaktige:
        inledning = (f"{ren_text(organ.namn)} sammanträder {nar}."
                     + (f" Plats: {plats}." if plats else "") + " Följande ärenden ska behandlas:")
        avslutning = "Sammanträdet är offentligt. Allmänheten är välkommen."
    else:
        inledning = (f"kallas härmed till sammanträde {nar}"
                     + (f" på/i {plats}" if plats else "") + " för att behandla följande ärenden:")
        avslutning = None
    d = _bas(arkiv, organ, m)
    d.update({
        "typ": "kallelse",
        "doktyp": KUNGORELSE if fullmaktige else KALLELSE,
        "datum": k.datum.isoformat(),
        "datumetikett": "Datum",
        "sidfot": None,
        "kallelse": {
            "rubrik": ("Kungörelse" if fullmaktige else "Kallelse") + f" till sammanträde {m.datum.isoformat()}",
            "kungorelse": fullmaktige,
            "inledning": inledning,
            "avslutning": avslutning,
            "arenden": [{"rubrik": ren_text(a.rubrik), "dnr": _t(a.dnr)} for a in k.arenden],
            "ordforande": _person(m.ordforande),
            "sekreterare": _person(m.sekreterare),
        },
    })
    titel = f"{'Kungörelse' if fullmaktige else 'Kallelse'} {organ.namn} {m.datum.isoformat()}"
    dnr = []
    for a in k.arenden:
        if a.dnr and ren_text(a.dnr) not in dnr:
            dnr.append(ren_text(a.dnr))
    d["meta"] = _meta(titel, arkiv.kommun.namn,
                      f"{'Kungörelse' if fullmaktige else 'Kallelse'} till sammanträde, {organ.namn}",
                      dnr, k.datum)
    return d


def lasexemplar_omslag(arkiv: Arkiv, organ: Organ, m: Sammantrade, delar: list[Data], *,
                       slag: str, upplysning: str, dnr: list[str], datum: date) -> Data:
    """Cover page of a merged reading copy (``slag``: "protokoll med bilagor", "kallelse med
    handlingar"), saying that it is not the archival copy."""
    d = _bas(arkiv, organ, m)
    d.update({
        "typ": "omslag",
        "doktyp": slag.upper(),
        "sidfot": None,
        "omslag": {
            "rubrik": f"{ren_text(organ.namn)} {m.datum.isoformat()} – {slag}",
            "upplysning": upplysning,
            "delar": delar,
        },
    })
    d["meta"] = _meta(f"{slag.capitalize()} {organ.namn} {m.datum.isoformat()} (inte arkivexemplar)",
                      arkiv.kommun.namn, "Sammanställning för läsning, inte arkivexemplar",
                      dnr, datum)
    return d


def omslag_data(arkiv: Arkiv, organ: Organ, m: Sammantrade, delar: list[Data]) -> Data:
    """Cover page of protokoll-med-bilagor.pdf (not the archival copy)."""
    return lasexemplar_omslag(
        arkiv, organ, m, delar, slag="protokoll med bilagor",
        upplysning=("Denna fil är en sammanställning för läsning av det justerade protokollet "
                    "och de bilagor som hör till offentliga paragrafer. Det justerade "
                    "protokollet (protokoll.pdf, PDF/A) och bilagorna var för sig är de "
                    "handlingar som gäller och som arkiveras."),
        dnr=offentliga_dnr(m), datum=m.justering.datum if m.justering else m.datum)

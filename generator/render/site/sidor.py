"""Page building: the public view of the archive -> HTML page bodies.

No MkDocs here: each page is a ``Sida`` (site path, title, body HTML, whether
it is in the navigation and which search bucket indexes it). The MkDocs plugin
wraps them in the theme. All content text goes through ``generator.render.markup``
(raw HTML escaped, unsafe links dropped); everything else is escaped here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterator

from generator.common.datum import idag_stockholm, langt
from generator.render.markup import till_html
from generator.archive.model import Arkiv, Organ, Paragraf, Sammantrade
from generator.archive.referenser import Organregister
from generator.render.site import urls
from generator.render.site.html import a, avvapna, e, iso, lanka_text, prosa, spann
from generator.render.site.minne import Minne
from generator.archive.publik import Publikt, protokoll_publicerat, vy
from generator.render.site.tavla import aktuella_anslag, kommande_sammantraden, kungorelser, nedtas_kungorelse

ORGANTYP = {"fullmaktige": "Fullmäktige", "styrelse": "Styrelse", "namnd": "Nämnd",
            "utskott": "Utskott", "beredning": "Beredning", "ovrigt": "Övrigt organ"}
TYPORDNING = {t: i for i, t in enumerate(ORGANTYP)}
ALLMANT = "allmant"   # search bucket for pages that are not tied to one year


@dataclass(slots=True)
class Sida:
    sokvag: str                 # site path, e.g. "protokoll/fun/2025-02-06/3/"
    titel: str
    html: str
    nav: bool = False           # listed in the navigation (only a handful of pages)
    sok: str | None = None      # search bucket: a year, ALLMANT, or None (not indexed)
    beskrivning: str | None = None


def organ_sortering(o: Organ) -> tuple:
    return (TYPORDNING.get(o.typ, 99), o.namn.casefold())


class Webbplats:
    """All pages of the site for one archive and one day."""

    def __init__(self, arkiv: Arkiv, idag: date, pdf: bool = False,
                 md_cache: dict[str, str] | None = None) -> None:
        self.publikt: Publikt = vy(arkiv, idag)
        self.arkiv = self.publikt.arkiv
        self.kommun = self.arkiv.kommun
        self.idag = idag
        self.pdf = pdf
        self.md_cache: dict[str, str] = md_cache if md_cache is not None else {}
        self.md_anvanda: set[str] = set()
        self.register = Organregister({oid: o.kortnamn for oid, o in self.arkiv.organ.items()})
        self.organ = sorted(self.arkiv.organ.values(), key=organ_sortering)
        self.minne = Minne(self)

    # ------------------------------------------------------------ helpers

    def sakert(self, text: str) -> str:
        """Content Markdown -> safe HTML (cached; no reference links)."""
        h = self.md_cache.get(text)
        if h is None:
            h = avvapna(till_html(text))
            self.md_cache[text] = h
        self.md_anvanda.add(text)
        return h

    def finns(self, nyckel) -> bool:
        """Is the § page ``nyckel`` published? (Recorded: a memoised page depends on it.)"""
        svar = self.publikt.finns(nyckel)
        self.minne.beror("finns", nyckel, svar)
        return svar

    def flera_i_arende(self, dnr: str) -> bool:
        """Does the ärende ``dnr`` have more than one public §? (Recorded, as ``finns``.)"""
        svar = len(self.arkiv.arenden.get(dnr, ())) > 1
        self.minne.beror("arende", dnr, svar)
        return svar

    def md(self, text: str, fran: str) -> str:
        """Content Markdown -> safe HTML, with references turned into links."""
        if not text.strip():
            return ""
        h = self.sakert(text)
        return lanka_text(h, self.register.hitta,
                          lambda oid, d, n: urls.relativ(fran, urls.paragraf(oid, d, n))
                          if self.finns((oid, d, n)) else None)

    def ref_html(self, r, fran: str) -> str:
        if r.nyckel and self.finns(r.nyckel):
            oid, d, n = r.nyckel
            return a(urls.relativ(fran, urls.paragraf(oid, d, n)),
                     e(self.arkiv.referens_text(oid, d, n)))
        return e(r.text)

    def organ_namn(self, oid: str) -> str:
        o = self.arkiv.organ.get(oid)
        return o.namn if o else oid

    def brodsmulor(self, fran: str, steg: list[tuple[str, str | None]]) -> str:
        li = []
        for text, sokvag in steg:
            if sokvag is None:
                li.append(f'<li aria-current="page">{e(text)}</li>')
            else:
                li.append(f"<li>{a(urls.relativ(fran, sokvag), e(text))}</li>")
        return (f'<nav class="brodsmulor" aria-label="Du är här" data-pagefind-ignore>'
                f'<ol>{"".join(li)}</ol></nav>')

    # The PDFs the site links to: the site path, or None when there is no such PDF.

    def protokoll_pdf(self, m: Sammantrade) -> str | None:
        if (self.pdf and not m.utdrag and bool(m.paragrafer)
                and protokoll_publicerat(m, self.idag)):
            return urls.protokoll_pdf(m.organ_id, m.datum)
        return None

    def utdrag_pdf(self, m: Sammantrade, p: Paragraf) -> str | None:
        if (self.pdf and not p.ar_sekretess
                and (m.utdrag or (m.justering is not None and protokoll_publicerat(m, self.idag)))):
            return urls.utdrag_pdf(m.organ_id, m.datum, p.nummer)
        return None

    def kallelse_pdf(self, m: Sammantrade) -> str | None:
        if self.pdf and m.kallelse is not None and not m.utdrag:
            return urls.kallelse_pdf(m.organ_id, m.datum)
        return None

    def pdfer(self, m: Sammantrade) -> list[str]:
        """Every PDF of the meeting that the site links to."""
        return [v for v in (self.protokoll_pdf(m), self.kallelse_pdf(m),
                            *(self.utdrag_pdf(m, p) for p in m.paragrafer)) if v]

    # ------------------------------------------------------------ all pages

    def sidor(self) -> Iterator[Sida]:
        yield self.tavla()
        yield self.overklaga()
        yield self.protokoll_index()
        yield self.arenden_index()
        yield self.data_sida()
        yield self.sok_sida()
        for o in self.organ:
            yield self.organ_sida(o)
            for ar in o.ar:
                yield self.organ_ar_sida(o, ar)
            for m in o.sammantraden:
                yield from self.minne.sidor(f"m|{o.id}|{m.datum}", self.minne.mote(o, m),
                                            lambda o=o, m=m: self.mote_sidor(o, m))
        for dnr, ps in self.arkiv.arenden.items():
            if urls.arende(dnr) != "arenden/-/":
                yield from self.minne.sidor(f"a|{dnr}", self.minne.arende(dnr, ps),
                                            lambda dnr=dnr, ps=ps: [self.arende_sida(dnr, ps)])

    def mote_sidor(self, o: Organ, m: Sammantrade) -> list[Sida]:
        """The meeting page and its § pages."""
        ut = [self.sammantrade_sida(o, m)]
        for i, p in enumerate(m.paragrafer):
            foreg = m.paragrafer[i - 1] if i > 0 else None
            nasta = m.paragrafer[i + 1] if i + 1 < len(m.paragrafer) else None
            ut.append(self.paragraf_sida(o, m, p, foreg, nasta))
        return ut

    def sokbuckets(self) -> list[str]:
        ar = sorted({m.datum.year for o in self.organ for m in o.sammantraden}, reverse=True)
        return [ALLMANT] + [str(x) for x in ar]

    # ------------------------------------------------------------ the board

    def tavla(self) -> Sida:
        fran = urls.TAVLA
        k = self.kommun
        anslag = aktuella_anslag(self.arkiv, self.idag)
        kung = kungorelser(self.arkiv, self.idag)
        # built for another day than today (anslag bygg --idag): the page is a view of that
        # day, and the board's script judges by it instead of by the reader's clock
        per = "" if self.idag == idag_stockholm() else f' data-visas-per="{self.idag.isoformat()}"'
        ut = [f'<h1>Anslagstavla</h1>',
              f'<p class="ingress">{e(k.namn)}s officiella anslagstavla. Här tillkännages när '
              f'protokoll har justerats och när kommunfullmäktige ska sammanträda '
              f'(kommunallagen 8 kap. 9–13 §§). Anslagen visas enligt läget '
              f'{prosa(self.idag)}.</p>',
              f'<section class="anslagstavla" aria-labelledby="tavla-anslag"{per}>',
              '<h2 id="tavla-anslag">Anslag om justerade protokoll</h2>']
        ut += _anslagslista([self._anslag_html(an, fran) for an in anslag],
                            "Det finns inga anslag om justerade protokoll just nu.")
        ut.append(f'<p class="tavla-overklaga">Ett beslut kan överklagas inom tre veckor från '
                  f'den dag anslaget sattes upp. {a(urls.relativ(fran, urls.OVERKLAGA), "Så överklagar du ett beslut")}.</p>')
        ut.append('<h2 id="tavla-kungorelser">Kungörelser</h2>')
        ut += _anslagslista([self._kungorelse_html(kg, fran) for kg in kung],
                            "Det finns inga kungörelser just nu.")
        ut.append("</section>")

        kommande = [m for m in kommande_sammantraden(self.arkiv, self.idag)][:30]
        ut.append('<section class="kommande" aria-labelledby="tavla-kommande">'
                  '<h2 id="tavla-kommande">Kommande sammanträden</h2>')
        if kommande:
            ut.append('<table><thead><tr><th scope="col">Datum</th><th scope="col">Tid</th>'
                      '<th scope="col">Organ</th><th scope="col">Plats</th></tr></thead><tbody>')
            for m in kommande:
                ut.append(f"<tr><td>{a(urls.relativ(fran, urls.sammantrade(m.organ_id, m.datum)), iso(m.datum))}</td>"
                          f"<td>{e(m.tid or '')}</td><td>{e(self.organ_namn(m.organ_id))}</td>"
                          f"<td>{e(m.plats or '')}</td></tr>")
            ut.append("</tbody></table>")
        else:
            ut.append("<p>Inga sammanträden är inplanerade.</p>")
        ut.append("</section>")
        ut.append('<section class="prenumerera" aria-labelledby="tavla-prenumerera">'
                  '<h2 id="tavla-prenumerera">Följ anslagstavlan</h2><ul>'
                  f'<li>{a(urls.relativ(fran, urls.ANSLAG_XML), "Anslag som webbflöde (Atom)")}</li>'
                  f'<li>{a(urls.relativ(fran, urls.ICS), "Sammanträden som kalender (iCalendar)")}</li>'
                  f'<li>{a(urls.relativ(fran, urls.PROTOKOLL), "Alla protokoll")}</li>'
                  "</ul></section>")
        return Sida(urls.TAVLA, "Anslagstavla", "\n".join(ut), nav=True,
                    beskrivning=f"{k.namn}s anslagstavla: justerade protokoll och kungörelser.")

    def _anslag_html(self, an, fran: str) -> str:
        m, o = an.sammantrade, an.organ
        nummer = [p.nummer for p in an.paragrafer]
        hid = f"anslag-{an.id}"
        if an.omedelbart:
            p = an.paragrafer[0]
            rubrik = (f"{e(o.namn)}: {e(spann(nummer))} {e(p.publik_rubrik)}, "
                      f"sammanträde {prosa(m.datum)}")
            typ = ("Paragrafen är omedelbart justerad. Justeringen har tillkännagivits "
                   "genom anslag.")
            las = a(urls.relativ(fran, urls.paragraf(o.id, m.datum, p.nummer)),
                    f"Läs {e(spann(nummer))}")
            utdrag = self.utdrag_pdf(m, p)
            pdf = (a(urls.relativ(fran, utdrag), f"Protokollsutdrag {e(spann(nummer))} (PDF)")
                   if utdrag else "")
        else:
            rubrik = f"{e(o.namn)}, sammanträde {prosa(m.datum)}"
            typ = "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."
            las = a(urls.relativ(fran, urls.sammantrade(o.id, m.datum)), "Läs protokollet")
            protokoll = self.protokoll_pdf(m)
            pdf = a(urls.relativ(fran, protokoll), "Protokollet (PDF)") if protokoll else ""
        d = an.datum
        fakta = [("Instans", e(o.namn)), ("Sammanträdesdatum", iso(m.datum)),
                 ("Paragrafer", e(spann(nummer)) or "–"),
                 ("Datum för justering", iso(an.justeringsdatum)),
                 ("Datum då anslaget sattes upp", iso(d.uppsatt)),
                 ("Sista dag för överklagande", iso(d.sista_dag)),
                 ("Datum då anslaget tas ned", iso(d.nedtas)),
                 ("Förvaringsplats för protokollet", e(an.forvaringsplats or "–"))]
        lankar = [x for x in (las, pdf, a(urls.relativ(fran, urls.OVERKLAGA),
                                          "Så överklagar du beslutet")) if x]
        return (f'<li class="anslag" id="{e(hid)}" data-uppsatt="{d.uppsatt.isoformat()}" '
                f'data-nedtas="{d.nedtas.isoformat()}">'
                f'<article aria-labelledby="{e(hid)}-rubrik">'
                f'<h3 id="{e(hid)}-rubrik">{rubrik}</h3><p class="anslag-typ">{typ}</p>'
                f'<dl class="fakta">{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in fakta)}</dl>'
                f'<ul class="anslag-lankar">{"".join(f"<li>{x}</li>" for x in lankar)}</ul>'
                "</article></li>")

    def _kungorelse_html(self, kg, fran: str) -> str:
        m, o = kg.sammantrade, kg.organ
        hid = f"kungorelse-{o.id}-{m.datum.isoformat()}"
        tid = f" kl. {e(m.tid)}" if m.tid else ""
        plats = f" i {e(m.plats)}" if m.plats else ""
        arenden = ""
        if m.kallelse and m.kallelse.arenden:
            arenden = ('<h4>Ärenden</h4><ol class="kallelse-arenden">' + "".join(
                f"<li>{e(x.rubrik)}{' (dnr ' + e(x.dnr) + ')' if x.dnr else ''}</li>"
                for x in m.kallelse.arenden) + "</ol>")
        lankar = [a(urls.relativ(fran, urls.sammantrade(o.id, m.datum)), "Om sammanträdet")]
        if kallelse := self.kallelse_pdf(m):
            lankar.append(a(urls.relativ(fran, kallelse), "Kungörelsen (PDF)"))
        return (f'<li class="anslag kungorelse" id="{e(hid)}" '
                f'data-uppsatt="{kg.fran.isoformat()}" '
                f'data-nedtas="{nedtas_kungorelse(kg).isoformat()}">'
                f'<article aria-labelledby="{e(hid)}-rubrik">'
                f'<h3 id="{e(hid)}-rubrik">Kungörelse: {e(o.namn)} sammanträder {prosa(m.datum)}</h3>'
                f"<p>{e(o.namn)} sammanträder {prosa(m.datum)}{tid}{plats}. "
                f"Sammanträdet är offentligt.</p>{arenden}"
                f'<dl class="fakta"><dt>Kungjord</dt><dd>{iso(kg.fran)}</dd>'
                f"<dt>Sammanträdesdag</dt><dd>{iso(m.datum)}</dd></dl>"
                f'<ul class="anslag-lankar">{"".join(f"<li>{x}</li>" for x in lankar)}</ul>'
                "</article></li>")

    # ------------------------------------------------------------ /overklaga/

    def overklaga(self) -> Sida:
        k = self.kommun
        v = k.overklagande.veckor
        veckor = {1: "en vecka", 2: "två veckor", 3: "tre veckor", 4: "fyra veckor"}.get(
            v, f"{v} veckor")
        fran = urls.OVERKLAGA
        html = f"""<h1>Så överklagar du ett kommunalt beslut</h1>
<p class="ingress">Beslut som fattas av {e(k.namn)}s fullmäktige och nämnder kan överklagas genom
<strong>laglighetsprövning</strong> enligt 13 kap. kommunallagen (2017:725). Domstolen prövar då om
beslutet har kommit till på lagligt sätt, inte om det är lämpligt.</p>

<h2 id="vem">Vem får överklaga?</h2>
<p>Varje medlem av kommunen får överklaga (13 kap. 1 § kommunallagen). Du är kommunmedlem om du är
folkbokförd i kommunen, äger fast egendom i kommunen eller ska betala kommunalskatt där
(1 kap. 5 § kommunallagen). Du behöver inte själv vara berörd av beslutet.</p>

<h2 id="vilka-beslut">Vilka beslut kan överklagas?</h2>
<p>Beslut av fullmäktige och beslut av nämnder som inte är av rent förberedande eller rent
verkställande art kan laglighetsprövas (13 kap. 2 § kommunallagen). Ett utskotts beredning av ett
ärende är förberedande och kan inte överklagas för sig; det är det slutliga beslutet som
överklagas.</p>

<h2 id="nar">När ska överklagandet ha kommit in?</h2>
<p>Överklagandet ska ha <strong>kommit in till förvaltningsrätten inom {e(veckor)} från den dag då
det tillkännagavs på kommunens anslagstavla att protokollet har justerats</strong>
(13 kap. 5 § kommunallagen). Dagen då anslaget sattes upp och sista dagen för överklagande står
i varje anslag på {a(urls.relativ(fran, urls.TAVLA), "anslagstavlan")} och i protokollets
ANSLAG/BEVIS. Om sista dagen infaller på en lördag, söndag eller helgdag, midsommarafton,
julafton eller nyårsafton räcker det att överklagandet kommer in nästa vardag
(lagen (1930:173) om beräkning av lagstadgad tid). Ett överklagande som kommer in för sent
prövas inte.</p>

<h2 id="hur">Hur överklagar jag?</h2>
<p>Överklagandet ska vara <strong>skriftligt</strong> och skickas till
<strong>förvaltningsrätten</strong> – inte till kommunen. Det är förvaltningsrätten i det
domkretsområde där kommunen ligger som prövar överklagandet. Skriv i överklagandet:</p>
<ul>
<li><strong>vilket beslut</strong> du överklagar: organ (till exempel kommunfullmäktige eller en
nämnd), sammanträdesdatum och paragraf, gärna också diarienummer;</li>
<li><strong>varför</strong> beslutet enligt dig ska upphävas, och vilka omständigheter du
stöder det på;</li>
<li>ditt namn, din adress, ditt telefonnummer och din e-postadress, och att du är medlem av
kommunen;</li>
<li>din underskrift.</li>
</ul>
<p>Protokollet med beslutet finns i {a(urls.relativ(fran, urls.PROTOKOLL), "protokollarkivet")}
och kan också läsas på protokollets förvaringsplats, som anges i anslaget.</p>

<h2 id="grunder">På vilka grunder kan ett beslut upphävas?</h2>
<p>Förvaltningsrätten upphäver beslutet om det (13 kap. 8 § kommunallagen)</p>
<ol>
<li>inte har kommit till på lagligt sätt,</li>
<li>avser något som inte är en angelägenhet för kommunen,</li>
<li>har fattats av ett organ som har överskridit sina befogenheter, eller</li>
<li>strider mot lag eller annan författning.</li>
</ol>
<p><strong>Alla omständigheter som du stöder överklagandet på måste anges inom
överklagandetiden.</strong> Nya omständigheter får inte föras fram efter att tiden har gått ut
(13 kap. 6 § kommunallagen). Domstolen kan bara upphäva beslutet, inte ersätta det med ett annat
beslut. Om beslutet upphävs gäller det alla, inte bara den som överklagade.</p>

<h2 id="forvaltningsbesvar">Förvaltningsbesvär – när en annan ordning gäller</h2>
<p>Vissa beslut överklagas inte genom laglighetsprövning utan genom
<strong>förvaltningsbesvär</strong>, om en annan lag säger det, till exempel beslut enligt
socialtjänstlagen, skollagen eller plan- och bygglagen (13 kap. 3 § kommunallagen). Då får den som
beslutet angår överklaga, och överklagandet ska enligt förvaltningslagen (2017:900) lämnas till den
nämnd som fattade beslutet inom tre veckor från den dag du fick del av beslutet. Ett sådant beslut
har en egen överklagandehänvisning. Kontakta kommunen om du är osäker på hur ett beslut
överklagas.</p>
"""
        return Sida(fran, "Överklaga ett beslut", f'<div data-pagefind-body>{html}</div>',
                    nav=True, sok=ALLMANT,
                    beskrivning="Hur du överklagar ett kommunalt beslut genom laglighetsprövning.")

    # ------------------------------------------------------------ archive indexes

    def protokoll_index(self) -> Sida:
        fran = urls.PROTOKOLL
        ut = ["<h1>Protokoll</h1>",
              f"<p class=\"ingress\">Alla protokoll som {e(self.kommun.namn)} har publicerat, "
              "per organ. Protokollen finns kvar här på samma adress.</p>"]
        if not self.organ:
            ut.append("<p>Arkivet är tomt.</p>")
        else:
            ut.append('<table><thead><tr><th scope="col">Organ</th><th scope="col">Kortnamn</th>'
                      '<th scope="col">Typ</th><th scope="col">Senaste sammanträde</th>'
                      '<th scope="col">Sammanträden</th></tr></thead><tbody>')
            for o in self.organ:
                senaste = max((m.datum for m in o.sammantraden if m.datum <= self.idag),
                              default=None)
                typ = ORGANTYP.get(o.typ, o.typ)
                if o.under and o.under in self.arkiv.organ:
                    typ += f" under {e(self.arkiv.organ[o.under].kortnamn)}"
                ut.append(f"<tr><td>{a(urls.relativ(fran, urls.organ(o.id)), e(o.namn))}</td>"
                          f"<td>{e(o.kortnamn)}</td><td>{typ}</td>"
                          f"<td>{iso(senaste) if senaste else '–'}</td>"
                          f"<td>{len(o.sammantraden)}</td></tr>")
            ut.append("</tbody></table>")
        ut.append(f"<p>Sök i protokollen på {a(urls.relativ(fran, urls.SOK), 'söksidan')}, eller "
                  f"följ ett ärende genom alla organ under {a(urls.relativ(fran, urls.ARENDEN), 'Ärenden')}.</p>")
        return Sida(fran, "Protokoll", "\n".join(ut), nav=True, sok=None)

    def _mote_rad(self, m: Sammantrade, fran: str) -> str:
        status = self._status_kort(m)
        dok = self._pdf_lankar(m, fran, "Protokoll (PDF)", "Kallelse (PDF)")
        return (f"<tr><td>{a(urls.relativ(fran, urls.sammantrade(m.organ_id, m.datum)), iso(m.datum))}</td>"
                f"<td>{e(spann([p.nummer for p in m.paragrafer])) or '–'}</td><td>{status}</td>"
                f"<td>{' · '.join(dok) or '–'}</td></tr>")

    def _pdf_lankar(self, m: Sammantrade, fran: str, protokoll: str, kallelse: str) -> list[str]:
        """Links to the meeting's protokoll and kallelse PDFs, where they exist."""
        return [a(urls.relativ(fran, v), text)
                for v, text in ((self.protokoll_pdf(m), protokoll), (self.kallelse_pdf(m), kallelse))
                if v]

    def _status_kort(self, m: Sammantrade) -> str:
        if m.utdrag:
            return "Protokollsutdrag"
        if (m.organ_id, m.datum) in self.publikt.ej_justerade:
            return "Ej justerat"
        if m.paragrafer and m.justering:
            return f"Justerat {iso(m.justering.datum)}"
        if m.datum >= self.idag:
            return "Planerat"
        return "Protokoll saknas"

    def _motestabell(self, moten: list[Sammantrade], fran: str, caption: str) -> str:
        rader = "".join(self._mote_rad(m, fran) for m in sorted(moten, key=lambda m: m.datum,
                                                                  reverse=True))
        return (f'<table><caption>{e(caption)}</caption><thead><tr><th scope="col">Datum</th>'
                '<th scope="col">Paragrafer</th><th scope="col">Status</th>'
                f'<th scope="col">Dokument</th></tr></thead><tbody>{rader}</tbody></table>')

    def organ_sida(self, o: Organ) -> Sida:
        fran = urls.organ(o.id)
        ut = [self.brodsmulor(fran, [("Protokoll", urls.PROTOKOLL), (o.kortnamn, None)]),
              f"<h1>{e(o.namn)}</h1>"]
        fakta = [("Kortnamn", e(o.kortnamn)), ("Typ", e(ORGANTYP.get(o.typ, o.typ)))]
        if o.under and o.under in self.arkiv.organ:
            u = self.arkiv.organ[o.under]
            fakta.append(("Bereder ärenden åt", a(urls.relativ(fran, urls.organ(u.id)), e(u.namn))))
        underorgan = [x for x in self.organ if x.under == o.id]
        if underorgan:
            fakta.append(("Utskott och beredningar", ", ".join(
                a(urls.relativ(fran, urls.organ(x.id)), e(x.namn)) for x in underorgan)))
        if o.forvaringsplats or self.kommun.forvaringsplats:
            fakta.append(("Förvaringsplats för protokollen",
                          e(o.forvaringsplats or self.kommun.forvaringsplats)))
        fakta.append(("Webbflöde", a(urls.relativ(fran, urls.organ_flode(o.id)),
                                      f"Anslag från {e(o.kortnamn)} (Atom)")))
        ut.append('<dl class="fakta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in fakta)
                  + "</dl>")
        if not o.sammantraden:
            ut.append("<p>Det finns inga sammanträden i arkivet.</p>")
        per_ar: dict[int, list[Sammantrade]] = defaultdict(list)
        for m in o.sammantraden:
            per_ar[m.ar].append(m)
        for ar in o.ar:
            ut.append(f'<h2 id="ar-{ar}">{a(urls.relativ(fran, urls.organ_ar(o.id, ar)), str(ar))}</h2>')
            ut.append(self._motestabell(per_ar[ar], fran, f"Sammanträden {ar}"))
        return Sida(fran, o.namn, f'<div data-pagefind-body>{"".join(ut)}</div>', sok=ALLMANT,
                    beskrivning=f"Protokoll från {o.namn}.")

    def organ_ar_sida(self, o: Organ, ar: int) -> Sida:
        fran = urls.organ_ar(o.id, ar)
        ut = [self.brodsmulor(fran, [("Protokoll", urls.PROTOKOLL), (o.kortnamn, urls.organ(o.id)),
                                     (str(ar), None)]),
              f"<h1>{e(o.namn)} {ar}</h1>"]
        moten = sorted((m for m in o.sammantraden if m.ar == ar), key=lambda m: m.datum)
        for m in moten:
            mu = urls.sammantrade(o.id, m.datum)
            ut.append(f'<h2 id="m-{m.datum.isoformat()}">{a(urls.relativ(fran, mu), prosa(m.datum))}</h2>')
            ut.append(f"<p>{self._status_kort(m)}</p>")
            if m.paragrafer:
                ut.append(self._arendelista(m, fran))
        return Sida(fran, f"{o.namn} {ar}", "\n".join(ut), sok=None)

    # ------------------------------------------------------------ meeting

    def _arendelista(self, m: Sammantrade, fran: str) -> str:
        rader = []
        for p in m.paragrafer:
            pu = urls.relativ(fran, urls.paragraf(m.organ_id, m.datum, p.nummer))
            if p.ar_sekretess:
                rubrik = f"{a(pu, e(p.publik_rubrik))} <span class=\"etikett\">Sekretess</span>"
                dnr = "–"
            else:
                rubrik = a(pu, e(p.rubrik))
                if p.omedelbart_justerad:
                    rubrik += ' <span class="etikett">Omedelbart justerad</span>'
                dnr = (a(urls.relativ(fran, urls.arende(p.dnr)), e(p.dnr)) if p.dnr else "–")
            rader.append(f'<tr><td>{a(pu, e("§ " + str(p.nummer)))}</td><td>{rubrik}</td>'
                         f'<td class="dnr">{dnr}</td></tr>')
        return ('<table><thead><tr><th scope="col">Paragraf</th>'
                '<th scope="col">Ärende</th><th scope="col">Dnr</th></tr></thead>'
                f'<tbody>{"".join(rader)}</tbody></table>')

    def _ledamot(self, person, m: Sammantrade) -> str:
        s = str(person)
        if m.ordforande and person.namn == m.ordforande:
            s = person.kort + ", ordförande" + (f", ersätter {person.ersatter.kort}"
                                               if person.ersatter else "")
        return e(s)

    def sammantrade_sida(self, o: Organ, m: Sammantrade) -> Sida:
        fran = urls.sammantrade(o.id, m.datum)
        titel = f"{o.namn} {m.datum.isoformat()}"
        ut = [self.brodsmulor(fran, [("Protokoll", urls.PROTOKOLL), (o.kortnamn, urls.organ(o.id)),
                                     (str(m.ar), urls.organ_ar(o.id, m.ar)),
                                     (m.datum.isoformat(), None)])]
        ar_protokoll = bool(m.paragrafer) and (o.id, m.datum) not in self.publikt.ej_justerade
        if m.utdrag:
            ut.append(f"<h1>Protokollsutdrag: {e(o.namn)}, {prosa(m.datum)}</h1>")
            ut.append('<p class="notis">Arkivet innehåller bara protokollsutdrag från det här '
                      f"sammanträdet ({e(spann([p.nummer for p in m.paragrafer]))}), inte hela "
                      "protokollet.</p>")
        elif ar_protokoll:
            ut.append(f"<h1>Protokoll: {e(o.namn)}, {prosa(m.datum)}</h1>")
        else:
            ut.append(f"<h1>Sammanträde: {e(o.namn)}, {prosa(m.datum)}</h1>")
            if (o.id, m.datum) in self.publikt.ej_justerade:
                ut.append('<p class="notis">Protokollet är ännu inte justerat. Det publiceras '
                          "här när det har justerats.</p>")
            elif m.datum >= self.idag:
                ut.append('<p class="notis">Sammanträdet är planerat.</p>')
            else:
                ut.append('<p class="notis">Protokollet finns inte i arkivet.</p>')

        # framsida
        rader: list[tuple[str, str]] = []
        pt = ", ".join(x for x in [e(m.plats) if m.plats else "", prosa(m.datum)
                                   + (f" kl. {e(m.tid)}" if m.tid else "")] if x)
        rader.append(("Plats och tid", pt))
        if m.beslutande:
            rader.append(("Beslutande", "<ul>" + "".join(
                f"<li>{self._ledamot(p, m)}</li>" for p in m.beslutande) + "</ul>"))
        if m.ersattare:
            rader.append(("Ej tjänstgörande ersättare",
                          "<ul>" + "".join(f"<li>{e(p)}</li>" for p in m.ersattare) + "</ul>"))
        if m.ovriga:
            rader.append(("Övriga närvarande",
                          "<ul>" + "".join(f"<li>{e(p)}</li>" for p in m.ovriga) + "</ul>"))
        if m.justerare:
            rader.append(("Justerare", e(", ".join(m.justerare))))
        if m.justering:
            rader.append(("Justeringens plats och tid", ", ".join(
                x for x in [e(m.justering.plats) if m.justering.plats else "",
                            iso(m.justering.datum)] if x)))
        if m.paragrafer:
            rader.append(("Paragrafer", e(spann([p.nummer for p in m.paragrafer]))))
        if m.sekreterare:
            rader.append(("Sekreterare", e(m.sekreterare)))
        if m.ordforande:
            rader.append(("Ordförande", e(m.ordforande)))
        ut.append('<div class="framsida"><table><caption>Protokollets framsida</caption><tbody>' + "".join(
            f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rader)
            + "</tbody></table></div>")

        # ANSLAG/BEVIS
        if not m.utdrag and m.justering and ar_protokoll:
            ut.append('<section class="bevis" aria-labelledby="bevis-rubrik">'
                      '<h2 id="bevis-rubrik">Anslag/bevis</h2>')
            if m.anslag:
                d = m.anslag
                ut.append("<p>Protokollet är justerat. Justeringen har tillkännagivits genom "
                          "anslag.</p>")
                fakta = [("Instans", e(o.namn)), ("Sammanträdesdatum", iso(m.datum)),
                         ("Datum då anslaget sätts upp", iso(d.uppsatt)),
                         ("Sista dag för överklagande", iso(d.sista_dag)),
                         ("Datum då anslaget tas ned", iso(d.nedtas)),
                         ("Förvaringsplats för protokollet", e(m.forvaringsplats or "–"))]
                ut.append('<dl class="fakta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>"
                                                          for k, v in fakta) + "</dl>")
                ut.append(f"<p>{a(urls.relativ(fran, urls.OVERKLAGA), 'Så överklagar du ett beslut')}</p>")
            else:
                ut.append("<p>Protokollet är justerat. Justeringen har ännu inte tillkännagivits "
                          "på anslagstavlan.</p>")
                if m.forvaringsplats:
                    ut.append(f"<p>Förvaringsplats för protokollet: {e(m.forvaringsplats)}</p>")
            ut.append("</section>")

        if m.text:
            ut.append(f'<div class="motestext">{self.md(m.text, fran)}</div>')

        if m.rattelser:
            ut.append('<section aria-labelledby="rattelser"><h2 id="rattelser">Rättelser</h2><ul>')
            for r in m.rattelser:
                ut.append(f"<li>{iso(r.datum)}: {e(r.orsak)}</li>")
            ut.append("</ul></section>")

        if m.paragrafer:
            ut.append('<h2 id="arendelista">Ärendelista</h2>')
            ut.append(self._arendelista(m, fran))
        elif m.kallelse and m.kallelse.arenden:
            ut.append('<h2 id="arendelista">Ärenden enligt kallelsen</h2><ol>' + "".join(
                f"<li>{e(x.rubrik)}{' (dnr ' + e(x.dnr) + ')' if x.dnr else ''}</li>"
                for x in m.kallelse.arenden) + "</ol>")

        dok = self._pdf_lankar(m, fran, "Protokollet som PDF",
                               "Kallelsen som PDF" if o.typ != "fullmaktige" else "Kungörelsen som PDF")
        if m.kallelse:
            dok.append(f"Kallelsen utfärdades {prosa(m.kallelse.datum)}.")
        dok.append(a(urls.relativ(fran, urls.sammantrade_json(o.id, m.datum)),
                     "Sammanträdet som öppna data (JSON)"))
        ut.append('<h2 id="dokument">Dokument</h2><ul class="dokument">'
                  + "".join(f"<li>{x}</li>" for x in dok) + "</ul>")
        html = (f'<div data-pagefind-body data-pagefind-filter="organ:{e(o.namn)}" '
                f'data-pagefind-meta="datum:{m.datum.isoformat()}">' + "\n".join(ut) + "</div>")
        return Sida(fran, titel, html, sok=str(m.ar),
                    beskrivning=f"{o.namn}, sammanträde {langt(m.datum)}.")

    # ------------------------------------------------------------ paragraph

    def paragraf_sida(self, o: Organ, m: Sammantrade, p: Paragraf,
                      foreg: Paragraf | None = None, nasta: Paragraf | None = None) -> Sida:
        fran = urls.paragraf(o.id, m.datum, p.nummer)
        nr = f"§ {p.nummer}"
        ut = [self.brodsmulor(fran, [("Protokoll", urls.PROTOKOLL), (o.kortnamn, urls.organ(o.id)),
                                     (str(m.ar), urls.organ_ar(o.id, m.ar)),
                                     (m.datum.isoformat(), urls.sammantrade(o.id, m.datum)),
                                     (nr, None)])]
        mote = a(urls.relativ(fran, urls.sammantrade(o.id, m.datum)), prosa(m.datum))
        ut.append(f'<h1><span class="paragraf-nr">{e(nr)}</span> {e(p.publik_rubrik)}</h1>')
        if p.ar_sekretess:
            ut.append(f'<p class="paragraf-meta">{e(o.namn)}, sammanträde {mote}</p>')
            ut.append(f'<p class="notis">Paragrafen omfattas av sekretess ({e(p.sekretess)}). '
                      "Bara paragrafens nummer och rubrik publiceras.</p>")
        else:
            meta = f"{e(o.namn)}, sammanträde {mote}"
            if p.dnr:
                meta += f' · Dnr {a(urls.relativ(fran, urls.arende(p.dnr)), e(p.dnr))}'
            ut.append(f'<p class="paragraf-meta">{meta}</p>')
            if m.utdrag:
                ut.append('<p class="notis">Protokollsutdrag. Arkivet innehåller inte hela '
                          "protokollet från sammanträdet.</p>")
            if p.omedelbart_justerad:
                ut.append('<p class="notis">Paragrafen justerades omedelbart vid sammanträdet.</p>')
            kopp = []
            if p.beredning:
                kopp.append(("Beredning", ", ".join(self.ref_html(r, fran) for r in p.beredning)))
            if p.vidare_behandling:
                kopp.append(("Vidare behandling", ", ".join(self.ref_html(r, fran)
                                                            for r in p.vidare_behandling)))
            if p.hanvisningar:
                kopp.append(("Hänvisningar", ", ".join(self.ref_html(r, fran)
                                                       for r in p.hanvisningar)))
            if p.dnr and self.flera_i_arende(p.dnr):
                kopp.append(("Ärendets gång", a(urls.relativ(fran, urls.arende(p.dnr)),
                                                f"Alla paragrafer i ärende {e(p.dnr)}")))
            if kopp:
                ut.append('<dl class="kopplingar">' + "".join(f"<dt>{k}:</dt><dd>{v}</dd>"
                                                               for k, v in kopp) + "</dl>")
            if p.ingress:
                ut.append(self.md(p.ingress, fran))
            for i, s in enumerate(p.sektioner):
                klass = ' class="beslut"' if s.ar_beslut else ""
                ut.append(f'<section{klass} aria-labelledby="s{i}"><h2 id="s{i}">{e(s.rubrik)}</h2>'
                          f"{self.md(s.text, fran)}</section>")
            if p.jav:
                ut.append('<h2 id="jav">Jäv</h2><ul>' + "".join(
                    f"<li>{e(n)} anmäler jäv och deltar inte i handläggningen.</li>"
                    for n in p.jav) + "</ul>")
            if p.omrostning:
                om = p.omrostning
                ut.append('<h2 id="omrostning">Omröstning</h2>')
                ut.append(f"<p>Omröstningsresultat: {len(om.ja)} ja-röster, {len(om.nej)} "
                          f"nej-röster, {len(om.avstar)} avstår.</p>")
                ut.append('<table><thead><tr><th scope="col">Ledamot</th>'
                          '<th scope="col">Röst</th></tr></thead><tbody>' + "".join(
                              f"<tr><td>{e(n)}</td><td>{r}</td></tr>"
                              for r, lista in (("Ja", om.ja), ("Nej", om.nej), ("Avstår", om.avstar))
                              for n in lista) + "</tbody></table>")
            if p.reservationer:
                ut.append('<h2 id="reservationer">Reservationer</h2><ul>' + "".join(
                    f"<li>{e(n)} reserverar sig mot beslutet.</li>" for n in p.reservationer)
                    + "</ul>")
            if p.beslutsunderlag:
                li = []
                for b in p.beslutsunderlag:
                    if b.fil and b.kalla:
                        storlek = f" ({_storlek(b.storlek)})" if b.storlek else ""
                        li.append("<li>" + a(urls.relativ(fran, urls.bilaga(o.id, m.datum, b.fil)),
                                             e(b.titel)) + f"{e(storlek)}</li>")
                    else:
                        li.append(f"<li>{self.md_rad(b.titel, fran)}</li>")
                ut.append('<h2 id="beslutsunderlag">Beslutsunderlag</h2><ul>' + "".join(li)
                          + "</ul>")
            if p.expedieras:
                ut.append('<h2 id="expedieras">Expedieras till</h2><ul>' + "".join(
                    f"<li>{e(x)}</li>" for x in p.expedieras) + "</ul>")
            if utdrag := self.utdrag_pdf(m, p):
                ut.append('<p class="dokument">' + a(urls.relativ(fran, utdrag),
                                                     f"Protokollsutdrag {e(nr)} (PDF)") + "</p>")
        bladdra = []
        if foreg:
            bladdra.append(f'<li class="foregaende">{a(urls.relativ(fran, urls.paragraf(o.id, m.datum, foreg.nummer)), "Föregående: " + e(f"§ {foreg.nummer} {foreg.publik_rubrik}"))}</li>')
        if nasta:
            bladdra.append(f'<li class="nasta">{a(urls.relativ(fran, urls.paragraf(o.id, m.datum, nasta.nummer)), "Nästa: " + e(f"§ {nasta.nummer} {nasta.publik_rubrik}"))}</li>')
        if bladdra:
            ut.append(f'<nav class="bladdra" aria-label="Paragrafer i protokollet" '
                      f'data-pagefind-ignore><ul>{"".join(bladdra)}</ul></nav>')
        html = (f'<article class="paragraf" data-pagefind-body '
                f'data-pagefind-filter="organ:{e(o.namn)}" '
                f'data-pagefind-meta="datum:{m.datum.isoformat()}">' + "\n".join(ut) + "</article>")
        return Sida(fran, f"{nr} {p.publik_rubrik} – {o.kortnamn} {m.datum.isoformat()}", html,
                    sok=str(m.ar))

    def md_rad(self, text: str, fran: str) -> str:
        """One line of text (a plain beslutsunderlag) with reference links, no <p>."""
        h = self.md(text, fran)
        if h.startswith("<p>") and h.endswith("</p>") and h.count("<p>") == 1:
            h = h[3:-4]
        return h

    # ------------------------------------------------------------ ärendets gång

    def arende_sida(self, dnr: str, ps: list[Paragraf]) -> Sida:
        fran = urls.arende(dnr)
        ut = [self.brodsmulor(fran, [("Ärenden", urls.ARENDEN), (dnr, None)]),
              f"<h1>Ärendets gång, dnr {e(dnr)}</h1>",
              f"<p>Alla publicerade paragrafer med diarienummer {e(dnr)}, äldst först.</p>",
              '<ol class="arendegang">']
        for p in ps:
            o = self.arkiv.organ[p.organ_id]
            ref = self.arkiv.referens_text(p.organ_id, p.datum, p.nummer)
            beslut = p.beslut
            ut.append(f'<li><article aria-labelledby="p-{e(p.organ_id)}-{p.datum}-{p.nummer}">'
                      f'<h2 id="p-{e(p.organ_id)}-{p.datum}-{p.nummer}">'
                      f"{a(urls.relativ(fran, urls.paragraf(p.organ_id, p.datum, p.nummer)), e(ref))}: "
                      f"{e(p.rubrik)}</h2><p>{e(o.namn)}, {prosa(p.datum)}</p>"
                      + (f'<div class="beslut"><p class="beslut-rubrik">{e(beslut.rubrik)}</p>'
                         f"{self.md(beslut.text, fran)}</div>" if beslut else "")
                      + "</article></li>")
        ut.append("</ol>")
        return Sida(fran, f"Ärendets gång {dnr}", "\n".join(ut), sok=None)

    def arenden_index(self) -> Sida:
        fran = urls.ARENDEN
        ut = ["<h1>Ärenden</h1>",
              "<p class=\"ingress\">Ett ärende följs genom sitt diarienummer (dnr) från beredning "
              "till beslut, till exempel från arbetsutskott via nämnd och kommunstyrelse till "
              "kommunfullmäktige.</p>"]
        if self.arkiv.arenden:
            ut.append('<table><thead><tr><th scope="col">Dnr</th><th scope="col">Ärende</th>'
                      '<th scope="col">Senast behandlat</th><th scope="col">Paragrafer</th>'
                      "</tr></thead><tbody>")
            for dnr, ps in sorted(self.arkiv.arenden.items(), key=lambda x: x[0], reverse=True):
                if urls.arende(dnr) == "arenden/-/":
                    continue
                sista = ps[-1]
                ut.append(f"<tr><td>{a(urls.relativ(fran, urls.arende(dnr)), e(dnr))}</td>"
                          f"<td>{e(sista.rubrik)}</td><td>{iso(sista.datum)}</td>"
                          f"<td>{len(ps)}</td></tr>")
            ut.append("</tbody></table>")
        else:
            ut.append("<p>Det finns inga ärenden med diarienummer i arkivet.</p>")
        return Sida(fran, "Ärenden", "\n".join(ut), nav=True, sok=None)

    # ------------------------------------------------------------ data, search

    def data_sida(self) -> Sida:
        fran = urls.DATA
        webb = self.kommun.webbplats.rstrip("/")
        html = f"""<h1>Öppna data</h1>
<p class="ingress">Allt som publiceras i protokollarkivet finns också som öppna data. Filerna
byggs om varje gång webbplatsen byggs och ligger kvar på samma adresser. Sekretessbelagda
paragrafer finns bara med sitt nummer, sin offentliga rubrik och sekretessgrunden.</p>
<h2 id="csv">Alla paragrafer (CSV)</h2>
<p>{a(urls.relativ(fran, urls.CSV), "paragrafer.csv")} innehåller en rad per publicerad paragraf
utan sekretess. Kolumner: <code>organ</code> (organets id), <code>organ_namn</code>,
<code>datum</code> (sammanträdesdatum, ÅÅÅÅ-MM-DD), <code>paragraf</code>, <code>dnr</code>,
<code>rubrik</code>, <code>beslut</code> (beslutstexten som ren text; tecknen &lt;, &gt; och &amp; skrivs som HTML-entiteter) och <code>url</code> (paragrafens
adress). Kodning UTF-8, kommaseparerad, fält med kommatecken, citattecken eller radbrytningar
omges av citattecken (RFC 4180).</p>
<h2 id="json">Ett sammanträde (JSON)</h2>
<p>Varje sammanträde finns som JSON på
<code>{e(webb)}/data/sammantraden/&lt;organ&gt;/&lt;ÅÅÅÅ-MM-DD&gt;.json</code>.
{a(urls.relativ(fran, urls.SAMMANTRADEN_JSON), "sammantraden.json")} listar alla sammanträden med
adressen till deras JSON-fil. En fil innehåller organ, datum, tid, plats, ordförande, sekreterare,
justerare, beslutande, ersättare, övriga närvarande, justering, anslag (uppsatt, sista dag för
överklagande, nedtas), förvaringsplats och paragraferna med nummer, rubrik, dnr, sekretess,
sektioner (rubrik, <code>html</code> med texten som säker HTML, <code>text</code> som ren text, om sektionen är beslutet), beredning, vidare behandling,
hänvisningar, beslutsunderlag, expedieras, jäv, reservationer och omröstning, samt
<code>dokument</code>: varje publicerad PDF och bilaga för sammanträdet med sin SHA-256. Datum
skrivs ÅÅÅÅ-MM-DD.</p>
<h2 id="kontrollsummor">Kontrollsummor</h2>
<p>{a(urls.relativ(fran, "data/sha256.txt"), "sha256.txt")} listar SHA-256 för varje publicerad
PDF och bilaga, en rad per fil i samma format som kommandot <code>sha256sum</code>. Med den kan vem
som helst kontrollera att en nedladdad kopia är exakt den som kommunen publicerade, till exempel
med <code>sha256sum protokoll.pdf</code> eller <code>anslag verifiera protokoll.pdf</code>.</p>
<h2 id="flode">Webbflöden och kalender</h2>
<ul>
<li>{a(urls.relativ(fran, urls.ANSLAG_XML), "anslag.xml")}: Atom-flöde med ett inlägg per anslag.
Varje organ har ett eget flöde på <code>/protokoll/&lt;organ&gt;/anslag.xml</code>.</li>
<li>{a(urls.relativ(fran, urls.ICS), "sammantraden.ics")}: alla planerade och hållna sammanträden
(iCalendar).</li>
</ul>
<h2 id="adresser">Adresser</h2>
<p>Protokoll: <code>/protokoll/&lt;organ&gt;/&lt;datum&gt;/</code>, paragraf:
<code>/protokoll/&lt;organ&gt;/&lt;datum&gt;/&lt;nummer&gt;/</code>, ärendets gång:
<code>/arenden/&lt;dnr med / och : utbytta mot -&gt;/</code>. Adresserna ändras aldrig.</p>
"""
        return Sida(fran, "Öppna data", f"<div data-pagefind-body>{html}</div>", nav=True,
                    sok=ALLMANT)

    def sok_sida(self) -> Sida:
        import json
        buckets = self.sokbuckets()
        html = ('<h1>Sök i protokollen</h1>'
                '<p class="ingress">Sök bland paragrafer och protokoll. Sökningen sker i din '
                "webbläsare och fungerar utan anslutning till andra webbplatser.</p>"
                f'<div id="sok" data-buckets="{e(json.dumps(buckets))}" '
                f'data-bas="{e(urls.relativ(urls.SOK, "pagefind/"))}" '
                f'data-rot="{e(urls.relativ(urls.SOK, ""))}"></div>'
                '<noscript><p>Sökningen kräver JavaScript. Du kan också bläddra i '
                f'{a(urls.relativ(urls.SOK, urls.PROTOKOLL), "protokollarkivet")}.</p></noscript>')
        return Sida(urls.SOK, "Sök", html, nav=True, sok=None)


def _anslagslista(poster: list[str], tom: str) -> list[str]:
    """A list of board items, and the "nothing here" line (shown by the board's script
    too when it hides the last expired item)."""
    ut = ['<ul class="anslag-lista">', *poster, "</ul>"] if poster else []
    ut.append(f'<p class="tavla-tom"{" hidden" if poster else ""}>{tom}</p>')
    return ut


def _storlek(n: int) -> str:
    if n < 1024:
        return f"{n} byte"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


def alla_sidor(arkiv: Arkiv, idag: date, pdf: bool = False) -> list[Sida]:
    return list(Webbplats(arkiv, idag, pdf).sidor())


Lankfunktion = Callable[[str, date, int], str | None]

"""JSON Schemas (draft 2020-12) for every file in /data/, published beside the data.

``data/schema/<name>.schema.json`` describes ``data/<name>.json`` (or, for a CSV file, one
row of it as an object keyed by the header; for ``sha256.txt`` one line as
``{"sha256", "fil"}``). The tests validate every published data
file against its schema with ``jsonschema``, so the two cannot drift apart.
"""
from __future__ import annotations

DIALEKT = "https://json-schema.org/draft/2020-12/schema"
_DATUM = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_URL = {"type": "string", "format": "uri"}
_TEXT = {"type": ["string", "null"]}
_TEXTINNEHALL = {"type": "object", "required": ["html", "text"], "additionalProperties": False,
                 "properties": {"html": {"type": "string"}, "text": {"type": "string"}}}
_REF = {"type": "object", "required": ["text"], "additionalProperties": False,
        "properties": {"text": {"type": "string"}, "url": _URL}}
_ANSLAG = {"type": "object", "required": ["uppsatt", "sista_dag_for_overklagande", "nedtas"],
           "additionalProperties": False,
           "properties": {"uppsatt": _DATUM, "sista_dag_for_overklagande": _DATUM, "nedtas": _DATUM}}
_PERSON = {"type": "object", "required": ["namn", "parti"],
           "properties": {"namn": {"type": "string"}, "parti": _TEXT}}
_STRANGAR = {"type": "array", "items": {"type": "string"}}

_PARAGRAF = {
    "type": "object", "required": ["paragraf", "rubrik", "url"],
    "properties": {
        "paragraf": {"type": "integer", "minimum": 1}, "rubrik": {"type": "string"}, "url": _URL,
        "sekretess": {"type": "string", "description": "Sekretessgrund; paragrafen visas inte"},
        "dnr": _TEXT, "omedelbart_justerad": {"type": "boolean"}, "anslag": _ANSLAG,
        "beredning": {"type": "array", "items": _REF},
        "vidare_behandling": {"type": "array", "items": _REF},
        "hanvisningar": {"type": "array", "items": _REF},
        "ingress": _TEXTINNEHALL,
        "sektioner": {"type": "array", "items": {
            "type": "object", "required": ["rubrik", "html", "text", "beslut"],
            "properties": {"rubrik": {"type": "string"}, "html": {"type": "string"},
                           "text": {"type": "string"}, "beslut": {"type": "boolean"}}}},
        "beslutsunderlag": {"type": "array", "items": {
            "type": "object", "required": ["titel"],
            "properties": {"titel": {"type": "string"}, "url": _URL,
                           "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}}},
        "expedieras": _STRANGAR, "jav": _STRANGAR, "reservationer": _STRANGAR,
        "omrostning": {"type": "object", "required": ["ja", "nej", "avstar"],
                       "properties": {"ja": _STRANGAR, "nej": _STRANGAR, "avstar": _STRANGAR}},
    },
}

SAMMANTRADE = {
    "$schema": DIALEKT, "title": "Ett sammanträde (data/sammantraden/<organ>/<datum>.json)",
    "type": "object",
    "required": ["organ", "datum", "url", "utdrag", "protokoll_publicerat", "paragrafer"],
    "properties": {
        "organ": {"type": "object", "required": ["id", "namn", "kortnamn", "typ"],
                  "properties": {"id": {"type": "string"}, "namn": {"type": "string"},
                                 "kortnamn": _TEXT, "typ": _TEXT}},
        "datum": _DATUM, "url": _URL, "utdrag": {"type": "boolean"},
        "protokoll_publicerat": {"type": "boolean"},
        "tid": _TEXT, "plats": _TEXT, "ordforande": _TEXT, "sekreterare": _TEXT,
        "justerare": _STRANGAR,
        "beslutande": {"type": "array", "items": {
            **_PERSON, "properties": {**_PERSON["properties"],
                                      "ersatter": {"anyOf": [{"type": "null"}, _PERSON]}}}},
        "ersattare": {"type": "array", "items": _PERSON},
        "ovriga": _STRANGAR,
        "kallelse": {"anyOf": [{"type": "null"}, {
            "type": "object", "required": ["datum", "arenden"],
            "properties": {"datum": _DATUM, "arenden": {"type": "array", "items": {
                "type": "object", "required": ["rubrik"],
                "properties": {"rubrik": {"type": "string"}, "dnr": _TEXT}}}}}]},
        "justering": {"anyOf": [{"type": "null"}, {
            "type": "object", "required": ["datum"],
            "properties": {"datum": _DATUM, "plats": _TEXT}}]},
        "anslag": {"anyOf": [{"type": "null"}, _ANSLAG]},
        "forvaringsplats": _TEXT,
        "text": {"anyOf": [{"type": "null"}, _TEXTINNEHALL]},
        "rattelser": {"type": "array", "items": {
            "type": "object", "required": ["datum", "orsak"],
            "properties": {"datum": _DATUM, "orsak": {"type": "string"}}}},
        "paragrafer": {"type": "array", "items": _PARAGRAF},
        "protokoll_pdf": _URL,
        "handlingar": {"type": "array", "items": {"type": "object"},
                       "description": "Publicerade handlingar till sammanträdet"},
        "dokument": {"type": "array", "description": "Publicerade PDF:er och bilagor med SHA-256",
                     "items": {"type": "object", "required": ["fil", "sha256"],
                               "properties": {"fil": {"type": "string"},
                                              "sha256": {"type": "string",
                                                         "pattern": "^[0-9a-f]{64}$"}}}},
    },
}

SAMMANTRADEN = {
    "$schema": DIALEKT, "title": "Alla sammanträden (data/sammantraden.json)", "type": "object",
    "required": ["kommun", "sammantraden"], "additionalProperties": False,
    "properties": {
        "kommun": {"type": "string"},
        "sammantraden": {"type": "array", "items": {
            "type": "object", "required": ["organ", "datum", "url", "json"],
            "additionalProperties": False,
            "properties": {"organ": {"type": "string"}, "datum": _DATUM, "url": _URL,
                           "json": _URL}}}},
}

PERSONER = {
    "$schema": DIALEKT, "title": "Förtroendevalda (data/personer.json)", "type": "object",
    "required": ["kommun", "personer"],
    "properties": {
        "kommun": {"type": "string"},
        "personer": {"type": "array", "items": {
            "type": "object",
            "required": ["namn", "parti", "url", "partier", "uppdrag", "narvaro", "sammantraden",
                         "paragrafer"],
            "properties": {
                "namn": {"type": "string"}, "parti": _TEXT, "url": _URL,
                "partier": {"type": "array", "items": {
                    "type": "object", "required": ["parti", "fran"],
                    "properties": {"parti": _TEXT, "fran": _DATUM}}},
                "uppdrag": {"type": "array", "items": {
                    "type": "object",
                    "required": ["organ", "organ_namn", "roll", "forsta_sammantrade",
                                 "senaste_sammantrade"],
                    "properties": {"organ": {"type": "string"}, "organ_namn": {"type": "string"},
                                   "roll": {"type": "string"}, "forsta_sammantrade": _DATUM,
                                   "senaste_sammantrade": _DATUM}}},
                "narvaro": {"type": "array", "items": {
                    "type": "object", "required": ["ar", "som_ledamot"],
                    "properties": {"ar": {"type": "integer"},
                                   "som_ledamot": {"type": "integer", "minimum": 0},
                                   "som_tjanstgorande_ersattare": {"type": "integer", "minimum": 0},
                                   "som_ej_tjanstgorande_ersattare": {"type": "integer",
                                                                      "minimum": 0}}}},
                "sammantraden": {"type": "array", "items": {
                    "type": "object", "required": ["organ", "datum", "roll", "url"],
                    "properties": {"organ": {"type": "string"}, "datum": _DATUM,
                                   "roll": {"type": "string"}, "url": _URL}}},
                "paragrafer": {"type": "array", "items": {
                    "type": "object", "required": ["organ", "datum", "paragraf", "rubrik", "typ",
                                                   "url"],
                    "properties": {"organ": {"type": "string"}, "datum": _DATUM,
                                   "paragraf": {"type": "integer", "minimum": 1},
                                   "rubrik": {"type": "string"},
                                   "typ": {"enum": ["jäv", "reservation", "röst"]},
                                   "rost": {"enum": ["ja", "nej", "avstår"]}, "url": _URL}}},
            }}},
    },
}

PARAGRAFER_RAD = {
    "$schema": DIALEKT,
    "title": "En rad i data/paragrafer.csv (UTF-8 med BOM, RFC 4180, rubrikrad), som objekt",
    "type": "object",
    "required": ["organ", "organ_namn", "datum", "paragraf", "dnr", "rubrik", "beslut", "url"],
    "additionalProperties": False,
    "properties": {
        "organ": {"type": "string", "minLength": 1}, "organ_namn": {"type": "string"},
        "datum": _DATUM, "paragraf": {"type": "string", "pattern": "^[1-9][0-9]*$"},
        "dnr": {"type": "string"}, "rubrik": {"type": "string"}, "beslut": {"type": "string"},
        "url": _URL,
    },
}

OMROSTNINGAR_RAD = {
    "$schema": DIALEKT,
    "title": "En rad i data/omrostningar.csv (UTF-8 med BOM, RFC 4180, rubrikrad), som objekt",
    "type": "object", "required": ["organ", "datum", "paragraf", "person", "parti", "röst"],
    "additionalProperties": False,
    "properties": {"organ": {"type": "string", "minLength": 1}, "datum": _DATUM,
                   "paragraf": {"type": "string", "pattern": "^[1-9][0-9]*$"},
                   "person": {"type": "string"}, "parti": {"type": "string"},
                   "röst": {"enum": ["ja", "nej", "avstår"]}},
}

HANDLINGAR_RAD = {
    "$schema": DIALEKT,
    "title": "En rad i data/handlingar.csv (UTF-8 med BOM, RFC 4180, rubrikrad), som objekt",
    "type": "object",
    "required": ["organ", "sammantrade", "typ", "titel", "datum", "dnr", "avsandare",
                 "handlaggare", "behandlad_i", "url"],
    "additionalProperties": False,
    "properties": {
        "organ": {"type": "string", "minLength": 1}, "sammantrade": _DATUM,
        "typ": {"type": "string"}, "titel": {"type": "string"},
        "datum": {"anyOf": [_DATUM, {"const": ""}]}, "dnr": {"type": "string"},
        "avsandare": {"type": "string"}, "handlaggare": {"type": "string"},
        "behandlad_i": {"type": "string"}, "url": _URL,
    },
}

SHA256_RAD = {
    "$schema": DIALEKT,
    "title": "En rad i data/sha256.txt (samma format som sha256sum: kontrollsumman, två "
             "blanksteg, filens sökväg från webbplatsens rot; UTF-8, radslut LF, sorterad "
             "efter sökväg), som objekt",
    "type": "object", "required": ["sha256", "fil"], "additionalProperties": False,
    "properties": {
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                   "description": "SHA-256 av filens bytes, hexadecimalt med gemener"},
        "fil": {"type": "string", "pattern": r"^(?!/)(?!.*(^|/)\.\.?(/|$))[^\n\\]+$",
                "description": "Filens sökväg från webbplatsens rot, utan inledande snedstreck"},
    },
}

# Always published (anslag bygg writes the checksums of every build).
ALLTID = ("data/sha256.txt",)

# data file (site path, or a folder for one file per meeting) -> schema file and schema
SCHEMOR = {
    "data/sammantraden.json": ("data/schema/sammantraden.schema.json", SAMMANTRADEN),
    "data/sammantraden/": ("data/schema/sammantrade.schema.json", SAMMANTRADE),
    "data/paragrafer.csv": ("data/schema/paragrafer.schema.json", PARAGRAFER_RAD),
    "data/handlingar.csv": ("data/schema/handlingar.schema.json", HANDLINGAR_RAD),
    "data/personer.json": ("data/schema/personer.schema.json", PERSONER),
    "data/omrostningar.csv": ("data/schema/omrostningar.schema.json", OMROSTNINGAR_RAD),
    "data/sha256.txt": ("data/schema/sha256.schema.json", SHA256_RAD),
}


def schema_for(sokvag: str) -> str | None:
    """The schema file (site path) that describes the data file ``sokvag``."""
    for data, (schema, _) in SCHEMOR.items():
        if sokvag == data or (data.endswith("/") and sokvag.startswith(data)):
            return schema
    return None


def filer(publicerade: set[str], absolut, json_bytes) -> list[tuple[str, bytes]]:
    """The schema of every published data file: (site path, bytes), its public address as $id
    (``absolut(path)``), written by the site's safe JSON writer."""
    ut = []
    publicerade = set(publicerade) | set(ALLTID)
    for data, (schema_sokvag, schema) in SCHEMOR.items():
        if any(p == data or (data.endswith("/") and p.startswith(data)) for p in publicerade):
            ut.append((schema_sokvag, json_bytes({"$id": absolut(schema_sokvag), **schema})))
    return ut

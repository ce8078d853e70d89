"""Keys of a Markdown handling's frontmatter and of a handlingar entry (content-format
"Handlingar")."""
from __future__ import annotations

HANDLING_NYCKLAR = {"typ", "rubrik", "datum", "dnr", "avsandare", "handlaggare", "till",
                    "skickas_till", "sekretess", "publiceras"}
POST_NYCKLAR = {"titel", "fil"}
ANDRINGAR = ("tillagt", "reviderat")
MAPP = "handlingar/"

"""The public website: anslagstavla, protokollarkiv, feeds and open data.

``webbplats`` is the site's view of the archive for one day, ``vyer/*`` the page types
(a view dataclass and a Jinja template in ``theme/mallar/`` each, rendered by ``mallar``),
``sidor`` the list of all pages, ``floden`` feeds and open data; none of them imports
MkDocs. ``plugin`` is the thin MkDocs adapter and ``generator.commands.bygg`` the
``anslag bygg`` orchestration.
"""

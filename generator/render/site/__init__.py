"""The public website: anslagstavla, protokollarkiv, feeds and open data.

The domain side (``urls``, ``sidor``, ``floden``) builds pages from the public
view of the model (``generator.archive.publik``) without importing MkDocs; ``plugin`` is the thin MkDocs adapter and
``generator.commands.bygg`` the ``anslag bygg`` orchestration.
"""

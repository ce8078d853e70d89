"""The public website: anslagstavla, protokollarkiv, feeds and open data.

The domain side (``urls``, ``sidor``, ``floden``) builds pages from the public
view of the model (``generator.publik``) without importing MkDocs; ``plugin`` is the thin MkDocs adapter and
``generator.build`` the ``anslag bygg`` orchestration.
"""

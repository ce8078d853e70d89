"""The public website: anslagstavla, protokollarkiv, feeds and open data.

The domain side (``publik``, ``urls``, ``sidor``, ``floden``) builds pages from
the model without importing MkDocs; ``plugin`` is the thin MkDocs adapter and
``generator.build`` the ``anslag bygg`` orchestration.
"""

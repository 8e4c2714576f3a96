"""The thin MkDocs adapter over the core."""

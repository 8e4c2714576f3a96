"""The pure core: load, validate and model a catalog. Imports nothing from MkDocs."""

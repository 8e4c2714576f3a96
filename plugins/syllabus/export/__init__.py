"""Renderers that turn the model into files: catalog.json, plans, reports."""

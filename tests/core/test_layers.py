"""The core and the exporters stand without MkDocs: the CLI and the plugin share them, and
the catalog can move off MkDocs 1.x without touching them. Checked by importing every
module of both in a fresh interpreter, so an import anywhere down the chain counts."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import syllabus.core
import syllabus.export

LAYERS = (syllabus.core, syllabus.export)
SITE_GENERATOR = ("mkdocs", "material", "properdocs")


def test_core_and_exporters_import_nothing_of_the_site_generator() -> None:
    modules = [f"{layer.__name__}.{info.name}" for layer in LAYERS for info in pkgutil.iter_modules(layer.__path__)]
    assert {"syllabus.core.catalog", "syllabus.core.leaks", "syllabus.export.plans"} <= set(modules)  # a real walk
    script = (f"import importlib, sys\nfor name in {modules!r}: importlib.import_module(name)\n"
              f"print(sorted(m for m in sys.modules if m.partition('.')[0] in {SITE_GENERATOR!r}))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

"""Syllabus: a documentation-as-code training catalog built on MkDocs."""

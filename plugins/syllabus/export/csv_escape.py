"""CSV cells for every CSV the package writes (``plan.csv``, ``syllabus plan --format csv``).

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
some also a cell starting with a tab or carriage return ("CSV injection"). Such a cell
gets a leading apostrophe: spreadsheets show it as text and hide the apostrophe. Quoting
is the ``csv`` writer's job (every cell is quoted).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"
# Every CSV starts with it: Excel reads a UTF-8 file without it in the system's legacy code
# page, which garbles Japanese, accents and the "·" between details.
BYTE_ORDER_MARK = "\ufeff"
ESCAPES = {'"': '""'}  # a value filled into an already quoted cell (the plan page's table)


def cell(value: object) -> str:
    """``value`` as text that no spreadsheet evaluates."""
    text = "" if value is None else str(value)
    return FORMULA_GUARD + text if text.startswith(FORMULA_STARTS) else text

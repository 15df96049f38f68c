"""Text that every output format can carry: no control characters.

Why: a character such as ``\\x0b`` (Word's manual line break, pasted into a form) is valid in a
database and in HTML, but XML 1.0 forbids it, so one such character made the XLSX exports and the
DOCX report fail for everyone. Forms clean it on the way in; exports clean stored text on the way
out, because older rows may still hold it.
"""

from __future__ import annotations

import re

#: Line breaks that word processors put into copied text, kept as line breaks.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: Other C0/C1 control characters, not allowed in XML 1.0 (tab, newline, return are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def clean_text(value):
    """The text with control characters removed (line-break-like ones become ``\\n``).

    Anything that is not a string is returned unchanged.
    """
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", value))

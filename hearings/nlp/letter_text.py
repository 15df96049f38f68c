"""Undo the line wrapping of text extracted from a PDF letter.

Why: a PDF stores lines, not paragraphs, so extracted text breaks every sentence at the page
margin; passages never cross a line break (:mod:`passages`), so an unwrapped letter would be cut
mid-sentence. A line is joined to the next when it runs to near the margin without ending a
sentence, or when the next line goes on in lower case. Headings and numbered points are short
or end with ":" / "?", so they stay lines of their own.
"""

from __future__ import annotations

import re

_ENDS_THOUGHT = re.compile(r"[.!?:;]\s*$")
_STARTS_ITEM = re.compile(r"^\s*(?:[-–•*]|\d{1,2}[.)]|[a-h][.)])\s")


def unwrap_lines(text: str) -> str:
    """``text`` with wrapped lines joined back into paragraphs (see module docstring)."""
    lines = text.splitlines()
    if not lines:
        return text
    margin = max(len(line.rstrip()) for line in lines)
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if out and stripped and out[-1].strip():
            previous = out[-1].rstrip()
            near_margin = len(previous) >= 0.75 * margin and len(previous) >= 50
            goes_on = stripped[0].islower()
            if (
                (near_margin or goes_on)
                and not _ENDS_THOUGHT.search(previous)
                and not _STARTS_ITEM.match(stripped)
            ):
                if previous.endswith("-") and goes_on:  # a word hyphenated at the margin
                    out[-1] = previous[:-1] + stripped
                else:
                    out[-1] = previous + " " + stripped
                continue
        out.append(stripped)
    return "\n".join(out)

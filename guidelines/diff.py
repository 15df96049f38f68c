"""Section-aligned comparison of two pathway texts.

Sections are top-level stream blocks. They are aligned by their stable block id first (ids survive
edits and the copy into a proposal), then by block type + heading for texts edited outside Wagtail.
Prose is compared word by word; structured blocks (pathway times, measurement points) are compared
value by value so a reader sees "10 → 14 virkedager" rather than a wall of markup.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

ADDED, REMOVED, CHANGED, MOVED, UNCHANGED = "added", "removed", "changed", "moved", "unchanged"
PROSE_KEYS = ("intro", "body", "description", "comment")
_WORD_RE = re.compile(r"\s+|[^\s]+")


@dataclass
class Token:
    kind: str  # "equal", "insert", "delete"
    text: str


@dataclass
class RowChange:
    """One row of a structured list (a pathway time or a measurement point)."""

    status: str
    key: str
    old: dict | None
    new: dict | None
    changed_fields: list[str] = field(default_factory=list)


@dataclass
class SectionDiff:
    status: str
    block_type: str
    heading: str
    old_heading: str | None
    old_position: int | None
    new_position: int | None
    prose: list[Token] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)
    old_value: dict | None = None
    new_value: dict | None = None
    rationale: str = ""
    moved: bool = False

    @property
    def anchor(self) -> str:
        return f"seksjon-{(self.new_position if self.new_position is not None else self.old_position) or 0}"

    @property
    def changed_rows(self) -> list[RowChange]:
        return [row for row in self.rows if row.status != UNCHANGED]

    @property
    def is_change(self) -> bool:
        return self.status != UNCHANGED


def html_to_text(value: str) -> str:
    """Plain text of a rich-text value, keeping paragraph and list breaks as newlines."""
    value = re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", value or "")
    text = html.unescape(strip_tags(value))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def word_diff(old: str, new: str) -> list[Token]:
    old_words, new_words = _WORD_RE.findall(old), _WORD_RE.findall(new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    tokens: list[Token] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            tokens.append(Token("equal", "".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            tokens.append(Token("delete", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            tokens.append(Token("insert", "".join(new_words[b1:b2])))
    return tokens


def section_prose(value: dict) -> str:
    parts = [
        html_to_text(value.get(key, "")) for key in PROSE_KEYS if isinstance(value.get(key), str)
    ]
    for point in value.get("evaluation_points") or []:
        point = point.get("value", point)
        parts.append(f"{point.get('name', '')}: {point.get('description', '')}".strip(": "))
    return "\n".join(part for part in parts if part)


def _rows(value: dict) -> tuple[str, list[dict]] | None:
    for list_key, key_field in (("times", "name"), ("points", "code")):
        if list_key in value:
            rows = [item.get("value", item) for item in value.get(list_key) or []]
            return key_field, rows
    return None


def compare_rows(old: dict, new: dict) -> list[RowChange]:
    spec_old, spec_new = _rows(old), _rows(new)
    if not spec_old and not spec_new:
        return []
    key_field = (spec_new or spec_old)[0]
    old_rows = {
        str(row.get(key_field, i)): row for i, row in enumerate(spec_old[1] if spec_old else [])
    }
    new_rows = {
        str(row.get(key_field, i)): row for i, row in enumerate(spec_new[1] if spec_new else [])
    }
    changes: list[RowChange] = []
    for key, new_row in new_rows.items():
        old_row = old_rows.get(key)
        if old_row is None:
            changes.append(RowChange(ADDED, key, None, new_row))
            continue
        fields = [
            name
            for name in sorted(set(old_row) | set(new_row))
            if old_row.get(name) != new_row.get(name)
        ]
        changes.append(RowChange(CHANGED if fields else UNCHANGED, key, old_row, new_row, fields))
    for key, old_row in old_rows.items():
        if key not in new_rows:
            changes.append(RowChange(REMOVED, key, old_row, None))
    return changes


def _section_key(block: dict) -> tuple[str, str]:
    return block.get("type", ""), (block.get("value", {}).get("heading") or "").strip().lower()


def _align(old_blocks: list[dict], new_blocks: list[dict]) -> list[tuple[int | None, int | None]]:
    old_by_id = {b.get("id"): i for i, b in enumerate(old_blocks) if b.get("id")}
    pairs: dict[int, int] = {}
    for j, block in enumerate(new_blocks):
        if block.get("id") in old_by_id:
            pairs[j] = old_by_id[block["id"]]
    used_old = set(pairs.values())
    old_by_key: dict[tuple[str, str], list[int]] = {}
    for i, block in enumerate(old_blocks):
        if i not in used_old:
            old_by_key.setdefault(_section_key(block), []).append(i)
    for j, block in enumerate(new_blocks):
        if j not in pairs and old_by_key.get(_section_key(block)):
            pairs[j] = old_by_key[_section_key(block)].pop(0)
    matched_old = set(pairs.values())
    aligned: list[tuple[int | None, int | None]] = [
        (pairs.get(j), j) for j in range(len(new_blocks))
    ]
    for i in range(len(old_blocks)):
        if i not in matched_old:
            # Show a removed section where it used to be: before the first new section that followed it.
            later = [k for k, (oi, _) in enumerate(aligned) if oi is not None and oi > i]
            aligned.insert(later[0] if later else len(aligned), (i, None))
    return aligned


def _moved_sections(pairs: list[tuple[int | None, int | None]]) -> set[int]:
    """Old indices of kept sections outside the longest run that kept its relative order.

    Moving one section should mark that section alone as moved, not everything it jumped over,
    so the sections in the longest increasing subsequence of old positions count as in place.
    """
    kept = [o for o, n in pairs if o is not None and n is not None]
    if not kept:
        return set()
    lengths, previous = [1] * len(kept), [-1] * len(kept)
    for i in range(len(kept)):
        for j in range(i):
            if kept[j] < kept[i] and lengths[j] + 1 > lengths[i]:
                lengths[i], previous[i] = lengths[j] + 1, j
    best = max(range(len(kept)), key=lambda k: (lengths[k], -k))
    in_place = set()
    while best != -1:
        in_place.add(kept[best])
        best = previous[best]
    return set(kept) - in_place


def compare_sections(old_blocks: list[dict], new_blocks: list[dict]) -> list[SectionDiff]:
    """Compare two bodies given as raw stream data (lists of {"type", "value", "id"})."""
    aligned = _align(old_blocks, new_blocks)
    moved = _moved_sections(aligned)
    result: list[SectionDiff] = []
    for old_index, new_index in aligned:
        old = old_blocks[old_index] if old_index is not None else None
        new = new_blocks[new_index] if new_index is not None else None
        block = new or old
        value_new = (new or {}).get("value", {})
        value_old = (old or {}).get("value", {})
        heading = value_new.get("heading") or value_old.get("heading", "")
        diff = SectionDiff(
            status=UNCHANGED,
            block_type=block.get("type", ""),
            heading=heading,
            old_heading=value_old.get("heading") if old else None,
            old_position=old_index,
            new_position=new_index,
            old_value=value_old if old else None,
            new_value=value_new if new else None,
            rationale=(value_new.get("rationale") or "").strip(),
        )
        if old is None:
            diff.status = ADDED
            diff.prose = [Token("insert", section_prose(value_new))]
        elif new is None:
            diff.status = REMOVED
            diff.prose = [Token("delete", section_prose(value_old))]
        else:
            diff.prose = word_diff(section_prose(value_old), section_prose(value_new))
            diff.rows = compare_rows(value_old, value_new)
            content_changed = (
                any(t.kind != "equal" for t in diff.prose)
                or any(r.status != UNCHANGED for r in diff.rows)
                or diff.old_heading != heading
                or value_old.get("kind") != value_new.get("kind")
            )
            if content_changed:
                diff.status = CHANGED
                diff.moved = old_index in moved
            elif old_index in moved:
                diff.status = MOVED
        result.append(diff)
    return result


def compare_fields(
    old: dict, new: dict, fields: list[tuple[str, str]]
) -> list[tuple[str, list[Token]]]:
    """Word diffs for the page-level text fields (title, introduction, target group)."""
    changes = []
    for key, label in fields:
        old_text, new_text = html_to_text(old.get(key, "")), html_to_text(new.get(key, ""))
        if old_text != new_text:
            changes.append((label, word_diff(old_text, new_text)))
    return changes


def summarise(sections: list[SectionDiff], fields: list | None = None) -> dict[str, int]:
    """Sections per status, and under "fields" the page-level fields that changed.

    A change to the target group or the introduction is a change too; a summary that counted
    sections only said "0 endret" for it.
    """
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, MOVED: 0, UNCHANGED: 0, "fields": 0}
    for section in sections:
        counts[section.status] += 1
    counts["fields"] = len(fields or [])
    return counts

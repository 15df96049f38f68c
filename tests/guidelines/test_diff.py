"""The section-aligned diff: added, removed, moved and changed sections, and changed pathway times."""

from guidelines import diff
from tests.conftest import section, times_section


def statuses(result):
    return [(s.heading, s.status) for s in result]


def test_unchanged_body_reports_no_changes():
    body = [section("a", "A", "Tekst."), section("b", "B", "Mer tekst.")]
    result = diff.compare_sections(body, body)
    assert statuses(result) == [("A", "unchanged"), ("B", "unchanged")]


def test_added_section_is_marked_where_it_appears():
    old = [section("a", "A", "x"), section("c", "C", "z")]
    new = [section("a", "A", "x"), section("b", "B", "ny seksjon"), section("c", "C", "z")]
    result = diff.compare_sections(old, new)
    assert statuses(result) == [("A", "unchanged"), ("B", "added"), ("C", "unchanged")]
    assert result[1].prose[0].kind == "insert"


def test_removed_section_is_shown_at_its_old_place():
    old = [section("a", "A", "x"), section("b", "B", "borte"), section("c", "C", "z")]
    new = [section("a", "A", "x"), section("c", "C", "z")]
    result = diff.compare_sections(old, new)
    assert statuses(result) == [("A", "unchanged"), ("B", "removed"), ("C", "unchanged")]
    assert result[1].prose[0].kind == "delete"


def test_moving_one_section_marks_only_that_section_as_moved():
    old = [
        section("a", "A", "x"),
        section("b", "B", "y"),
        section("c", "C", "z"),
        section("d", "D", "w"),
    ]
    new = [old[1], old[2], old[3], old[0]]
    result = diff.compare_sections(old, new)
    assert statuses(result) == [
        ("B", "unchanged"),
        ("C", "unchanged"),
        ("D", "unchanged"),
        ("A", "moved"),
    ]


def test_changed_prose_has_word_level_insertions_and_deletions():
    old = [section("a", "A", "Pasienten skal få time innen ti dager.")]
    new = [section("a", "A", "Pasienten skal få time innen sju dager.")]
    (result,) = diff.compare_sections(old, new)
    assert result.status == "changed"
    assert [t.text for t in result.prose if t.kind == "delete"] == ["ti"]
    assert [t.text for t in result.prose if t.kind == "insert"] == ["sju"]


def test_changed_pathway_time_is_shown_value_by_value():
    (result,) = diff.compare_sections([times_section(10)], [times_section(7)])
    assert result.status == "changed"
    (row,) = result.changed_rows
    assert row.key == "Første oppmøte"
    assert row.changed_fields == ["limit"]
    assert (row.old["limit"], row.new["limit"]) == (10, 7)


def test_added_pathway_time_row():
    new = times_section(10)
    new["value"]["times"].append(
        {
            "name": "Avrusning til behandling",
            "from_event": "a",
            "to_event": "b",
            "limit": 0,
            "unit": "kalenderdager",
            "comment": "",
        }
    )
    (result,) = diff.compare_sections([times_section(10)], [new])
    assert [(r.key, r.status) for r in result.changed_rows] == [
        ("Avrusning til behandling", "added")
    ]


def test_sections_without_ids_align_by_type_and_heading():
    old = [{"type": "text_section", "value": {"heading": "Avslutning", "body": "<p>gammel</p>"}}]
    new = [{"type": "text_section", "value": {"heading": "Avslutning", "body": "<p>ny</p>"}}]
    (result,) = diff.compare_sections(old, new)
    assert result.status == "changed"


def test_renamed_heading_counts_as_change_and_keeps_old_heading():
    old = [section("a", "Henvisning", "x")]
    new = [section("a", "Henvisning og start", "x")]
    (result,) = diff.compare_sections(old, new)
    assert result.status == "changed"
    assert result.old_heading == "Henvisning"


def test_summary_counts():
    old = [section("a", "A", "x"), section("b", "B", "y")]
    new = [section("a", "A", "x endret"), section("c", "C", "ny")]
    counts = diff.summarise(diff.compare_sections(old, new))
    assert counts["changed"] == 1 and counts["added"] == 1 and counts["removed"] == 1

"""Passage splitting: offsets, paragraph boundaries, Norwegian abbreviations."""

from hearings.nlp.passages import sentence_spans, split_passages

TEXT = (
    "Innledning\n"
    "\n"
    "Vi støtter forslaget, jf. kap. 3 i høringsnotatet. Det er bl.a. viktig at f.eks. "
    "forløpskoordinator får en tydelig rolle. Dette gjelder ca. 40 pst., se pkt. 4 og nr. 7.\n"
    "Eg meiner dette er bra. Vi har ingen fleire merknader til kap. 5, dvs. avslutningsfasen.\r\n"
    "  Kort.  \n"
)


def test_offsets_reproduce_passage_text():
    passages = split_passages(TEXT)
    assert passages
    for p in passages:
        assert TEXT[p.start : p.end] == p.text
        assert p.text == p.text.strip()


def test_never_crosses_line_breaks():
    for p in split_passages(TEXT):
        assert "\n" not in p.text and "\r" not in p.text


def test_abbreviations_do_not_split_sentences():
    line = TEXT.splitlines()[2]
    spans = sentence_spans(line)
    sentences = [line[s:e] for s, e in spans]
    assert sentences == [
        "Vi støtter forslaget, jf. kap. 3 i høringsnotatet.",
        "Det er bl.a. viktig at f.eks. forløpskoordinator får en tydelig rolle.",
        "Dette gjelder ca. 40 pst., se pkt. 4 og nr. 7.",
    ]
    nn = "Vi har ingen fleire merknader til kap. 5, dvs. avslutningsfasen. Takk."
    assert len(sentence_spans(nn)) == 2


def test_group_size_and_paragraph_numbers():
    passages = split_passages(TEXT)
    assert [p.paragraph for p in passages] == [0, 1, 2, 3]
    assert all(1 <= p.sentences <= 3 for p in passages)
    long_text = " ".join(["Dette er en setning om ventetid i BUP som er ganske lang."] * 12)
    parts = split_passages(long_text)
    assert len(parts) > 1
    assert all(len(p.text) <= 400 for p in parts)
    assert all(long_text[p.start : p.end] == p.text for p in parts)


def test_overlong_sentence_is_cut_within_limit():
    sentence = "Vi mener, " + ", ".join(f"punkt {i} om koordinering" for i in range(60)) + "."
    parts = split_passages(sentence)
    assert len(parts) > 1
    assert all(len(p.text) <= 400 for p in parts)
    assert all(sentence[p.start : p.end] == p.text for p in parts)


def test_empty_and_whitespace():
    assert split_passages("") == []
    assert split_passages("  \n\n \t\n") == []

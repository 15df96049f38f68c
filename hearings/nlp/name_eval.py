"""How many person names the personal-data screening finds, measured on NorNE.

Why: a name the screening misses is published with the answer, so recall is what protects
people; precision says how much extra screening work the flags cause. NorNE (the Norwegian
Dependency Treebank with named entities) is the public gold standard for Norwegian names in
both written standards.

Counting: a gold PER span is *found* when person-name flags together cover every non-space
character of it. A flag is *right* when it overlaps some gold PER span. Texts go through the
same entry point answers go through (:func:`hearings.nlp.personal_data.find_personal_data_many`).

Two protocols. *Documents* (the headline figure): every 10 consecutive sentences of a file,
joined by a space, are screened as one text, because real answers are documents of several
sentences in which a name tends to come back. *Sentences*: each ``# text =`` on its own, the
harder reading with no other sentence to learn from; it is reported beside the first.

The module reads two formats: CoNLL-U (NorNE's UD files, with ``# text`` and ``name=B-PER``
in MISC) and NDT's CoNLL files (train split, used only to learn the name list).
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_NAME_RE = re.compile(r"name=([BIE]-[A-Z_]+|O)")


@dataclass
class Sentence:
    text: str
    people: list[tuple[int, int]] = field(default_factory=list)
    words: tuple[str, ...] = ()


#: Sentences per document in the documents protocol.
DOCUMENT_SENTENCES = 10


def group_documents(
    sentences: Sequence[Sentence], size: int = DOCUMENT_SENTENCES
) -> list[Sentence]:
    """Every ``size`` consecutive sentences as one text (joined by a space), spans shifted."""
    documents = []
    for first in range(0, len(sentences), size):
        document = Sentence("")
        for sentence in sentences[first : first + size]:
            offset = len(document.text) + (1 if document.text else 0)
            document.text = f"{document.text} {sentence.text}" if document.text else sentence.text
            document.people += [(offset + s, offset + e) for s, e in sentence.people]
        documents.append(document)
    return documents


def _tag(misc: str) -> str:
    match = _NAME_RE.search(misc)
    return match.group(1) if match else "O"


def read_conllu(path: Path) -> list[Sentence]:
    """Sentences with their PER spans as character offsets into ``# text``."""
    sentences: list[Sentence] = []
    text, tokens = None, []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if text is not None:
                sentence = _aligned(text, tokens)
                sentence.words = tuple(form for form, _ in tokens)
                sentences.append(sentence)
            text, tokens = None, []
        else:
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            tokens.append((cols[1], _tag(cols[9])))
    return sentences


def _aligned(text: str, tokens: Sequence[tuple[str, str]]) -> Sentence:
    sentence = Sentence(text)
    pos, current = 0, None
    for form, tag in tokens:
        start = text.find(form, pos)
        if start < 0:  # a token the text spells differently; keep the spans found so far
            current = None
            continue
        end = pos = start + len(form)
        if tag == "B-PER" or (tag == "I-PER" and current is None):
            if current:
                sentence.people.append(current)
            current = (start, end)
        elif tag == "I-PER" and current:
            current = (current[0], end)
        else:
            if current:
                sentence.people.append(current)
            current = None
    if current:
        sentence.people.append(current)
    return sentence


def read_ndt_tokens(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of an NDT CoNLL file as (form, NER tag) pairs; paragraph marks left out."""
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if tokens:
                yield tokens
            tokens = []
            continue
        cols = line.split("\t")
        if len(cols) >= 10 and cols[1] != "|":
            tokens.append((cols[1], _tag(cols[9])))


@dataclass
class FormCounts:
    """How NorNE's training text uses each word form (capitalised occurrences inside sentences)."""

    as_name: Counter = field(default_factory=Counter)
    as_other: Counter = field(default_factory=Counter)  # another entity: place, organisation ...
    capitalised: Counter = field(default_factory=Counter)
    lower: Counter = field(default_factory=Counter)


def count_forms(files: Iterable[Path]) -> FormCounts:
    """Count the forms of NDT ``files`` (first words left out, where everything is capitalised)."""
    counts = FormCounts()
    for path in files:
        for tokens in read_ndt_tokens(path):
            for i, (form, tag) in enumerate(tokens):
                if form[:1].islower():
                    counts.lower[form] += 1
                if i == 0 or not form[:1].isupper() or not form.isalpha() or form.isupper():
                    continue
                counts.capitalised[form] += 1
                if tag.endswith("-PER"):
                    counts.as_name[form] += 1
                elif tag != "O":
                    counts.as_other[form] += 1
    return counts


def learn_name_list(
    files: Iterable[Path] | FormCounts, min_share: float = 0.5, inventory: Iterable[str] = ()
) -> list[str]:
    """Capitalised word forms that are mostly part of a person's name where they occur.

    Why a share and not "ever tagged PER": "Per" and "Liv" are names, "Statsministeren" next
    to a name is not; a form is kept when at least ``min_share`` of its capitalised
    occurrences inside sentences (first words left out, where everything is capitalised) are
    inside a PER span, and it has no lower-case occurrence as often as it is a name.

    ``inventory`` adds names from a list of first names and surnames (foreign ones too, which
    the training text has few of); the training text vetoes those it uses as ordinary words
    (any lower-case occurrence) or mostly as something else than a name ("Mars", "Sverige").
    """
    counts = files if isinstance(files, FormCounts) else count_forms(files)
    as_name, capitalised, lower = counts.as_name, counts.capitalised, counts.lower
    learned = {
        form
        for form, n in as_name.items()
        if len(form) > 1 and n / capitalised[form] >= min_share and lower[form.lower()] < n
    }
    for name in inventory:
        if (
            len(name) > 2
            and name.isalpha()
            and name[:1].isupper()
            and not name.isupper()
            and not lower[name.lower()]
            and as_name[name] >= (capitalised[name] - as_name[name])
        ):
            learned.add(name)
    return sorted(learned)


def learn_entity_forms(files: Iterable[Path] | FormCounts, min_share: float = 0.5) -> list[str]:
    """Capitalised forms the training text tags mostly as places, organisations, works or events.

    Why: a genitive or a foreign first name can make such a form look like a name ("Hellas"
    as the genitive of the first name "Hella", "Reuters" of "Reuter"); these forms are not.
    """
    counts = files if isinstance(files, FormCounts) else count_forms(files)
    return sorted(
        form
        for form, n in counts.as_other.items()
        if len(form) > 1 and n / counts.capitalised[form] >= min_share
    )


@dataclass
class NameScore:
    gold: int = 0
    found: int = 0
    flags: int = 0
    right_flags: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right_flags / self.flags if self.flags else 0.0

    def as_dict(self) -> dict:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "gold_names": self.gold,
            "found": self.found,
            "flags": self.flags,
            "right_flags": self.right_flags,
            "words_per_s": round(self.words / self.seconds) if self.seconds else None,
        }


def _covered(span: tuple[int, int], text: str, flags: Sequence[tuple[int, int]]) -> bool:
    start, end = span
    return all(text[i].isspace() or any(s <= i < e for s, e in flags) for i in range(start, end))


def score_names(
    sentences: Sequence[Sentence],
    flag_many: Callable[[list[str]], Iterable[Sequence[tuple[int, int]]]],
) -> NameScore:
    """Recall and precision of ``flag_many`` (texts -> person-name spans per text)."""
    score = NameScore()
    texts = [s.text for s in sentences]
    started = time.perf_counter()
    spans_per_text = [list(spans) for spans in flag_many(texts)]
    score.seconds = time.perf_counter() - started
    for sentence, spans in zip(sentences, spans_per_text, strict=True):
        score.words += len(sentence.text.split())
        score.gold += len(sentence.people)
        score.found += sum(_covered(p, sentence.text, spans) for p in sentence.people)
        score.flags += len(spans)
        score.right_flags += sum(
            any(s < pe and ps < e for ps, pe in sentence.people) for s, e in spans
        )
    return score


#: NorNE's UD files per written standard: (folder, file prefix).
STANDARDS = {"nob": "no_bokmaal", "nno": "no_nynorsk"}
#: What the issue asks of the screening on NorNE test: recall first, at a precision that keeps
#: the reviewers' extra work bounded.
TARGET_RECALL, TARGET_PRECISION = 0.95, 0.80


def evaluate_names(
    data: Path,
    flag_many: Callable[[list[str]], Iterable[Sequence[tuple[int, int]]]],
    splits: Sequence[str] = ("test",),
) -> dict:
    """Scores per split and standard from ``data`` (the norwegian-ud folder), plus the targets.

    ``{split}_{standard}`` is the documents protocol (10 sentences per text), the one the
    target is judged on; ``{split}_{standard}_sentences`` screens each sentence on its own.
    With dev, ``dev_heldout_{standard}`` scores the quarter of dev the NER did not train on
    (:func:`heldout_dev`).
    """
    results: dict = {}
    for split in splits:
        for standard, prefix in STANDARDS.items():
            path = data / "norne" / "ud" / standard / f"{prefix}-ud-{split}.conllu"
            sentences = read_conllu(path)
            sets = [(f"{split}_{standard}", sentences)]
            if split == "dev" and (data / "norne" / "ndt" / f"splits_{standard}.tsv").is_file():
                held = heldout_dev(data, standard, sentences)
                sets.append((f"dev_heldout_{standard}", held))
            for name, chosen in sets:
                for key, texts in (
                    (name, group_documents(chosen)),
                    (f"{name}_sentences", chosen),
                ):
                    score = score_names(texts, flag_many).as_dict()
                    score["meets_target"] = (
                        score["recall"] >= TARGET_RECALL and score["precision"] >= TARGET_PRECISION
                    )
                    results[key] = score
    return results


#: Every 4th NorNE dev file (by sorted name) is held out of the pipeline's training, as in
#: ``hearings/nlp/training/scripts/convert.py``; the other dev files are NER training data.
HELDOUT_EVERY = 4


def heldout_dev(data: Path, standard: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The dev sentences the pipeline's NER never trained on, in order.

    Why: the shipped NER learned from three quarters of NorNE dev, so dev flatters it; the
    held-out quarter is the one honest tuning set. Sentences are matched to their NDT dev
    file by their words, as the training conversion does.
    """
    folder = data / "norne" / "ndt"
    splits = dict(
        line.split("\t")[:2]
        for line in (folder / f"splits_{standard}.tsv").read_text(encoding="utf-8").splitlines()[1:]
    )
    by_words: dict[tuple[str, ...], deque[int]] = defaultdict(deque)
    for k, sentence in enumerate(sentences):
        by_words[sentence.words].append(k)
    dev_files = sorted(name for name, split in splits.items() if split == "dev")
    held_files = set(dev_files[HELDOUT_EVERY - 1 :: HELDOUT_EVERY])
    held: set[int] = set()
    for name in dev_files:
        for tokens in read_ndt_tokens(folder / standard / name):
            queue = by_words.get(tuple(form for form, _ in tokens))
            if queue:
                k = queue.popleft()
                if name in held_files:
                    held.add(k)
    return [s for k, s in enumerate(sentences) if k in held]


def ndt_training_files(data: Path) -> list[Path]:
    """NDT files of the train split, both standards (the split lists are NorNE's own)."""
    files = []
    for standard in STANDARDS:
        folder = data / "norne" / "ndt"
        for line in (folder / f"splits_{standard}.tsv").read_text(encoding="utf-8").splitlines():
            name, split, *_ = line.split("\t")
            if split == "train":
                files.append(folder / standard / name)
    return files

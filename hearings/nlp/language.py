"""Cheap guesses of the written language: bokmål or nynorsk (public pages mark nynorsk text with
lang="nn"), and English (letters the analysis cannot read, flagged to staff)."""

import re

NYNORSK_MARKERS = {
    "ikkje",
    "eg",
    "kva",
    "korleis",
    "kvifor",
    "dei",
    "òg",
    "frå",
    "berre",
    "mykje",
    "meir",
    "eit",
    "ein",
    "vere",
    "vore",
    "heile",
    "saman",
    "tenester",
    "tenestene",
    "pasientar",
    "brukarar",
    "pårørande",
    "kommunane",
    "difor",
    "sjølv",
    "nokre",
    "mellom",
    "kven",
    "fleire",
    "gjer",
}
BOKMAL_MARKERS = {
    "ikke",
    "jeg",
    "hva",
    "hvordan",
    "hvorfor",
    "de",
    "også",
    "fra",
    "bare",
    "mye",
    "mer",
    "et",
    "en",
    "være",
    "vært",
    "hele",
    "sammen",
    "tjenester",
    "tjenestene",
    "pasienter",
    "brukere",
    "pårørende",
    "kommunene",
    "derfor",
    "selv",
    "noen",
    "hvem",
    "flere",
    "gjør",
}
WORD_RE = re.compile(r"[a-zæøåò]+")


def text_language(text: str) -> str:
    """'nn' when nynorsk markers clearly outnumber bokmål ones, otherwise 'nb'."""
    words = WORD_RE.findall(text.lower()[:5000])
    nn = sum(word in NYNORSK_MARKERS for word in words)
    nb = sum(word in BOKMAL_MARKERS for word in words)
    return "nn" if nn > nb else "nb"


ENGLISH_MARKERS = {
    "the",
    "and",
    "of",
    "to",
    "is",
    "are",
    "we",
    "that",
    "this",
    "with",
    "for",
    "which",
    "should",
    "would",
    "not",
    "be",
    "have",
    "has",
    "our",
    "their",
    "patients",
    "services",
}
#: Words that are the same in English and Norwegian ("for", "at" ...) are left out above or
#: outweighed: a letter is "en" only when English markers clearly dominate.
_ENGLISH_SHARE = 0.6


def written_language(text: str) -> str:
    """'nb', 'nn', 'en' (English, which the analysis does not read) or '' for too little text."""
    words = WORD_RE.findall(text.lower()[:20000])
    en = sum(word in ENGLISH_MARKERS for word in words)
    no = sum(word in NYNORSK_MARKERS or word in BOKMAL_MARKERS for word in words)
    if en + no < 3:
        return ""
    if en / (en + no) >= _ENGLISH_SHARE:
        return "en"
    return text_language(text)

"""A cheap bokmål/nynorsk guess, so public pages can mark nynorsk text with lang="nn"."""

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

"""Rebuild ``hearings/nlp/data/person_names.txt`` from NorNE's NDT training split.

Usage (from the repository root)::

    python hearings/nlp/training/scripts/learn_person_names.py ../shared/data/norwegian-ud

Only the train split is read; dev was used to tune the rules and test is left for
``manage.py evaluate_names``. The list holds word forms, not passages.

Besides the names NorNE's train split tags, the first names and surnames that Faker (a dev
dependency, MIT licence) lists for the locales below are added, unless the train split uses
them as ordinary words or mostly as something else than a name (see ``learn_name_list``):
answers name foreign people too, and the train split has few of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT))

from hearings.nlp.name_eval import learn_name_list, ndt_training_files  # noqa: E402

#: Faker locales whose person names join the list: the Nordic ones and those of the largest
#: immigrant and neighbouring languages.
LOCALES = [
    "no_NO",
    "sv_SE",
    "da_DK",
    "is_IS",
    "fi_FI",
    "en_US",
    "en_GB",
    "de_DE",
    "nl_NL",
    "fr_FR",
    "es_ES",
    "pt_PT",
    "it_IT",
    "pl_PL",
    "cs_CZ",
    "hu_HU",
    "ru_RU",
    "tr_TR",
    "ar_AA",
]


def name_inventory() -> set[str]:
    """First names and surnames from Faker's person providers for :data:`LOCALES`."""
    from faker import Faker  # lazy: a dev dependency, needed only to rebuild the list

    names: set[str] = set()
    for locale in LOCALES:
        provider = Faker(locale).provider("faker.providers.person")
        for attribute in ("first_names", "first_names_male", "first_names_female", "last_names"):
            values = getattr(provider, attribute, None) or ()
            names |= {n for n in values if isinstance(n, str)}
    return names


HEADER = (
    "# Word forms that are mostly person names where they occur, learned from the NorNE train\n"
    "# split (NDT, bokmål and nynorsk; CC BY-SA 4.0 / NDT licence), plus Faker's first names\n"
    "# and surnames (MIT) that the train split does not use otherwise, by\n"
    "# hearings/nlp/training/scripts/learn_person_names.py. Used by personal_data.py.\n"
)

if __name__ == "__main__":
    names = learn_name_list(ndt_training_files(Path(sys.argv[1])), inventory=name_inventory())
    target = ROOT / "hearings" / "nlp" / "data" / "person_names.txt"
    target.write_text(HEADER + "".join(n + "\n" for n in names), encoding="utf-8")
    print(f"{len(names)} names -> {target}")

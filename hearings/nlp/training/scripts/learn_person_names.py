"""Rebuild the name lists in ``hearings/nlp/data/`` from NorNE's NDT training split.

Writes ``person_names.txt`` (forms the train split tags mostly as person names),
``person_names_faker.txt`` (Faker's names the train split does not contradict) and
``entity_names.txt`` (forms the train split tags mostly as places, organisations, works or
events).

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
import unicodedata
from pathlib import Path

from app import ROOT

from hearings.nlp.name_eval import (
    count_forms,
    learn_entity_forms,
    learn_name_list,
    ndt_training_files,
)

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
    # added for issue 16: Latin-script names of more countries that answers and news name
    "en_IE",
    "en_IN",
    "en_PK",
    "en_NG",
    "en_KE",
    "en_PH",
    "es_MX",
    "es_AR",
    "es_CL",
    "es_CO",
    "pt_BR",
    "de_AT",
    "de_CH",
    "fr_BE",
    "sk_SK",
    "sl_SI",
    "hr_HR",
    "bs_BA",
    "sq_AL",
    "ro_RO",
    "et_EE",
    "lv_LV",
    "lt_LT",
    "id_ID",
    "vi_VN",
    "tl_PH",
    "az_AZ",
    "uz_UZ",
    "sw",
    "ha_NG",
    "yo_NG",
    "ig_NG",
    "zu_ZA",
]


def latin(name: str) -> bool:
    """Letters of the Latin script only (the screening reads Latin-script names)."""
    return all(c.isalpha() and "LATIN" in unicodedata.name(c, "") for c in name)


def name_inventory() -> set[str]:
    """First names and surnames from Faker's person providers for :data:`LOCALES`."""
    from faker import Faker  # lazy: a dev dependency, needed only to rebuild the list

    names: set[str] = set()
    for locale in LOCALES:
        provider = Faker(locale).provider("faker.providers.person")
        for attribute in ("first_names", "first_names_male", "first_names_female", "last_names"):
            values = getattr(provider, attribute, None) or ()
            names |= {n for n in values if isinstance(n, str) and latin(n)}
    return names


SOURCE = (
    "# split (NDT, bokmål and nynorsk; CC BY-SA 4.0 / NDT licence) by\n"
    "# hearings/nlp/training/scripts/learn_person_names.py. Used by personal_data.py.\n"
)
HEADERS = {
    "person_names.txt": "# Word forms that are mostly person names where they occur in the NorNE train\n",
    "person_names_faker.txt": (
        "# First names and surnames from Faker (MIT) that the NorNE train split does not use\n"
        "# as ordinary words or mostly as something else; checked against the NorNE train\n"
    ),
    "entity_names.txt": (
        "# Capitalised forms tagged mostly as places, organisations, works or events in the\n"
        "# NorNE train\n"
    ),
}

if __name__ == "__main__":
    counts = count_forms(ndt_training_files(Path(sys.argv[1])))
    attested = learn_name_list(counts)
    lists = {
        "person_names.txt": attested,
        "person_names_faker.txt": sorted(
            set(learn_name_list(counts, inventory=name_inventory())) - set(attested)
        ),
        "entity_names.txt": learn_entity_forms(counts),
    }
    for filename, forms in lists.items():
        target = ROOT / "hearings" / "nlp" / "data" / filename
        target.write_text(HEADERS[filename] + SOURCE + "".join(f + "\n" for f in forms), "utf-8")
        print(f"{len(forms)} forms -> {target}")

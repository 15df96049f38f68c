"""Run one benchmark: ``python -m bench NAME``.

Each benchmark module under ``bench/`` has a ``main(argv)`` that prints a human-readable table and,
as its last line, one JSON object with its figures, and records them in docs/performance.md.
"""

import importlib
import sys

NAMES = ("submissions", "pages", "analysis", "search", "review", "pipeline", "chain")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in NAMES:
        print(f"usage: python -m bench {{{'|'.join(NAMES)}}} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(f"bench.{argv[0]}")
    return module.main(argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

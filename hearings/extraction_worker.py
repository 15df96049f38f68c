"""Text extraction in a child process with hard limits: ``python -m hearings.extraction_worker``.

A crafted document can make pypdf or python-docx run for minutes or take gigabytes. In a child
process the operating system enforces the limits (address space and CPU seconds, set here before
anything is parsed) and the parent adds a wall-clock timeout, so a bad file costs at most those
limits and never the worker that runs the analysis. Reads the file on stdin; writes UTF-8 text,
at most ``max_chars`` + 1 characters (one more tells the parent it was cut), to stdout.

Usage: ``python -m hearings.extraction_worker KIND MEMORY_BYTES CPU_SECONDS MAX_CHARS``
Exit codes: 0 text written, 3 out of memory, 4 unreadable file.
"""

from __future__ import annotations

import resource
import sys

EXIT_MEMORY = 3
EXIT_BROKEN = 4


def _limit(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Soft limit: SIGXCPU ends the process (exit -24); the hard one is a backstop.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 2))


def main(argv: list[str]) -> int:
    kind, memory_bytes, cpu_seconds, max_chars = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    data = sys.stdin.buffer.read()
    _limit(memory_bytes, cpu_seconds)
    try:
        # lazy: loaded after the limits are set, so the parsing libraries load under them
        from .attachments import attachment_extract_text

        text = attachment_extract_text(data=data, kind=kind)
    except MemoryError:
        return EXIT_MEMORY
    except Exception as error:  # noqa: BLE001 - any parser error means the file could not be read
        # lxml reports a failed allocation as its own "unknown error", so a file that ran out of
        # memory may also end here; the parent records both as not read.
        sys.stderr.write(f"{type(error).__name__}: {error}"[:500])
        if "memory" in str(error).lower():
            return EXIT_MEMORY
        return EXIT_BROKEN
    sys.stdout.buffer.write(text[: max_chars + 1].encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Shared helpers for benchmarks: machine description, table printing, docs/performance.md."""

import json
import os
import platform
import re
from datetime import datetime
from pathlib import Path

PERFORMANCE_MD = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kib = int(handle.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}"


def print_table(title: str, rows: list[tuple[str, object]]) -> None:
    width = max((len(label) for label, _ in rows), default=10)
    print(title)
    print("-" * len(title))
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")


def record(name: str, figures: dict, table_md: str) -> None:
    """Replace this benchmark's section in docs/performance.md and print the JSON line last."""
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    section = (
        f"<!-- bench:{name}:start -->\n## `{name}`\n\n"
        f"Measured {stamp} on {machine_description()}.\n\n{table_md.strip()}\n"
        f"<!-- bench:{name}:end -->"
    )
    PERFORMANCE_MD.parent.mkdir(parents=True, exist_ok=True)
    text = (
        PERFORMANCE_MD.read_text(encoding="utf-8")
        if PERFORMANCE_MD.exists()
        else (
            "# Performance\n\nFigures written by `python -m bench NAME` (see `bench/`). "
            "Each section is replaced when its benchmark runs again.\n"
        )
    )
    pattern = re.compile(rf"<!-- bench:{name}:start -->.*?<!-- bench:{name}:end -->", re.S)
    text = (
        pattern.sub(section, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section + "\n"
    )
    PERFORMANCE_MD.write_text(text, encoding="utf-8")
    print(json.dumps(figures, ensure_ascii=False))

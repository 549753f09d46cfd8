"""README's table of what each network supports, written from the catalogue so it cannot drift.

``smm docs`` rewrites the lines between ``BEGIN`` and ``END`` in README.md (``write_readme``);
tests/foundation/test_readme_networks.py fails when README's table is not the catalogue's.
"""
from __future__ import annotations

from pathlib import Path

from smmkit.catalogue import CATALOGUE
from smmkit.catalogue.spec import NetworkSpec

BEGIN = "<!-- network table: written by `smm docs` from libs/smmkit/smmkit/catalogue; do not edit by hand -->"
END = "<!-- end of network table -->"


def _text(s: NetworkSpec) -> str:
    first = s.text[0]
    said = f"up to {first.limit:,} {first.unit}"
    if s.media.required:
        kinds = [k for k in ("image", "video") if s.media.cap(k)]
        said += f" (a post needs {' or '.join(('an ' if k[0] in 'aeiou' else 'a ') + k for k in kinds)})"
    return said


def _count(n: int) -> str:
    return "no" if n == 0 else "1" if n == 1 else f"up to {n}"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def table() -> str:
    rows = ["| network | text | images | video | links | first comment | threads | engagement collected |",
            "|---|---|---|---|---|---|---|---|"]
    for s in CATALOGUE.values():
        cells = [s.title, _text(s), _count(s.media.max_images), _count(s.media.max_videos), s.link,
                 _yes(s.first_comment), _yes(s.threads), ", ".join(s.collects) or "nothing"]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def rendered(readme: str) -> str:
    """``readme`` with the block between the markers replaced by the catalogue's table."""
    head, sep, rest = readme.partition(BEGIN)
    _, sep_end, tail = rest.partition(END)
    if not sep or not sep_end:
        raise ValueError("README.md has no network table markers")
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def write_readme(path: Path) -> Path:
    path.write_text(rendered(path.read_text()))
    return path

"""The bundled example cases, for the workbench's "open an example" and `GET /v1/examples`.

The examples ship in the wheel (pyproject's force-include puts them beside the bundled
rules); from a source checkout they are the repository's `examples/`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from maslihat.model.common import Frozen

SUFFIXES = (".yaml", ".yml", ".json")


class Example(Frozen):
    """One bundled example case: its name, and what it shows (its opening comment)."""

    name: str
    title: str


def bundled_examples_dir() -> Path:
    """The example cases shipped with the package, or the repository's examples/."""
    packaged = Path(str(resources.files("maslihat"))) / "_bundled_examples"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[4] / "examples"


def _files(directory: Path) -> dict[str, Path]:
    if not directory.is_dir():
        return {}
    found = (p for p in sorted(directory.iterdir()) if p.suffix in SUFFIXES and p.is_file())
    return {p.stem: p for p in found}


def _title(text: str) -> str:
    """The opening comment, as one line ("" when the file has none)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(" ".join(lines).split())


def examples(directory: Path | None = None) -> list[Example]:
    """Every example, in file order."""
    files = _files(directory or bundled_examples_dir())
    return [Example(name=n, title=_title(p.read_text(encoding="utf-8"))) for n, p in files.items()]


def example_text(name: str, directory: Path | None = None) -> str | None:
    """The text of the example called `name`, or None if there is none."""
    path = _files(directory or bundled_examples_dir()).get(name)
    return None if path is None else path.read_text(encoding="utf-8")

"""The Python examples of the README and of docs/ run as written: each block is saved as a script and run in a new
process, in a folder holding a copy of `examples/`. Where a block ends with comment lines, they are what it prints.
(docs/python-api.md's own examples are run by tests/test_library.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dateline

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *(p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "python-api.md")]
BLOCKS = [(page.relative_to(ROOT), block) for page in PAGES
          for block in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)]


def printed(block: str) -> list[str]:
    """What a block says it prints: its closing comment lines, without the `# `."""
    lines = block.rstrip("\n").split("\n")
    shown: list[str] = []
    while lines and lines[-1].startswith("# "):
        shown.insert(0, lines.pop()[2:])
    return shown


def test_the_readme_has_its_python_example() -> None:
    assert any(page.name == "README.md" and printed(block) for page, block in BLOCKS)


@pytest.mark.model
@pytest.mark.parametrize(("page", "block"), BLOCKS, ids=[f"{p}:{n}" for n, (p, _) in enumerate(BLOCKS)])
def test_a_python_example_runs_as_written(tmp_path: Path, page: Path, block: str) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    script = tmp_path / "example.py"
    script.write_text(block, encoding="utf-8")
    under_test = str(Path(dateline.__file__).resolve().parents[1])  # this Dateline, whatever the cwd
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([under_test, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    if printed(block):
        assert done.stdout.rstrip("\n").split("\n") == printed(block)

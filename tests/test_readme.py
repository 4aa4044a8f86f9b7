"""The README's Python examples run as written: each block is saved as a script and run in a new process, in a
folder holding the `corpus/` the second one ingests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_has_its_python_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.model
@pytest.mark.parametrize("n", range(len(BLOCKS)))
def test_a_readme_python_example_runs_as_written(tmp_path: Path, n: int) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbor.txt").write_text("date 2021-06-21 “We will keep the harbor open,” Mayor Ana Ortiz told "
                                       "reporters on Monday.", encoding="utf-8")
    script = tmp_path / f"example_{n}.py"
    script.write_text(BLOCKS[n], encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    if "ingest(" in BLOCKS[n]:  # the corpus above went into a store, and its quote comes back out
        assert "1 articles stored; 1 quotes found" in done.stdout
    elif "dateline.extract(" in BLOCKS[n]:
        assert "Ana Ortiz" in done.stdout

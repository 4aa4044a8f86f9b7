"""`dateline train attribution`: the attribution model rebuilt from PolNeAR by `spacy train`, and loaded back.

`train(...)` runs spaCy's trainer on `attribution.cfg` (this folder) with the reader of `learn.polnear`, keeps the
model that scored best on the validation part, and writes it as a folder any Dateline can load
(`--attribution-model PATH`): ``config.cfg`` (the component's settings, the architecture's among them) and
``dateline_attribution/`` (its weights). The model Dateline ships was made this way (`resources/attribution/`).

The same seed gives the same model: spaCy's trainer seeds every generator from ``[system] seed``, the reader cuts
and orders the data by article ids, and the negatives are drawn from a generator of the component's own, seeded
from the same.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any

from spacy.language import Language
from thinc.api import Config

import dateline.learn.model  # noqa: F401  (registers the architecture)
import dateline.learn.polnear  # noqa: F401  (registers the reader)
from dateline.components.attribution import GOLD
from dateline.errors import ConfigError, Message
from dateline.learn.gold import Attribution

NAME = "dateline_attribution"
SHIPPED = "attribution"
"""The folder under `dateline.resources` that holds the model Dateline ships."""


def config_path() -> Path:
    return Path(str(files("dateline.learn").joinpath("attribution.cfg")))


def train(source: str | Path, output: str | Path, *, seed: int = 0, epochs: int | None = None,
          limit: int | None = None, validation_limit: int | None = None, model: str | None = None,
          overrides: dict[str, Any] | None = None) -> Path:
    """Train on a PolNeAR file's train part, keep the best model on its validation part, write it to `output`.

    Args:
        source: PolNeAR's train split as JSON Lines (`../shared/data/polnear/train.jsonl`).
        output: the folder to write the trained model to (made if missing; what is in it is replaced).
        seed: the seed of every random choice.
        epochs: passes over the data (the config's `max_epochs` when None).
        limit, validation_limit: at most this many articles of each part (a quick model, for tests).
        model: the spaCy pipeline that parses the articles (Dateline's default when None).
        overrides: further settings, by config path ("components.dateline_attribution.model.width": 64).
    Returns:
        `output`.
    """
    from spacy.cli.train import train as spacy_train

    given = {"paths.train": str(source), "paths.limit": limit, "paths.validation_limit": validation_limit,
             "paths.model": model, "system.seed": seed}
    if epochs is not None:
        given["training.max_epochs"] = epochs
    given.update(overrides or {})
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="dateline-train-") as work:
        spacy_train(config_path(), Path(work), use_gpu=-1, overrides=given)
        best = Path(work) / "model-best"
        if not best.exists():
            best = Path(work) / "model-last"
        keep(best, output)
    calibrate(output, source, limit=validation_limit, model=model)
    return output


def calibrate(folder: Path, source: str | Path, *, limit: int | None = None, model: str | None = None) -> None:
    """Measure how often the trained model's proposals are right by their score, on the validation part, and keep
    the table in the component's settings (`learn.calibrate`)."""
    import srsly

    from dateline.learn.calibrate import fit
    from dateline.learn.polnear import articles, examples
    from dateline.learn.score import matches, worded
    from dateline.parse import DEFAULT_MODEL, load

    nlp = load(model or DEFAULT_MODEL, steps=())
    add_to(nlp, folder)
    component = nlp.get_pipe(NAME)
    scores: list[float] = []
    right: list[bool] = []
    for eg in examples(load(model or DEFAULT_MODEL, steps=()), articles(source, "validation", limit)):
        (found,) = component.predict([eg.predicted])
        matched, _ = matches(found, [Attribution(**a) for a in eg.reference.user_data[GOLD]], eg.predicted)
        scores += [p.confidence for p in worded(found, eg.predicted)]
        right += [m is not None for m in matched]
    settings = folder / NAME / "cfg"
    cfg = srsly.read_json(settings)
    cfg["calibration"] = fit(scores, right)
    srsly.write_json(settings, cfg)


def keep(pipeline: Path, output: Path) -> None:
    """The component of a trained pipeline as Dateline loads it: its config and its weights, nothing else."""
    output.mkdir(parents=True, exist_ok=True)
    target = output / NAME
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(pipeline / NAME, target, ignore=shutil.ignore_patterns("vocab"))
    config = Config().from_disk(pipeline / "config.cfg")
    settings = Config({"components": {NAME: config["components"][NAME]}})
    settings.to_disk(output / "config.cfg")


def shipped() -> Path:
    """The folder of the model Dateline ships."""
    return Path(str(files("dateline.resources").joinpath(SHIPPED)))


def add_to(nlp: Language, path: str | Path | None = None) -> None:
    """Add the attribution model at `path` (the shipped one when None) to a pipeline, in its place
    (`components.place`: after the pipeline's own components, before `dateline_quotes`)."""
    from dateline.components import place

    folder = Path(path) if path is not None else shipped()
    settings = folder / "config.cfg"
    weights = folder / NAME
    if not settings.is_file() or not weights.is_dir():
        raise ConfigError(Message.NOT_A_MODEL.format(name=NAME), where=str(folder))
    config = Config().from_disk(settings, interpolate=False)["components"][NAME]
    config = {k: v for k, v in config.items() if k != "factory"}
    component = place.add(nlp, "dateline_attribution", config=config)
    component.from_disk(weights, exclude=["vocab"])

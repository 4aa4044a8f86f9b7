"""`dateline_attribution`: the trained attribution model as a spaCy component (`spacy train` trains it).

It reads a parsed Doc and puts on `doc._.dateline_attributions` what the model proposes: for each cue it finds, the
token spans of the cue, the source and the content, with the model's confidence in each (`learn.predict.Proposal`,
as plain dicts). It decides nothing about quotes: `dateline_quotes` merges these proposals with what its rules find
(`extract/quotes`). It stands after the parser and the entity recognizer (it reads tags, the parse, entities and
`doc.tensor`) and before `dateline_quotes`. Each proposal's `confidence` is the precision its score stands for,
measured on articles the model was not trained on (`learn.calibrate`, the table kept in the component's `cfg`).

Training (`update`) reads the annotated attributions of each example's reference Doc from
``doc.user_data[GOLD]`` — a list of `learn.gold.Attribution`s as dicts of character spans — which the PolNeAR reader
(`learn.polnear`) puts there.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.training import Example
from spacy.vocab import Vocab
from thinc.api import Model, Optimizer, set_dropout_rate

from dateline.components.extensions import register
from dateline.components.place import needs
from dateline.learn import weights
from dateline.learn.calibrate import precision
from dateline.learn.gold import Attribution, targets
from dateline.learn.model import CUE_TAGS, ROLE_TAGS, Cue, Sample, candidates, predict
from dateline.learn.predict import Proposal, read
from dateline.learn.score import score_proposals

GOLD = "dateline_gold_attributions"
"""Where a reference Doc keeps its annotated attributions for training (`doc.user_data`)."""


GROUP_TOKENS = 2000
"""The model reads a batch's Docs in groups of about this many tokens: its LSTMs pad every sequence of a group to
the longest, so a short article read beside a long one costs as much as the long one (`bench/speed.py`: a batch
of 32 news articles read whole took 1.9 times as long as in groups of four)."""


def _groups(docs: list[Doc], tokens: int) -> list[list[int]]:
    """The Docs' places, in order, cut into runs of at most `tokens` tokens (a longer Doc alone)."""
    groups: list[list[int]] = []
    size = 0
    for k, doc in enumerate(docs):
        if not groups or size + len(doc) > tokens:
            groups.append([])
            size = 0
        groups[-1].append(k)
        size += len(doc)
    return groups


class AttributionModel(TrainablePipe):
    """The trained attribution model: cues, then each cue's source and content."""

    def __init__(self, vocab: Vocab, model: Model, name: str = "dateline_attribution", *,
                 negative_share: float = 0.5, seed: int = 0, cue_threshold: float = 0.2) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg: dict[str, Any] = {"negative_share": negative_share, "seed": seed, "cue_threshold": cue_threshold}
        self.rng = random.Random(seed)

    def predict(self, docs: Iterable[Doc]) -> list[list[Proposal]]:
        docs = list(docs)
        for doc in docs:
            needs(doc, "dateline_attribution", ("TAG", "DEP", "ENT_IOB"))
        found: list[list[Proposal]] = [[] for _ in docs]
        if not any(len(doc) for doc in docs):
            return found
        for group in _groups(docs, GROUP_TOKENS):
            samples = [Sample.of(docs[k]) for k in group]
            _, cues, role_scores, verdicts = predict(self.model, samples, self.cfg["cue_threshold"])
            for cue, scores, verdict in zip(cues, role_scores, verdicts[:, 0].tolist(), strict=True):
                proposal = read(cue, scores, verdict)
                if proposal is not None:
                    found[group[cue.sample]].append(proposal)
        return found

    def set_annotations(self, docs: Iterable[Doc], proposals: list[list[Proposal]]) -> None:
        table = self.cfg.get("calibration")
        for doc, found in zip(docs, proposals, strict=True):
            doc._.dateline_attributions = [
                {**p.to_dict(), "confidence": round(precision(table, p.confidence) if table else p.confidence, 4)}
                for p in found]

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optimizer | None = None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        """One step: the cue tags, and the role tags and verdicts of the annotated cues, of words that could be
        cues and are not, and of the cues the cue stage proposes (at `cue_threshold`) that are not annotated."""
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = [eg for eg in examples if len(eg.predicted)]
        if not examples:
            return losses
        samples = [Sample.of(eg.predicted) for eg in examples]
        reach = self.model.attrs["reach"]
        wanted = [targets(samples, k, [Attribution(**a) for a in eg.reference.user_data.get(GOLD, [])],
                          negative_share=self.cfg["negative_share"], rng=self.rng, reach=reach)
                  for k, eg in enumerate(examples)]

        def choose(cue_scores: list[Any]) -> list[Cue]:
            for cue in candidates(samples, cue_scores, self.cfg["cue_threshold"], reach):
                if not wanted[cue.sample].annotated(cue):
                    wanted[cue.sample].add_negative(cue)
            return [cue for w in wanted for cue in w.cues]

        set_dropout_rate(self.model, drop)
        (cue_scores, _, role_scores, verdicts), backprop = self.model.begin_update((samples, choose))
        loss, gradients = self.get_loss(examples, (cue_scores, role_scores, verdicts, wanted))
        backprop(gradients)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores: Any) -> tuple[float, Any]:
        """Cross-entropy of the cue tags, of every cue's role tags and of its verdict, and their gradients."""
        cue_scores, role_scores, verdicts, wanted = scores
        role_tags = [tags for w in wanted for tags in w.role_tags]
        truth = numpy.array([v for w in wanted for v in w.verdicts], dtype="float32").reshape(-1, 1)
        d_cues = [_gradient(s, w.cue_tags, len(CUE_TAGS)) for s, w in zip(cue_scores, wanted, strict=True)]
        d_roles = [_gradient(s, t, len(ROLE_TAGS)) for s, t in zip(role_scores, role_tags, strict=True)]
        guessed = numpy.clip(numpy.asarray(verdicts), 1e-7, 1 - 1e-7)
        loss = sum(_loss(s, w.cue_tags) for s, w in zip(cue_scores, wanted, strict=True)) + sum(
            _loss(s, t) for s, t in zip(role_scores, role_tags, strict=True)) - float(
            (truth * numpy.log(guessed) + (1 - truth) * numpy.log(1 - guessed)).sum())
        return float(loss), (d_cues, d_roles, verdicts - truth)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Its settings (`cfg`) and its weights, packed to 8 bits (`learn.weights`): what the package ships."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)
        (path / "model").write_bytes(weights.to_bytes(self.model))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AttributionModel:
        path = Path(path)
        self.cfg.update(srsly.read_json(path / "cfg"))
        weights.from_bytes(self.model, (path / "model").read_bytes())
        return self

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        self.model.initialize()
        self.rng = random.Random(self.cfg["seed"])

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, float]:
        """Attributions found (content matched one to one at token Jaccard ≥ 0.5) and those with the source
        right too, as precision, recall and F-score."""
        return score_proposals(
            [([Proposal.from_dict(p) for p in eg.predicted._.dateline_attributions or []],
              [Attribution(**a) for a in eg.reference.user_data.get(GOLD, [])], eg.predicted) for eg in examples])


def _gradient(scores: Any, tags: numpy.ndarray, n: int) -> Any:
    truth = numpy.zeros((len(tags), n), dtype="float32")
    truth[numpy.arange(len(tags)), tags] = 1.0
    return scores - truth


def _loss(scores: Any, tags: numpy.ndarray) -> float:
    return float(-numpy.log(numpy.asarray(scores)[numpy.arange(len(tags)), tags] + 1e-8).sum())


DEFAULT_MODEL = {"@architectures": "dateline.Attribution.v1"}


@Language.factory("dateline_attribution", default_config={"model": DEFAULT_MODEL, "negative_share": 0.5, "seed": 0,
                                                         "cue_threshold": 0.2},
                  assigns=["doc._.dateline_attributions"],
                  requires=["token.tag", "token.dep", "token.lemma", "doc.ents", "doc.tensor"],
                  default_score_weights={"attribution_speaker_f": 1.0, "attribution_f": 0.0,
                                         "attribution_p": 0.0, "attribution_r": 0.0})
def make_attribution(nlp: Language, name: str, model: Model, negative_share: float, seed: int,
                     cue_threshold: float) -> AttributionModel:
    register()
    return AttributionModel(nlp.vocab, model, name, negative_share=negative_share, seed=seed,
                            cue_threshold=cue_threshold)

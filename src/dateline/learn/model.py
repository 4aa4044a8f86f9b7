"""The attribution model's architecture (thinc), registered as ``dateline.Attribution.v1`` for spaCy configs.

Two stages over one encoder, in the manner of semantic-role labelling with the reporting cue as the predicate:

1. **Encoder.** Each token's words (hash embeddings of its norm, prefix, suffix and shape, tag, dependency label and
   entity type), the English pipeline's own contextual vectors (`doc.tensor`, from its tok2vec, frozen), and the
   rules' word lists as flags (`features.lexical`), mixed by a maxout layer and read in context by a bidirectional
   LSTM over the article.
2. **Cues.** A softmax over each encoded token: outside, first or inside word of a cue (BIO).
3. **Roles, one cue at a time.** For each cue, the tokens of its window (`features.window`) — each one's encoding,
   the encoding of the cue's head, and where it stands from the cue (`features.relative`, embedded) — go through a
   maxout layer, a bidirectional LSTM and a softmax over outside / source (B, I) / content (B, I). A cue's window is
   read apart from every other cue's, so attributions may nest ("X said Y told them …").

Inputs are `Sample`s (a Doc with its `Layout` and flags) and, for stage 3, `Cue`s; outputs are one array of
probabilities per Doc (stage 2) and per cue (stage 3).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.ml.models.tok2vec import MultiHashEmbed
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    LSTM,
    HashEmbed,
    Maxout,
    Model,
    Sigmoid,
    Softmax,
    chain,
    concatenate,
    expand_window,
    residual,
    with_array,
    with_padded,
)
from thinc.types import Floats2d

from dateline.learn.features import FLAGS, RELATIVE, SENTENCES, WINDOW, Layout, layout, lexical, relative, window

CUE_TAGS = ("O", "B-CUE", "I-CUE")
ROLE_TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CONTENT", "I-CONTENT")
TENSOR_WIDTH = 96
"""The width of en_core_web_sm's contextual vectors (`doc.tensor`); zeros stand in where a Doc has none."""


REACH = (SENTENCES, WINDOW)
"""A cue's window by default: sentences on either side of its own, and tokens at most on either side."""


@dataclass(slots=True)
class Sample:
    """A Doc with what the model reads of it besides its words, worked out once for every cue."""

    doc: Doc
    shape: Layout
    flags: numpy.ndarray

    def __len__(self) -> int:  # what thinc's list layers ask of an input
        return len(self.doc)

    @classmethod
    def of(cls, doc: Doc) -> Sample:
        shape = layout(doc)
        return cls(doc, shape, lexical(doc, shape))


@dataclass(slots=True)
class Cue:
    """A cue to read the roles of: tokens [start, end) of the Doc `sample` indexes, its window [w0, w1), and each
    window token's features seen from it, hashed."""

    sample: int
    start: int
    end: int
    w0: int = 0
    w1: int = 0
    root: int = 0
    keys: numpy.ndarray = field(default_factory=lambda: numpy.zeros((0, len(RELATIVE)), dtype="uint64"))


def cue_at(samples: Sequence[Sample], k: int, start: int, end: int, reach: Sequence[int] = REACH) -> Cue:
    """A `Cue` with its window (`reach`: sentences on either side, and tokens at most, `features.window`) and its
    features filled in."""
    shape = samples[k].shape
    w0, w1 = window(shape, start, end, *reach)
    root = start
    heads = shape.heads
    for i in range(start, end):
        if int(heads[i]) == i or not start <= int(heads[i]) < end:
            root = i
            break
    return Cue(k, start, end, w0, w1, root, relative(shape, start, end, w0, w1))


def _docs() -> Model[list[Sample], list[Doc]]:
    def forward(model: Model, samples: list[Sample], is_train: bool) -> tuple[list[Doc], Callable]:
        return [s.doc for s in samples], lambda d: []
    return Model("docs", forward)


def _tensor() -> Model[list[Sample], list[Floats2d]]:
    """The pipeline's own contextual vectors, frozen: read, never trained."""
    def forward(model: Model, samples: list[Sample], is_train: bool) -> tuple[list[Floats2d], Callable]:
        out = []
        for s in samples:
            tensor = s.doc.tensor
            if tensor is None or tensor.shape != (len(s.doc), TENSOR_WIDTH):
                tensor = numpy.zeros((len(s.doc), TENSOR_WIDTH), dtype="float32")
            out.append(model.ops.asarray2f(tensor))
        return out, lambda d: []
    return Model("doc_tensor", forward, dims={"nO": TENSOR_WIDTH})


def _flags() -> Model[list[Sample], list[Floats2d]]:
    def forward(model: Model, samples: list[Sample], is_train: bool) -> tuple[list[Floats2d], Callable]:
        return [model.ops.asarray2f(s.flags) for s in samples], lambda d: []
    return Model("flags", forward, dims={"nO": len(FLAGS)})


def context(width: int, depth: int, kind: str) -> Model[list[Floats2d], list[Floats2d]]:
    """What reads each token in context: a bidirectional LSTM (`kind` "lstm") or `depth` convolutions over a token
    and its neighbours, each seeing one word further on either side ("cnn")."""
    if kind == "lstm":
        return with_padded(LSTM(width, width, bi=True, depth=depth))
    if kind != "cnn":
        raise ValueError(f"a context reader is 'lstm' or 'cnn', not {kind!r}")
    return with_array(chain(*(residual(chain(expand_window(window_size=1),
                                             Maxout(width, width * 3, nP=2, normalize=True, dropout=0.1)))
                              for _ in range(depth))))


def encoder(width: int, embed_width: int, rows: Sequence[int], depth: int,
            kind: str = "lstm") -> Model[list[Sample], list[Floats2d]]:
    """Words, the pipeline's vectors and the flags of each token, mixed and read in context."""
    words = chain(_docs(), MultiHashEmbed(width=embed_width,
                                          attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "DEP", "ENT_TYPE"],
                                          rows=list(rows), include_static_vectors=False))
    mixed = chain(concatenate(words, _tensor(), _flags()),
                  with_array(Maxout(width, embed_width + TENSOR_WIDTH + len(FLAGS), nP=2, normalize=True,
                                    dropout=0.1)))
    if depth:
        mixed = chain(mixed, context(width, depth, kind))
    return mixed


def _roles_forward(model: Model, inputs: tuple[list[Floats2d], list[Cue]],
                   is_train: bool) -> tuple[tuple[list[Floats2d], Floats2d], Callable]:
    encoded, cues = inputs
    embed, body = model.get_ref("relative"), model.get_ref("body")
    tagger, verifier = model.get_ref("tagger"), model.get_ref("verifier")
    ops, xp = model.ops, model.ops.xp
    width = encoded[0].shape[1] if encoded else model.get_dim("nI")
    if not cues:
        return ([], ops.alloc2f(0, 1)), lambda d: ([ops.alloc2f(*e.shape) for e in encoded], [])
    features, back_features = embed([c.keys for c in cues], is_train)
    if not is_train:
        hs = _read_windows(body, encoded, cues, features, width)
        tags = tagger.predict(hs)
        return (tags, verifier.predict(_pooled(xp, hs, cues))), _no_backprop
    xs = []
    for c, f in zip(cues, features, strict=True):
        e = encoded[c.sample]
        head = xp.broadcast_to(e[c.root], (c.w1 - c.w0, width))
        xs.append(xp.hstack([e[c.w0:c.w1], head, f]))
    hs, back_body = body(xs, is_train)
    tags, back_tagger = tagger(hs, is_train)
    tops = [h.argmax(axis=0) for h in hs]
    pooled = _pooled(xp, hs, cues)
    verdicts, back_verifier = verifier(pooled, is_train)

    def backprop(d: tuple[list[Floats2d], Floats2d]) -> tuple[list[Floats2d], list[Cue]]:
        d_tags, d_verdicts = d
        d_hs = back_tagger(d_tags)
        d_pooled = back_verifier(d_verdicts)
        hidden = hs[0].shape[1]
        for k, c in enumerate(cues):
            d_hs[k][tops[k], xp.arange(hidden)] += d_pooled[k, :hidden]
            n = c.end - c.start
            d_hs[k][c.start - c.w0:c.end - c.w0] += d_pooled[k, hidden:] / n
        d_xs = back_body(d_hs)
        d_encoded = [ops.alloc2f(*e.shape) for e in encoded]
        d_features = []
        for c, dx in zip(cues, d_xs, strict=True):
            d_encoded[c.sample][c.w0:c.w1] += dx[:, :width]
            d_encoded[c.sample][c.root] += dx[:, width:2 * width].sum(axis=0)
            d_features.append(dx[:, 2 * width:])
        back_features(d_features)
        return d_encoded, cues

    return (tags, verdicts), backprop


def _pooled(xp: Any, hs: list[Floats2d], cues: list[Cue]) -> Floats2d:
    """What the verdict reads of each cue's window: its strongest signal anywhere, and its cue's words on average."""
    return xp.vstack([xp.concatenate([h.max(axis=0), h[c.start - c.w0:c.end - c.w0].mean(axis=0)])
                      for h, c in zip(hs, cues, strict=True)])


def _no_backprop(d: Any) -> Any:
    raise ValueError("the roles stage read for prediction has no gradient")


def _node(model: Model, name: str) -> Model:
    return next(node for node in model.walk() if node.name == name)


def _read_windows(body: Model, encoded: list[Floats2d], cues: list[Cue], features: list[Floats2d],
                  width: int) -> list[Floats2d]:
    """`body` over each cue's window, as in training, but with its first layer's product taken apart: a window token's
    input is [its encoding, the cue head's encoding, its features], so the maxout's product is the sum of three —
    each article token's encoding multiplied once however many windows hold it, each cue's head once, and only the
    features for every window token. The same figures up to rounding, for a third of the work."""
    maxout, norm, lstm = _node(body, "maxout"), _node(body, "layernorm"), body.layers[-1]
    ops = body.ops
    W, b = maxout.get_param("W"), maxout.get_param("b")
    n_out, n_pieces, n_in = W.shape
    W = W.reshape(n_out * n_pieces, n_in)
    by_token = {k: ops.gemm(encoded[k], W[:, :width], trans2=True) for k in {c.sample for c in cues}}
    heads = ops.gemm(ops.xp.vstack([encoded[c.sample][c.root] for c in cues]), W[:, width:2 * width], trans2=True)
    heads += b.reshape(n_out * n_pieces)
    windows = ops.gemm(ops.xp.vstack(features), W[:, 2 * width:], trans2=True)
    mixed, at = [], 0
    for k, c in enumerate(cues):
        n = c.w1 - c.w0
        y = windows[at:at + n] + by_token[c.sample][c.w0:c.w1] + heads[k]
        at += n
        mixed.append(y.reshape(n, n_out, n_pieces).max(axis=2))
    normed = norm.predict(ops.xp.vstack(mixed))
    return lstm.predict(ops.unflatten(normed, [c.w1 - c.w0 for c in cues]))


def roles(width: int, feature_width: int, feature_rows: int, depth: int, kind: str = "lstm",
          inner: int | None = None) -> Model:
    """Stage 3: each cue's window, tagged O / B-SOURCE / I-SOURCE / B-CONTENT / I-CONTENT, and a verdict on the
    whole window — is this an attribution at all? — read from the strongest signal anywhere in it and from the
    cue's own words (max- and mean-pooled), which lets the cue stage propose generously."""
    embed = with_array(concatenate(*(HashEmbed(feature_width, feature_rows, column=k, seed=11 + k)
                                     for k in range(len(RELATIVE)))))
    inputs = 2 * width + feature_width * len(RELATIVE)
    inner = inner or width  # the width the roles stage reads in (the encoder's may be wider)
    body = chain(with_array(Maxout(inner, inputs, nP=2, normalize=True, dropout=0.1)), context(inner, depth, kind))
    tagger = with_array(Softmax(len(ROLE_TAGS), inner))
    verifier = Sigmoid(1, 2 * inner)
    return Model("roles", _roles_forward, init=_init_layers, layers=[embed, body, tagger, verifier],
                 refs={"relative": embed, "body": body, "tagger": tagger, "verifier": verifier}, dims={"nI": width})


def _init_layers(model: Model, X: Any = None, Y: Any = None) -> None:
    """Every shape is given by the configuration: each layer is initialized without data."""
    for layer in model.layers:
        layer.initialize()


Choose = Callable[[list[Floats2d]], list[Cue]]
"""What training asks the roles stage about, given the cue stage's scores: the annotated cues and the negatives."""


def _forward(model: Model, inputs: tuple[list[Sample], Choose],
             is_train: bool) -> tuple[tuple[list[Floats2d], list[Cue], list[Floats2d], Floats2d], Callable]:
    """Training's pass: the cue tags of every token, then — for the cues `choose` picks given those tags — each
    one's role tags and verdict."""
    samples, choose = inputs
    encode, tag, read = model.get_ref("encoder"), model.get_ref("cues"), model.get_ref("roles")
    encoded, back_encoded = encode(samples, is_train)
    cue_scores, back_cues = tag(encoded, is_train)
    cues = choose(cue_scores)
    (role_scores, verdicts), back_roles = read((encoded, cues), is_train)

    def backprop(d: tuple[list[Floats2d], list[Floats2d], Floats2d]) -> tuple[list[Sample], Choose]:
        d_cues, d_roles, d_verdicts = d
        d_encoded = back_cues(d_cues)
        if cues:
            for total, more in zip(d_encoded, back_roles((d_roles, d_verdicts))[0], strict=True):
                total += more
        back_encoded(d_encoded)
        return samples, choose

    return (cue_scores, cues, role_scores, verdicts), backprop


def candidates(samples: list[Sample], cue_scores: list[Floats2d], threshold: float,
               reach: Sequence[int] = REACH) -> list[Cue]:
    """The cues the cue stage proposes: every run of tokens it gives at least `threshold` of being a cue."""
    return [cue_at(samples, k, s, e, reach) for k, scores in enumerate(cue_scores)
            for s, e in spans(scores, threshold)]


def predict(model: Model, samples: list[Sample],
            threshold: float) -> tuple[list[Floats2d], list[Cue], list[Floats2d], Floats2d]:
    """The model at work: the cues it proposes, then each one's roles and verdict. Changes nothing in the model, so
    threads may share one."""
    encoded = model.get_ref("encoder").predict(samples)
    cue_scores = model.get_ref("cues").predict(encoded)
    cues = candidates(samples, cue_scores, threshold, model.attrs["reach"])
    role_scores, verdicts = model.get_ref("roles").predict((encoded, cues))
    return cue_scores, cues, role_scores, verdicts


def spans(scores: Floats2d, threshold: float) -> list[tuple[int, int]]:
    """The [start, end) runs of tokens a cue tagging (O, B-CUE, I-CUE) gives at least `threshold` of being in a
    cue; a token likelier to begin a cue than to go on with one starts a new run."""
    probs = numpy.asarray(scores)
    marked = (probs[:, 1] + probs[:, 2]) >= threshold
    found: list[tuple[int, int]] = []
    start = None
    for k, (on, begins) in enumerate(zip(marked.tolist(), (probs[:, 1] > probs[:, 2]).tolist(), strict=True)):
        if on and (start is None or begins):
            if start is not None:
                found.append((start, k))
            start = k
        elif not on and start is not None:
            found.append((start, k))
            start = None
    if start is not None:
        found.append((start, len(probs)))
    return found


def runs(scores: Floats2d, tags: Sequence[str], label: str) -> list[tuple[int, int]]:
    """The [start, end) runs a BIO tagging gives `label` (an I after an O starts a run too), best tag per token."""
    best = numpy.asarray(scores).argmax(axis=1)
    b, i = tags.index(f"B-{label}"), tags.index(f"I-{label}")
    found: list[tuple[int, int]] = []
    start = None
    for k, tag in enumerate(best.tolist()):
        if tag == b or tag == i and start is None:
            if start is not None:
                found.append((start, k))
            start = k
        elif tag != i and start is not None:
            found.append((start, k))
            start = None
    if start is not None:
        found.append((start, len(best)))
    return found


@registry.architectures("dateline.Attribution.v1")
def build_attribution(width: int = 96, embed_width: int = 64, rows: Sequence[int] = (5000, 1000, 2500, 1000,
                      100, 100, 50), encoder_depth: int = 1, feature_width: int = 16, feature_rows: int = 256,
                      role_depth: int = 1, encoder_kind: str = "lstm", role_kind: str = "lstm",
                      sentences: int = SENTENCES, tokens: int = WINDOW, role_width: int | None = None) -> Model:
    """The attribution model: `encoder`, a cue tagger, and `roles`; each reads tokens in context with an LSTM or
    convolutions (`context`); a cue's window reaches `sentences` on either side of its own, `tokens` at most."""
    encode = encoder(width, embed_width, rows, encoder_depth, encoder_kind)
    tag = with_array(Softmax(len(CUE_TAGS), width))
    read = roles(width, feature_width, feature_rows, role_depth, role_kind, role_width)
    return Model("dateline_attribution", _forward, init=_init_layers, layers=[encode, tag, read],
                 refs={"encoder": encode, "cues": tag, "roles": read}, attrs={"reach": (sentences, tokens)})


def describe(model: Model) -> dict[str, Any]:
    return {"parameters": sum(int(numpy.prod(layer.get_param(name).shape)) for layer in model.walk()
                              for name in layer.param_names if layer.has_param(name))}

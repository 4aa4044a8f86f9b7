"""Dateline's trained model of attribution, and how it is made: learnt from PolNeAR, where the rules were written.

Read top-down:

- `polnear.py` — PolNeAR read as training data: its parts (train, validation, the sealed check), parsed as Dateline
  parses news; registered as the spaCy reader ``dateline.PolNeAR.v1``;
- `gold.py` — annotated attributions as targets (cue tags; each cue's role tags and verdict; the negatives);
- `features.py` — what the model reads of a Doc besides its words (the rules' word lists as flags; each token's
  place seen from a cue);
- `model.py` — the architecture (thinc), registered as ``dateline.Attribution.v1``;
- `predict.py` — the model's tags read back as proposals; `calibrate.py` — its scores made precisions;
  `score.py` — the score training keeps its best model by;
- `train.py` — `spacy train` on `attribution.cfg`, and a trained model added to a pipeline (`add_to`).

The spaCy component is `components/attribution.py` (``dateline_attribution``); what becomes of its proposals is
`extract/quotes/merge.py`.
"""

"""Every `Doc._` attribute Dateline sets, registered once, here: plain data only, so a Doc that went through
Dateline serializes (`doc.to_bytes()`, `DocBin`, `nlp.pipe(…, n_process=2)`) like any other.

- `doc._.dateline_published`: the publication date every relative time hangs on. Set it to a `date` or an ISO
  string (``"2021-06-21"``); it reads back as a `date`, and is kept in the Doc as the ISO string.
- `doc._.dateline_people`, `…_organizations`, `…_places`, `…_quotes`, `…_times`, `…_events`: lists of the plain
  forms (dicts) of `dateline.records` records: `Person`, `Entity`, `Quote`, `Timex`, `Event`, each as
  `dataclasses.asdict` gives it and as `Result.to_dict()` nests it (`dateline.records.quote_from` and friends read
  one back).
"""

from __future__ import annotations

from datetime import date, datetime

from spacy.tokens import Doc

from dateline.errors import ConfigError

RESULTS = ("people", "organizations", "places", "quotes", "times", "events")
EXTENSIONS = ("dateline_published", *(f"dateline_{name}" for name in RESULTS))
PUBLISHED = ("._.", "dateline_published", None, None)
"""Where `doc._.dateline_published` is kept in `doc.user_data`: the key spaCy gives an extension's value, so the
date travels with the Doc wherever its extension values do."""


def register() -> None:
    """Register Dateline's `Doc._` attributes (idempotent)."""
    for name in RESULTS:
        if not Doc.has_extension(f"dateline_{name}"):
            Doc.set_extension(f"dateline_{name}", default=None)
    if not Doc.has_extension("dateline_published"):
        Doc.set_extension("dateline_published", getter=published, setter=set_published)


def published(doc: Doc) -> date | None:
    """The Doc's publication date, or None where none was given."""
    value = doc.user_data.get(PUBLISHED)
    return None if value is None else date.fromisoformat(value)


def set_published(doc: Doc, value: date | str | None) -> None:
    """Give a Doc its publication date: a `date`, a `datetime` (its day) or ``YYYY-MM-DD``; None takes it away."""
    if value is None:
        doc.user_data.pop(PUBLISHED, None)
        return
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(f"doc._.dateline_published must be a date or YYYY-MM-DD, not {value!r}") from None
    doc.user_data[PUBLISHED] = value.isoformat()

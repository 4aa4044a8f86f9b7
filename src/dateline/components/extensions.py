"""Every `Doc._` attribute Dateline sets, registered once, here: plain data only, so a Doc that went through
Dateline serializes (`doc.to_bytes()`, `DocBin(store_user_data=True)`, `nlp.pipe(…, n_process=2)`) like any other,
and reads back equal (`==`) to what it was.

- `doc._.dateline_published`: the publication date every relative time hangs on. Set it to a `date` or an ISO
  string (``"2021-06-21"``); it reads back as a `date`, and is kept in the Doc as the ISO string.
- `doc._.dateline_people`, `…_organizations`, `…_places`, `…_quotes`, `…_times`, `…_events`: lists of the plain
  forms (dicts) of `dateline.records` records: `Person`, `Entity`, `Quote`, `Timex`, `Event`, each as
  `dataclasses.asdict` gives it and as `Result.to_dict()` nests it (`dateline.records.quote_from` and friends read
  one back). None until the step that sets it has run.
- `doc._.dateline_attributions`: what the trained attribution model proposes (`dateline_attribution`): dicts of
  token spans and confidences (`dateline.learn.predict.Proposal.to_dict()`), which `dateline_quotes` merges with
  its rules' quotes.

Each value is kept in `doc.user_data` under the key spaCy gives an extension's value (``("._.", name, None,
None)``), so it travels wherever spaCy takes a Doc's extension values. `DocBin` reads `user_data` back with every
list as a tuple (msgpack's arrays, read with ``use_list=False`` so that the keys are tuples again); the getters
here give such a value back as lists and dicts, as it was set, and keep it so. `DocBin` keeps `user_data` only when
made with ``store_user_data=True``: without it every result, and the publication date, are left behind.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc

from dateline.errors import ConfigError

RESULTS = ("people", "organizations", "places", "quotes", "times", "events", "attributions")
EXTENSIONS = ("dateline_published", *(f"dateline_{name}" for name in RESULTS))
PUBLISHED = ("._.", "dateline_published", None, None)
"""Where `doc._.dateline_published` is kept in `doc.user_data`: the key spaCy gives an extension's value, so the
date travels with the Doc wherever its extension values do."""


def key(name: str) -> tuple[str, str, None, None]:
    """Where the value of `doc._.NAME` is kept in `doc.user_data`."""
    return ("._.", name, None, None)


def register() -> None:
    """Register Dateline's `Doc._` attributes (idempotent)."""
    for name in RESULTS:
        if not Doc.has_extension(f"dateline_{name}"):
            Doc.set_extension(f"dateline_{name}", getter=_getter(f"dateline_{name}"),
                              setter=_setter(f"dateline_{name}"))
    if not Doc.has_extension("dateline_published"):
        Doc.set_extension("dateline_published", getter=published, setter=set_published)


def listed(value: Any) -> Any:
    """A value as it was set, from the form msgpack reads it back in with ``use_list=False``: every tuple a list
    again, in dicts and lists at any depth."""
    if isinstance(value, tuple | list):
        return [listed(v) for v in value]
    if isinstance(value, dict):
        return {k: listed(v) for k, v in value.items()}
    return value


def _getter(name: str) -> Callable[[Doc], Any]:
    where = key(name)

    def get(doc: Doc) -> Any:
        value = doc.user_data.get(where)
        if isinstance(value, tuple):  # read back by DocBin: lists again, kept so (changes to them then hold)
            value = doc.user_data[where] = listed(value)
        return value

    get.__doc__ = f"`doc._.{name}`: a list of plain records, or None before its step has run."
    return get


def _setter(name: str) -> Callable[[Doc, Any], None]:
    where = key(name)

    def put(doc: Doc, value: Any) -> None:
        if value is None:
            doc.user_data.pop(where, None)
        else:
            doc.user_data[where] = value

    return put


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

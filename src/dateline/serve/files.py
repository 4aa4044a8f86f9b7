"""Files the command line writes (`--timeml`, `export`): into a folder that is one, never through a link, and never
over a file already there unless the caller says so (``--force``).

A new file is created with ``O_EXCL``, which fails on anything at its path, a link included (even one to nowhere),
so nothing is written where a link points. A replacement is written beside its target under a hidden name and moved
into place: the move replaces a link itself, never what it points at.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dateline.errors import CannotWrite, Message


def make_folder(path: Path) -> None:
    """The folder at `path`, made if it is not there; a `CannotWrite` in one line if it cannot be (a file is
    there, or something on the way is one)."""
    if path.exists() and not path.is_dir():
        raise CannotWrite(Message.NOT_A_FOLDER, where=str(path))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise CannotWrite(Message.NOT_A_FOLDER, where=str(path)) from None
    except OSError as error:
        raise CannotWrite(Message.CANNOT_WRITE_HERE.format(reason=error.strerror or error), where=str(path)) from None


def write_file(path: Path, text: str, *, force: bool = False) -> None:
    """`text` as the file at `path`, in UTF-8: a new file, or with `force` a replacement of what is there (a link
    replaced, not followed); a `CannotWrite` if something is there and `force` is not given."""
    if force:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file would be, not mkstemp's 0600
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        raise CannotWrite(Message.ALREADY_THERE.format(path=path), where=str(path)) from None
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

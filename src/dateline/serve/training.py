"""`dateline train`: rebuild a trained component from annotated data (`dateline.learn.train`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.errors import Code, Message, ReadError
from dateline.serve.corpus import whole
from dateline.serve.edge import Edge, Page

app = typer.Typer(cls=Edge, help="Train Dateline's models from annotated data.", no_args_is_help=True,
                  rich_markup_mode=None)


@app.command(cls=Page)
def attribution(
    source: Annotated[Path, typer.Argument(metavar="POLNEAR_TRAIN_JSONL",
                                           help="PolNeAR's train split as JSON Lines ({id, date, text, quotes: "
                                                "[{source, cue, content}]} with character spans).")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR",
                                         help="Folder to write the model to (give it to --attribution-model).")
                      ] = Path("attribution-model"),
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed of every random choice.")] = 0,
    epochs: Annotated[int | None, typer.Option("--epochs", show_default=False,
                                               **whole(1, 1000, "Passes over the data (10 by default)."))] = None,
    limit: Annotated[int | None, typer.Option("--limit", show_default=False,
                                              **whole(1, 100_000, "Train on at most this many articles (a quick "
                                                                  "model)."))] = None,
) -> None:
    """Train the attribution model from PolNeAR's train split.

    As the one Dateline ships was trained: the articles whose id's SHA-1 begins with 0, 1 or 2 are the sealed
    check and are never read, those beginning with f pick the best epoch, the rest are trained on. About half an
    hour on two cores.

    Examples:

        dateline train attribution ../shared/data/polnear/train.jsonl -o model/

        dateline extract story.txt --attribution-model model/
    """
    from dateline.learn.train import train

    if not source.is_file():
        raise ReadError(Message.NO_SUCH_FILE, source=str(source), code=Code.UNREADABLE)
    written = train(source, output, seed=seed, epochs=epochs, limit=limit,
                    validation_limit=None if limit is None else max(1, limit // 4))
    typer.echo(f"attribution model written to {written}", err=True)

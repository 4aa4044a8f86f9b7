"""Step four, at scale: a corpus read, extracted (in this process or on a Dask cluster) and stored in batches."""

from dateline.scale.ingest import Summary, ingest

__all__ = ["Summary", "ingest"]

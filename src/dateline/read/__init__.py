"""Step one: sources in, `Article`s out."""

from dateline.read.fields import MAX_CHARS, Read, article_from, content_id
from dateline.read.sources import Reading, from_record, read_bytes, read_file, read_paths, read_stream
from dateline.read.timeml import parse_timeml

__all__ = ["MAX_CHARS", "Read", "Reading", "article_from", "content_id", "from_record", "parse_timeml", "read_bytes",
           "read_file", "read_paths", "read_stream"]

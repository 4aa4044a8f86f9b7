"""Step one: sources in, `Article`s out."""

from dateline.read.sources import MAX_CHARS, Read, from_record, parse_timeml, read_bytes, read_file, read_paths

__all__ = ["MAX_CHARS", "Read", "from_record", "parse_timeml", "read_bytes", "read_file", "read_paths"]

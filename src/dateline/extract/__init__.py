"""Step three: pure functions from a parsed Doc to records (people, quotes, times, events)."""

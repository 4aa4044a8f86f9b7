"""The faces of Dateline: the command line now; each a thin layer over the library."""

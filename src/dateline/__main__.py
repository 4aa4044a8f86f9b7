"""`python -m dateline`: the `dateline` command."""

from dateline.serve.cli import main

if __name__ == "__main__":
    main()

"""Provides `python -m evenside`, the same as the `evenside` command."""

from evenside.cli import main

if __name__ == "__main__":
    main()

"""The bundle's entry point: the same ``gumruk_desk.entry.main`` as the installed command."""

import sys

from gumruk_desk.entry import main

if __name__ == "__main__":
    sys.exit(main())

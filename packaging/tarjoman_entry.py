"""Entry point of the frozen app: ``tarjoman`` opens the window, ``tarjoman COMMAND`` runs the CLI.

``multiprocessing.freeze_support()`` must run first: ``translate --batch`` starts worker processes with the
``spawn`` method, which re-executes this binary; freeze_support turns those re-executions into workers.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from reader.cli import main

    sys.exit(main())

"""`python -m reader`: same entry point as the `tarjoman` command."""

from reader.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

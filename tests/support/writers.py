"""Child processes for the kill -9 tests: run as ``python -m tests.support.writers KIND …``.

``annotate ARTICLE_ID COUNT TAG``: add COUNT annotations to the article in the library of TARJOMAN_HOME,
printing ``saved <id> <note>`` (flushed) after each one is committed, so the parent knows what was promised.

``batch-dies-before-manifest DIR`` / ``batch-dies-writing-manifest DIR``: ``translate --batch DIR
--import-only`` that dies (``os._exit``, as abruptly as kill -9) right after the first article is saved and
before batch-imports.json is written — or after the manifest's temporary file is written and before it
replaces the manifest.
"""

from __future__ import annotations

import os
import sys


def _annotate(article_id: int, count: int, tag: str) -> None:
    from reader import config
    from reader.store import annotations, init_db, repo

    init_db(config.paths().database)
    n = len(repo.sentences(article_id))
    for i in range(count):
        rec = annotations.create(article_id, i % n, "source", 0, 3, note=f"{tag}-{i}", tags=[tag])
        print(f"saved {rec.id} {tag}-{i}", flush=True)


def _die_in_batch(folder: str, where: str) -> None:
    from reader.app import batch_manifest
    from reader.cli import main

    if where == "before-manifest":
        def record(self: object, *args: object) -> None:
            os._exit(137)
        batch_manifest.Manifest.record = record  # type: ignore[method-assign]
    else:
        real_replace = os.replace

        def replace(src: object, dst: object) -> None:
            if str(dst).endswith(batch_manifest.MANIFEST_NAME):
                os._exit(137)
            real_replace(src, dst)
        batch_manifest.os.replace = replace  # type: ignore[attr-defined]
    sys.exit(main(["translate", "--batch", folder, "--import-only"]))


def main(argv: list[str]) -> None:
    kind = argv[0]
    if kind == "annotate":
        _annotate(int(argv[1]), int(argv[2]), argv[3])
    elif kind == "batch-dies-before-manifest":
        _die_in_batch(argv[1], "before-manifest")
    elif kind == "batch-dies-writing-manifest":
        _die_in_batch(argv[1], "writing-manifest")
    else:
        raise SystemExit(f"unknown writer {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""One entry point per user action on models, shared by the CLI and the Models dialog.

- :func:`install_from_path`: a file or folder the user picked — an ``.argosmodel``, an OPUS-MT release ``.zip``
  (converted on install), a CTranslate2 folder (NLLB-200 folders are recognised and described) or a Hugging Face
  NLLB-200 folder (converted where transformers + torch are installed) — says which it found in
  :attr:`Installed.found`.
- :func:`download_model`: a catalogue id (``known.CATALOGUE``) or a language code (its Argos package).

Both take ``progress(done, total)``, a ``cancel`` Event and ``on_stage(text)`` (which phase is running), and leave
nothing half-installed when they fail or are cancelled.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.jobs import Cancelled, Progress
from reader.core.translate import known
from reader.core.translate.catalog import ModelSpec
from reader.core.translate.errors import ModelNotFound, PackageError, TranslateError
from reader.core.translate.opusmt import looks_like_opus_release

FOUND = {"argos": "an Argos package", "opus-mt": "an OPUS-MT release (converted to CTranslate2 int8 here)",
         "nllb-hf": "a Hugging Face NLLB-200 folder (converted to CTranslate2 int8 here)",
         "ct2-folder": "a CTranslate2 model folder", "nllb-folder": "an NLLB-200 CTranslate2 model folder"}


def _not_model(path: Path, reason: str) -> PackageError:
    return PackageError(f"{path.name} cannot be installed: {reason}.")


def sniff(path: Path | str) -> str:
    """What *path* is, for ``models install``: "argos" (.argosmodel), "opus-mt" (an OPUS-MT release zip),
    "ct2-folder" (a CTranslate2 model folder) — or PackageError saying why it is none of them."""
    path = Path(path).expanduser()
    if path.is_dir():
        from reader.core.translate.nllb import is_hf_nllb_folder

        return "nllb-hf" if is_hf_nllb_folder(path) else "ct2-folder"
    if not path.is_file():
        raise PackageError(f"{path}: no such file or folder.")
    if not zipfile.is_zipfile(path):
        raise _not_model(path, "it is not an .argosmodel, an OPUS-MT release .zip or a CTranslate2 model folder")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()[: 20001]
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_model(path, f"the archive is damaged ({exc})") from exc
    if looks_like_opus_release(names):
        return "opus-mt"
    return "argos"


@dataclass(frozen=True)
class Installed:
    spec: ModelSpec
    kind: str  # a key of FOUND

    @property
    def found(self) -> str:
        return FOUND[self.kind]


def install_from_path(path: Path | str, *, from_code: str | None = None, progress: Progress | None = None,
                      cancel: threading.Event | None = None,
                      on_stage: Callable[[str], None] | None = None) -> Installed:
    """Install what *path* is (see the module doc); PackageError (one line) when it is none of them."""
    from reader.core.translate.packages import install_package, remove_model

    path = Path(path).expanduser()
    kind = sniff(path)
    stage = on_stage or (lambda text: None)
    if kind == "opus-mt":
        from reader.core.translate.opusmt import install_opus_zip

        return Installed(install_opus_zip(path, from_code=from_code, progress=progress, cancel=cancel,
                                          on_stage=stage), kind)
    if kind == "nllb-hf":
        from reader.core.translate.nllb import install_hf_nllb

        return Installed(install_hf_nllb(path, progress=progress, cancel=cancel, on_stage=stage), kind)
    if kind == "ct2-folder":
        from reader.core.translate.catalog import register_custom_model
        from reader.core.translate.engine import check_loadable
        from reader.core.translate.models_view import folder_description

        description = folder_description(path)
        stage("Copying the model folder")
        try:
            spec = register_custom_model(path, from_code, description=description)
        except OSError as exc:
            raise PackageError(f"{path.name} could not be copied ({exc}).") from exc
        if cancel is not None and cancel.is_set():
            remove_model(spec.key)
            raise Cancelled()
        stage("Checking that the model loads")
        try:
            check_loadable(spec)
        except TranslateError:
            remove_model(spec.key)
            raise
        return Installed(spec, "nllb-folder" if description else kind)
    return Installed(install_package(path), kind)


def download_model(ref: str, *, progress: Progress | None = None, cancel: threading.Event | None = None,
                   on_stage: Callable[[str], None] | None = None) -> ModelSpec:
    """Download and install catalogue entry *ref*, or the Argos package for language *ref* ("fa", "ar")."""
    from reader.core.translate.download import download_package

    entry = known.get(ref)
    if entry is None and ref not in ("fa", "ar"):
        raise ModelNotFound(f"{ref!r} is neither fa, ar nor a model of the catalogue "
                            f"({', '.join(m.id for m in known.CATALOGUE)}).")
    stage = on_stage or (lambda text: None)
    if entry is None or entry.family == "argos":
        code = entry.languages[0] if entry else ref
        stage(f"Downloading the Argos {code}→en package")
        return download_package(code, "en", progress=progress, cancel=cancel)
    if entry.family == "opus-mt":
        from reader.core.translate.opusmt import download_opus

        return download_opus(entry.id, progress=progress, cancel=cancel, on_stage=stage)
    from reader.core.translate.models_view import folder_instructions

    raise PackageError(folder_instructions(entry))

"""Translation commands: `tarjoman models list|catalog|install|download|default|remove|register|export-cache` and
`tarjoman translate FILE_OR_ID [--format tsv|json] [--model PATH] [--preset P]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader.cli.common import open_library, resolve_article


def register(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="list, install, download or remove translation models")
    msub = models.add_subparsers(dest="models_command", metavar="ACTION")
    models.set_defaults(func=lambda args: _cmd_list(args))

    p = msub.add_parser("list", help="list installed translation models")
    p.set_defaults(func=_cmd_list)
    p = msub.add_parser("catalog", help="the models Tarjoman knows: published score, size, licence, installed state")
    p.add_argument("--check-updates", action="store_true", help="ask the Argos index for newer packages (online)")
    p.set_defaults(func=_cmd_catalog)
    p = msub.add_parser("install", help="install from a file: an .argosmodel, an OPUS-MT release .zip (converted "
                                        "on install) or a CTranslate2 model folder")
    p.add_argument("file")
    p.add_argument("--from", dest="from_code", choices=["fa", "ar"], help="source language, when the file "
                   "does not say")
    p.set_defaults(func=_cmd_install)
    p = msub.add_parser("download", help="download and install a model (online): a language (the Argos package) "
                                         "or a catalogue id (see `models catalog`)")
    p.add_argument("from_code", metavar="FROM_OR_ID")
    p.add_argument("to_code", metavar="TO", nargs="?", default="en", choices=["en"])
    p.set_defaults(func=_cmd_download)
    p = msub.add_parser("default", help="pick the model a language uses (default: the best installed one)")
    p.add_argument("language", choices=["fa", "ar"])
    p.add_argument("ref", nargs="?", help="model id, folder name or catalogue id; omit to show, `auto` to reset")
    p.set_defaults(func=_cmd_default)
    p = msub.add_parser("remove", help="uninstall a model (see `models list` for ids)")
    p.add_argument("id")
    p.set_defaults(func=_cmd_remove)
    p = msub.add_parser("register", help="add your own CTranslate2 + SentencePiece model folder")
    p.add_argument("dir")
    p.add_argument("--from", dest="from_code", choices=["fa", "ar"], help="source language (unless the folder's "
                   "tarjoman-model.json names it)")
    p.add_argument("--to", dest="to_code", default="en", choices=["en"])
    p.add_argument("--name", help="name to list it under (default: the folder name)")
    p.set_defaults(func=_cmd_register)
    p = msub.add_parser("export-cache", help="write articles' cached translations as shipped-cache files")
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    p.add_argument("--out", help="folder (default: the app's translations_cache/)")
    p.add_argument("--model", dest="model_key", help="model key to export (default: each sentence's model)")
    p.set_defaults(func=_cmd_export_cache)

    t = sub.add_parser("translate", help="translate an article (file or library id) and print aligned pairs")
    t.add_argument("ref", metavar="FILE_OR_ID", nargs="?")
    t.add_argument("--format", choices=["tsv", "json"], default="tsv")
    t.add_argument("--model", help="use the CTranslate2 model in this folder instead of the installed one")
    t.add_argument("--preset", choices=["fast", "balanced", "quality"], help="speed/quality preset")
    t.add_argument("--refresh", action="store_true", help="ignore cached translations")
    from reader.cli.alternatives import add_alternatives_arguments
    from reader.cli.batch_cmds import add_batch_arguments

    add_batch_arguments(t)
    add_alternatives_arguments(t)
    t.set_defaults(func=_cmd_translate)


def _user_error(exc: Exception) -> Exception:
    from reader.cli.errors import UserError

    return UserError(str(exc))


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _cmd_list(args: argparse.Namespace) -> int:
    from reader.core.translate import ModelNotFound
    from reader.core.translate.catalog import find_model, installed_models, pair_label

    models = installed_models()
    if not models:
        print("No translation models are installed. Get one with `tarjoman models download fa en` or "
              "`tarjoman models download ar en` (needs internet), or `tarjoman models install FILE` "
              "(`tarjoman models catalog` lists the better ones).")
        return 0
    used = {}
    for code in {m.from_code for m in models}:
        try:
            used[code] = find_model(code, "en")
        except ModelNotFound:
            pass
    for m in models:
        mark = "\t(used)" if used.get(m.from_code) == m else ""
        print(f"{m.path.name}\t{pair_label(m.from_code, m.to_code)}\t{m.family or m.backend}\tversion {m.version}\t"
              f"{_mb(m.size_bytes())}\t{m.key}{mark}")
    return 0


def _installed_line(spec: Any) -> str:
    from reader.core.translate.catalog import installed_models, pair_label

    pairs = [pair_label(m.from_code, m.to_code) for m in installed_models() if m.path == spec.path]
    return f"Installed {spec.path.name}: {', '.join(pairs) or pair_label(*spec.pair)}, version {spec.version}."


def _cmd_install(args: argparse.Namespace) -> int:
    from reader.core.translate import TranslateError
    from reader.core.translate.installer import install_from_path

    try:
        done = install_from_path(args.file, from_code=args.from_code,
                                 on_stage=lambda text: print(f"{text}…", file=sys.stderr))
    except (TranslateError, OSError) as exc:
        raise _user_error(exc) from None
    print(_installed_line(done.spec).removesuffix(".") + f" (found: {done.found}).")
    return 0


def _cmd_catalog(args: argparse.Namespace) -> int:
    from reader.core.translate import TranslateError
    from reader.core.translate.models_view import catalogue_rows

    updates = None
    if args.check_updates:
        from reader.core.translate.download import index_versions

        try:
            updates = index_versions()
        except TranslateError as exc:
            print(f"Updates not checked: {exc}", file=sys.stderr)
    for language, rows in catalogue_rows(updates).items():
        print(f"{language}:")
        for r in rows:
            mark = "*" if r.is_default else " "
            print(f" {mark} {r.name}\tBLEU {r.bleu_text}\t{r.size_text}\t{r.licence}\tspeed: {r.speed}\t{r.state}")
            if r.note:
                print(f"      {r.note}")
    print("* = used for that language. BLEU: published FLORES-200 devtest scores into English (beam 4). "
          "`tarjoman models download ID` installs one; `tarjoman models default LANG ID` picks one.")
    return 0


def _cmd_default(args: argparse.Namespace) -> int:
    from reader.core.translate import TranslateError
    from reader.core.translate.catalog import find_model
    from reader.core.translate.settings import load_default_models, save_default_model

    if args.ref:
        if args.ref == "auto":
            save_default_model(args.language, None)
        else:
            try:
                spec = find_model(args.language, default=args.ref)
            except TranslateError as exc:
                raise _user_error(exc) from None
            if args.ref not in (spec.key, spec.model_id, spec.path.name, spec.catalog_id):
                raise _user_error(ValueError(f"{args.ref!r} is not an installed {args.language}→en model; "
                                             "`tarjoman models list` shows them."))
            save_default_model(args.language, args.ref)
    chosen = load_default_models().get(args.language)
    try:
        spec = find_model(args.language)
        used = f"{spec.model_id} ({spec.key})"
    except TranslateError:
        used = "none installed"
    print(f"{args.language}: {'picked ' + chosen if chosen else 'automatic (the best installed one)'}; uses {used}.")
    return 0


class _Sentences:
    """Sentence progress on stderr, for a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self, done: int, total: int) -> None:
        print(f"\r{self.label}: {done}/{total} sentences", end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        print(file=sys.stderr)


class _Bar:
    """Download progress on stderr (one updating line on a terminal, a few lines otherwise)."""

    def __init__(self, label: str) -> None:
        self.label, self.tty, self.last_pct = label, sys.stderr.isatty(), -100

    def __call__(self, done: int, total: int) -> None:
        pct = int(100 * done / total) if total else -1
        if self.tty:
            size = f"{_mb(done)} / {_mb(total)} ({pct}%)" if total else _mb(done)
            print(f"\r{self.label}: {size}   ", end="", file=sys.stderr, flush=True)
        elif pct >= self.last_pct + 25 or (total and done == total and pct != self.last_pct):
            self.last_pct = pct
            print(f"{self.label}: {pct}%" if total else f"{self.label}: {_mb(done)}", file=sys.stderr)

    def end(self) -> None:
        if self.tty:
            print(file=sys.stderr)


def _cmd_download(args: argparse.Namespace) -> int:
    from reader.core.translate import TranslateError, known
    from reader.core.translate.installer import download_model

    entry = known.get(args.from_code)
    if entry is not None and entry.licence_note:
        print(entry.licence_note, file=sys.stderr)
    bar = _Bar(f"Downloading {entry.name if entry else args.from_code + '→' + args.to_code}")

    def stage(text: str) -> None:
        if not text.startswith("Downloading"):
            bar.end()
            print(f"{text}…", file=sys.stderr)
            bar.label = text

    try:
        spec = download_model(args.from_code, progress=bar, on_stage=stage)
    except TranslateError as exc:
        bar.end()
        raise _user_error(exc) from None
    bar.end()
    print(_installed_line(spec))
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from reader.core.translate import TranslateError
    from reader.core.translate.packages import remove_model

    try:
        spec = remove_model(args.id)
    except TranslateError as exc:
        raise _user_error(exc) from None
    print(f"Removed {spec.path.name}.")
    return 0


def _cmd_register(args: argparse.Namespace) -> int:
    from reader.core.translate import TranslateError
    from reader.core.translate.catalog import pair_label, register_custom_model
    from reader.core.translate.engine import check_loadable

    try:
        spec = register_custom_model(args.dir, args.from_code, args.to_code, args.name)
        try:
            check_loadable(spec)
        except TranslateError:
            from reader.core.translate.packages import remove_model

            remove_model(spec.key)
            raise
    except (TranslateError, OSError) as exc:
        raise _user_error(exc) from None
    print(f"Registered {spec.model_id}: {pair_label(spec.from_code, spec.to_code)} ({spec.key}).")
    return 0


def _cmd_export_cache(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.app.translate import export_cache_files
    from reader.resources import translations_cache_dir

    open_library()
    out = Path(args.out) if args.out else translations_cache_dir()
    written = export_cache_files(args.ids, out, args.model_key)
    if not written:
        print("Nothing to export: these articles have no cached translations yet (run `tarjoman translate`).")
    for path, n in written.items():
        print(f"{path}: {n} entries")
    return 0


def _result_row(r: Any) -> dict[str, Any]:
    return {"index": r.index, "source": r.source, "translation": r.translation,
            "flags": [f.to_json() for f in r.flags]}


def _cmd_translate(args: argparse.Namespace) -> int:
    if getattr(args, "batch", None):
        from reader.cli.batch_cmds import run_batch

        return run_batch(args)
    if not args.ref:
        raise _user_error(ValueError("give an article (FILE or library ID) or --batch DIR_OR_GLOB…"))
    if getattr(args, "alternatives", None) is not None:
        from reader.cli.alternatives import run_alternatives

        return run_alternatives(args)
    from reader.app.translate import translate_article
    from reader.core.jobs import Cancelled
    from reader.core.translate import EngineSettings, TranslateError
    from reader.core.translate.catalog import spec_from_dir
    from reader.core.translate.engine import get_engine
    from reader.core.translate.settings import load_settings
    from reader.store import repo

    article_id = resolve_article(args.ref)
    article = repo.get_article(article_id)
    if article.language not in ("fa", "ar"):
        raise _user_error(ValueError(f"Article {article_id} is in {article.language!r}; only fa and ar are read."))
    settings, quality = load_settings()
    if args.preset:
        settings = EngineSettings.from_preset(args.preset)
    engine = None
    show = _Sentences(f"Translating article {article_id}") if sys.stderr.isatty() else None
    try:
        if args.model:
            spec = spec_from_dir(args.model, from_code=article.language, to_code="en")
            if spec.pair != (article.language, "en"):
                raise _user_error(ValueError(
                    f"The model in {args.model} translates {spec.from_code}→{spec.to_code}, but article "
                    f"{article_id} is {article.language}."))
            engine = get_engine(spec, settings)
        results = translate_article(article_id, engine=engine, settings=settings, quality=quality,
                                    progress=show, refresh=args.refresh)
    except TranslateError as exc:
        raise _user_error(exc) from None
    except Cancelled:
        raise _user_error(RuntimeError("translation cancelled")) from None
    finally:
        if show is not None:
            show.end()
    if args.format == "json":
        print(json.dumps([_result_row(r) for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            cells = [str(r.index), r.source, r.translation, ",".join(f.code for f in r.flags)]
            print("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return 0

"""`tarjoman feeds …`: subscribe to RSS/Atom feeds and import their new articles headlessly.

    tarjoman feeds add URL [--auto-translate] [--no-refresh]   subscribe (a feed, or a site page naming one)
    tarjoman feeds list                                        id, unread/articles, last check, title, URL
    tarjoman feeds refresh [FEED…] [--translate] [--every MIN] import new items (all feeds by default)
    tarjoman feeds remove FEED                                 unsubscribe (imported articles stay)
    tarjoman feeds auto-translate FEED on|off                  translate a feed's new items when refreshed
    tarjoman feeds import-opml FILE | export-opml FILE         subscription lists from/for other readers

FEED is a feed id from ``feeds list`` or its URL. ``refresh`` prints one line per feed as each finishes (a
slow feed does not hold the others) and exits 1 when any feed failed.
"""

from __future__ import annotations

import argparse
import sys
import threading

from reader.cli.common import open_library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feeds", help="RSS/Atom feeds: add, list, refresh, remove, OPML import/export",
                       description=__doc__.split("\n\n")[0] if __doc__ else None)
    fsub = p.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)

    a = fsub.add_parser("add", help="subscribe to a feed (or a site page that names its feed)")
    a.add_argument("url", metavar="URL")
    a.add_argument("--auto-translate", action="store_true", help="translate new items when refreshed")
    a.add_argument("--no-refresh", action="store_true", help="subscribe only; import items on the next refresh")
    a.set_defaults(func=_cmd_add)

    a = fsub.add_parser("list", help="the subscriptions with unread counts")
    a.set_defaults(func=_cmd_list)

    a = fsub.add_parser("refresh", help="import new items (all feeds, or the ones named)")
    a.add_argument("feeds", nargs="*", metavar="FEED", help="feed id or URL (default: all)")
    a.add_argument("--translate", action="store_true", help="translate the new articles (any feed)")
    a.add_argument("--every", type=float, metavar="MINUTES",
                   help="keep refreshing every MINUTES until interrupted (Ctrl+C)")
    a.set_defaults(func=_cmd_refresh)

    a = fsub.add_parser("remove", help="unsubscribe (the imported articles stay in the library)")
    a.add_argument("feed", metavar="FEED")
    a.set_defaults(func=_cmd_remove)

    a = fsub.add_parser("auto-translate", help="translate a feed's new items in the background (on/off)")
    a.add_argument("feed", metavar="FEED")
    a.add_argument("state", choices=["on", "off"])
    a.set_defaults(func=_cmd_auto_translate)

    a = fsub.add_parser("import-opml", help="subscribe to the feeds of an OPML file")
    a.add_argument("file", metavar="FILE")
    a.set_defaults(func=_cmd_import_opml)

    a = fsub.add_parser("export-opml", help="write the subscriptions to an OPML file")
    a.add_argument("file", metavar="FILE")
    a.set_defaults(func=_cmd_export_opml)


def _user_error(exc: BaseException) -> Exception:
    from reader.cli import UserError

    return UserError(" ".join(str(exc).split()))


def _cmd_add(args: argparse.Namespace) -> int:
    from reader.app import feeds

    open_library()
    try:
        feed, created = feeds.add_feed(args.url, auto_translate=args.auto_translate)
    except ValueError as exc:
        raise _user_error(exc) from None
    print(f"{feed.id}\t{feed.title or feed.url}\t{feed.url}" + ("" if created else "\t(already subscribed)"))
    if args.no_refresh:
        return 0
    return _refresh([feed.id], translate=None)


def _cmd_list(args: argparse.Namespace) -> int:  # noqa: ARG001
    from reader.app import feeds

    open_library()
    rows = feeds.list_feeds()
    if not rows:
        print("No feeds yet. Subscribe with: tarjoman feeds add URL")
        return 0
    for r in rows:
        checked = r.last_checked.replace("T", " ") if r.last_checked else "never checked"
        flags = " [auto-translate]" if r.auto_translate else ""
        error = f"\t! {r.last_error}" if r.last_error else ""
        print(f"{r.id}\t{r.unread} unread / {r.items}\t{checked}\t{r.title}{flags}\t{r.url}{error}")
    return 0


def _feed_ids(refs: list[str]) -> list[int] | None:
    from reader.app import feeds
    from reader.store.db import StoreError

    if not refs:
        return None
    try:
        return [feeds.get_feed(ref).id for ref in refs]
    except StoreError as exc:
        raise _user_error(exc) from None


def _refresh(ids: list[int] | None, translate: bool | None, cancel: threading.Event | None = None) -> int:
    from reader.app.feed_refresh import FeedReport, refresh_feeds

    failed = 0

    def show(report: FeedReport) -> None:
        nonlocal failed
        if report.error:
            failed += 1
            print(f"tarjoman: {report.summary()}", file=sys.stderr)
        else:
            print(report.summary())
        for note in report.notes:
            print(f"  {note}", file=sys.stderr)
        sys.stdout.flush()

    reports = refresh_feeds(ids, translate=translate, on_report=show, cancel=cancel)
    if not reports:
        print("No feeds yet. Subscribe with: tarjoman feeds add URL")
    return 1 if failed else 0


def _cmd_refresh(args: argparse.Namespace) -> int:
    open_library()
    ids = _feed_ids(args.feeds)
    translate = True if args.translate else None
    if not args.every:
        try:
            return _refresh(ids, translate)
        except KeyboardInterrupt:  # feeds still fetching are left behind (daemon threads)
            print("stopped", file=sys.stderr)
            return 130
    if args.every <= 0:
        raise _user_error(ValueError("--every needs a number of minutes above 0"))
    cancel = threading.Event()
    code = 0
    try:
        while not cancel.is_set():
            code = _refresh(ids, translate, cancel)
            print(f"next refresh in {args.every:g} min (Ctrl+C stops)", file=sys.stderr)
            cancel.wait(args.every * 60)
    except KeyboardInterrupt:
        cancel.set()
        print("stopped", file=sys.stderr)
    return code


def _cmd_remove(args: argparse.Namespace) -> int:
    from reader.app import feeds
    from reader.store.db import StoreError

    open_library()
    try:
        feed = feeds.remove_feed(args.feed)
    except StoreError as exc:
        raise _user_error(exc) from None
    print(f"removed {feed.id}\t{feed.title or feed.url} (its articles stay in the library)")
    return 0


def _cmd_auto_translate(args: argparse.Namespace) -> int:
    from reader.app import feeds
    from reader.store.db import StoreError

    open_library()
    try:
        feed = feeds.set_auto_translate(args.feed, args.state == "on")
    except StoreError as exc:
        raise _user_error(exc) from None
    print(f"{feed.id}\t{feed.title or feed.url}\tauto-translate {'on' if feed.auto_translate else 'off'}")
    return 0


def _cmd_import_opml(args: argparse.Namespace) -> int:
    from reader.app import feeds

    open_library()
    try:
        added, known = feeds.import_opml(args.file)
    except ValueError as exc:
        raise _user_error(exc) from None
    for f in added:
        print(f"{f.id}\t{f.title or f.url}\t{f.url}")
    print(f"{len(added)} feeds added, {known} already subscribed; run `tarjoman feeds refresh` to import their items",
          file=sys.stderr)
    return 0


def _cmd_export_opml(args: argparse.Namespace) -> int:
    from reader.app import feeds

    open_library()
    try:
        n = feeds.export_opml(args.file)
    except OSError as exc:
        raise _user_error(ValueError(f"{args.file}: cannot be written ({exc.strerror or exc})")) from None
    print(f"wrote {n} feeds to {args.file}")
    return 0

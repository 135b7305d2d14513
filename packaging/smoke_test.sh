#!/usr/bin/env bash
# Smoke-test a built Tarjoman binary (default dist/tarjoman/tarjoman) in a throw-away home:
#  1. the window opens offscreen and the first run imports the sample library
#     (TARJOMAN_STARTUP_TIMING=exit: reader.ui.app prints "window shown after X s" and quits);
#  2. the CLI in the same binary lists those samples, shows one, and segments a file;
#  3. an HTML article imports (trafilatura), and exports to PDF/HTML when the export command exists;
#  4. with a model package (2nd argument, e.g. a test .argosmodel), `models install` and `translate` work;
#  5. `translate --batch` runs (worker processes start from the frozen binary).
#
#   bash packaging/smoke_test.sh [BIN] [MODEL.argosmodel]
set -euo pipefail
BIN=${1:-dist/tarjoman/tarjoman}
MODEL=${2:-}
[ -x "$BIN" ] || { echo "smoke_test.sh: $BIN is not an executable (build it with make package)" >&2; exit 1; }
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
export TARJOMAN_HOME="$HOME_DIR/home" QT_QPA_PLATFORM=offscreen
fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }

out=$(TARJOMAN_STARTUP_TIMING=exit timeout 120 "$BIN" 2>"$HOME_DIR/gui.err") || fail "the window did not start: $(tail -3 "$HOME_DIR/gui.err")"
echo "$out" | grep -q "window shown after" || fail "no startup line; got: $out"
echo "gui: $(echo "$out" | grep "window shown after")"

list=$(timeout 60 "$BIN" list) || fail "tarjoman list failed"
if ! echo "$list" | grep -q -E "^[0-9]+\s(fa|ar)\s"; then
    # the window imports the samples in a background task on first run; exit mode may quit before it ends.
    # Without a display, `tarjoman` imports them (if the library is empty) and prints the library instead.
    echo "note: the window quit before its first-run sample import finished; using the headless start"
    list=$(env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY timeout 120 "$BIN" 2>/dev/null) \
        || fail "headless start (import samples + list) failed"
fi
n=$(echo "$list" | grep -c -E "^[0-9]+\s(fa|ar)\s" || true)
[ "$n" -ge 2 ] || fail "expected the sample articles in the library, got: $list"
echo "cli: tarjoman list shows $n sample articles"

first=$(echo "$list" | head -1 | cut -f1)
timeout 60 "$BIN" show "$first" | grep -q "^1"$'\t' || fail "tarjoman show $first printed no sentences"
printf 'این یک جمله است. این هم جمله دیگری است.\n' > "$HOME_DIR/s.txt"
seg=$(timeout 60 "$BIN" segment "$HOME_DIR/s.txt" 2>&1) || fail "tarjoman segment failed: $seg"
[ "$(echo "$seg" | grep -c .)" -ge 2 ] || fail "segment gave: $seg"
echo "cli: show and segment work"

cat > "$HOME_DIR/page.html" <<'HTML'
<html><head><title>خبر آزمایشی</title></head><body><nav>خانه | ورزش</nav><article><h1>خبر آزمایشی</h1>
<p>وزیر امور خارجه روز دوشنبه در تهران گزارش سالانه را منتشر کرد. این گزارش درباره طرح آب است.</p>
<p>به گفته سخنگو، بودجه جدید ماه آینده در مجلس بررسی خواهد شد.</p></article></body></html>
HTML
imp=$(timeout 60 "$BIN" import "$HOME_DIR/page.html" 2>&1) || fail "importing an HTML article failed: $imp"
html_id=$(timeout 60 "$BIN" list | grep -c . )
[ "$html_id" -gt "$n" ] || fail "the HTML article is not in the library after import: $imp"
echo "cli: HTML import works"
if timeout 120 "$BIN" export "$first" -o "$HOME_DIR/out.pdf" >"$HOME_DIR/export.out" 2>&1; then
    [ -s "$HOME_DIR/out.pdf" ] || fail "export wrote no PDF"
    echo "cli: PDF export works ($(du -k "$HOME_DIR/out.pdf" | cut -f1) kB)"
elif grep -q "invalid choice: 'export'" "$HOME_DIR/export.out"; then
    echo "cli: no export command in this build yet (skipped)"
else
    fail "export failed: $(tail -2 "$HOME_DIR/export.out")"
fi

if [ -n "$MODEL" ]; then
    timeout 120 "$BIN" models install "$MODEL" >/dev/null || fail "models install $MODEL failed"
    fa_id=$(timeout 60 "$BIN" list --lang fa | head -1 | cut -f1)
    pairs=$(timeout 300 "$BIN" translate "$fa_id" --preset fast) || fail "translate $fa_id failed"
    [ "$(echo "$pairs" | grep -c .)" -ge 2 ] || fail "translate printed no sentence pairs"
    echo "cli: translated article $fa_id with $(basename "$MODEL") ($(echo "$pairs" | grep -c .) sentences)"
fi

mkdir -p "$HOME_DIR/batch"
if [ -n "$MODEL" ]; then  # translate in worker processes spawned from the frozen binary
    cp "$(dirname "$BIN")"/_internal/resources/samples/fa-*.txt "$HOME_DIR/batch/"
    batch_args=(--preset fast --workers 2)
else
    cp "$(dirname "$BIN")"/_internal/resources/samples/*.txt "$HOME_DIR/batch/"
    batch_args=(--import-only)
fi
if timeout 300 "$BIN" translate --batch "$HOME_DIR/batch" "${batch_args[@]}" >"$HOME_DIR/batch.out" 2>&1; then
    echo "cli: translate --batch ${batch_args[*]}: $(tail -1 "$HOME_DIR/batch.out")"
elif grep -q "unrecognized arguments: --batch\|the following arguments are required" "$HOME_DIR/batch.out"; then
    echo "cli: translate --batch is not wired into this build yet (skipped)"
else
    fail "translate --batch failed: $(tail -3 "$HOME_DIR/batch.out")"
fi
echo "SMOKE OK: $BIN"

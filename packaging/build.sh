#!/usr/bin/env bash
# Build the one-folder Linux app into dist/tarjoman/ (`make package`), then smoke-test it.
#
#   bash packaging/build.sh            # build + smoke test
#   SKIP_SMOKE=1 bash packaging/build.sh
#
# Needs the project's .venv (make install); installs PyInstaller into it (pinned) if missing. Writes
# dist/tarjoman/ (run dist/tarjoman/tarjoman), dist/tarjoman/share/ (the .desktop file, AppStream metainfo and
# hicolor icons, laid out as under /usr/share), and prints the bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
PYINSTALLER_VERSION=${PYINSTALLER_VERSION:-6.22.3}
PY=.venv/bin/python
if [ ! -x "$PY" ]; then
    echo "build.sh: .venv is missing; run 'make install' first (make package does)" >&2
    exit 1
fi
if ! "$PY" -c "import PyInstaller, sys; sys.exit(PyInstaller.__version__ != '$PYINSTALLER_VERSION')" 2>/dev/null; then
    echo "Installing PyInstaller $PYINSTALLER_VERSION into .venv"
    "$PY" -m pip install -q --disable-pip-version-check "pyinstaller==$PYINSTALLER_VERSION"
fi

started=$(date +%s)
rm -rf dist/tarjoman build/pyinstaller
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/tarjoman.spec

# Desktop integration files, laid out as they are installed under /usr (or ~/.local).
APP_ID=org.tarjoman.Tarjoman
SHARE=dist/tarjoman/share
install -Dm644 "packaging/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
install -Dm644 "packaging/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -Dm644 resources/icons/tarjoman.svg "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in 16 32 48 64 128 256 512; do
    install -Dm644 "resources/icons/tarjoman-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done

echo "Built dist/tarjoman in $(( $(date +%s) - started )) s: $(du -sh dist/tarjoman | cut -f1)" \
     "($(find dist/tarjoman -type f | wc -l) files)"
echo "Largest parts:"
{ du -sm dist/tarjoman/_internal/* 2>/dev/null | sort -rn || true; } | awk 'NR <= 12 {printf "  %5s MB  %s\n", $1, $2}'

if [ -z "${SKIP_SMOKE:-}" ]; then
    # a tiny but real fa→en test package (random weights) lets the smoke test translate with the frozen app
    model=$("$PY" -c "import sys; sys.path.insert(0, '.'); from tests.support.testmodels import build_argos_package as b; print(b('build/smoke-model', 'fa'))")
    bash packaging/smoke_test.sh dist/tarjoman/tarjoman "$model"
fi

#!/usr/bin/env bash
# Install a LibreTranslate server into .venv-lt (its own virtual environment: its pins — flask 2.2, requests
# 2.31, werkzeug 2.3 — clash with ours). Used by the team-server integration test and bench/bench_batch.py;
# a real team server is set up as docs/TEAM_SERVER.md says.
#
# Idempotent and fast when already installed: a stamp file records what was installed, and a second run
# with the same versions returns at once.
#
# torch: LibreTranslate 1.9 no longer depends on torch (sentence splitting moved from stanza to MiniSBD,
# which runs on onnxruntime), so torch is not installed at all. Every install step still runs with a
# constraints file that pins torch==2.13.0 (the local CPU wheel) and numpy<2: if any dependency ever pulled
# torch in, it would get that wheel instead of gigabytes of CUDA packages.
#
# onnx is installed beside it only to build the tiny sentence-splitter model the offline tests give the
# server (tests/support/libretranslate.py); a production server does not need it.
set -euo pipefail

LT_VERSION=${LT_VERSION:-1.9.6}
ONNX_VERSION=${ONNX_VERSION:-1.17.0}
PY=${PY:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
cd "$(dirname "$0")/.."
VENV=${LT_VENV:-.venv-lt}
STAMP="$VENV/.installed-libretranslate-$LT_VERSION-onnx-$ONNX_VERSION"

if [ -f "$STAMP" ] && [ -x "$VENV/bin/libretranslate" ]; then
    echo "LibreTranslate $LT_VERSION is already installed in $VENV"
    exit 0
fi

started=$(date +%s)
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
constraints=$(mktemp)
trap 'rm -f "$constraints"' EXIT
printf 'torch==2.13.0\nnumpy<2\n' > "$constraints"

pip() { "$VENV/bin/python" -m pip --disable-pip-version-check "$@"; }
if ! pip install -q -c "$constraints" "libretranslate==$LT_VERSION" "onnx==$ONNX_VERSION"; then
    echo "install_libretranslate.sh: could not install libretranslate==$LT_VERSION into $VENV" \
         "(is PyPI reachable from this machine?)" >&2
    exit 1
fi
rm -f "$VENV"/.installed-libretranslate-*
touch "$STAMP"
echo "Installed LibreTranslate $LT_VERSION into $VENV in $(( $(date +%s) - started )) s"

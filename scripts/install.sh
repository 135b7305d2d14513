#!/usr/bin/env bash
# Create .venv and install Tarjoman with its pinned dependencies.
# Order matters: torch==2.13.0 first (a local CPU wheel on the dev machines); argostranslate -> stanza -> torch,
# and an unpinned torch would pull gigabytes of CUDA packages.
set -euo pipefail
PY=${PY:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip wheel setuptools
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[test]"
# Qt's window needs X11/xcb libraries that minimal Linux installs lack: warn now rather than at first start.
if [ "$(uname -s)" = Linux ]; then
    QT_QPA_PLATFORM=xcb .venv/bin/python -c "
import sys
from reader.ui.platform_check import problem
msg = problem()
if msg:
    print('warning: ' + msg, file=sys.stderr)
" || true
fi

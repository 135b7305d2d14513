"""reader.config: argostranslate's directories point into our home without changing XDG_* for the process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = textwrap.dedent("""
    import json, os
    from reader.core.translate import catalog
    catalog.argos_package_module()  # what the model catalog does on first use
    import argostranslate.settings as s
    print(json.dumps({
        "env": {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")},
        "argos": [str(s.data_dir), str(s.cache_dir), str(s.package_data_dir)],
    }))
""")


def test_argos_dirs_are_ours_but_xdg_stays_the_users(tmp_path: Path) -> None:
    """The first use of the model catalog set XDG_* for the whole GUI process (Qt, fontconfig and every other
    library then wrote into our home); now they are changed only while argostranslate reads them."""
    home, user_data = tmp_path / "home", tmp_path / "users-data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ARGOS_"))}
    env.update(PYTHONPATH=str(ROOT), TARJOMAN_HOME=str(home), XDG_DATA_HOME=str(user_data))
    out = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["env"] == {"XDG_DATA_HOME": str(user_data), "XDG_CACHE_HOME": None, "XDG_CONFIG_HOME": None}
    assert all(p.startswith(str(home)) for p in got["argos"]), got["argos"]

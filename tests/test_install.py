"""What a fresh install needs (the full check, a fresh venv with its own pip, is .ci/install-check)."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import requires, version

import marsad


def test_lxml_html_clean_is_declared_not_left_to_an_extra() -> None:
    # justext asks for lxml[html_clean]; pip 23.x (what `python3 -m venv` ships) drops that extra
    names = {re.split(r"[ <>=;\[]", r, maxsplit=1)[0].lower().replace("-", "_") for r in requires("marsad") or []}
    assert "lxml_html_clean" in names


def test_version_option_prints_the_installed_version() -> None:
    r = subprocess.run([sys.executable, "-m", "marsad", "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"marsad {version('marsad')}" == f"marsad {marsad.__version__}"

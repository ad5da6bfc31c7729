"""The wheel ships what the tool needs: build it, install it in a fresh virtual environment,
and run wvp from there, outside the source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    # build from a copy, so no build artefacts land in the working tree
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build", "dist", ".*cache*"),
    )
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(work), str(src)], work
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = work.glob("wvp-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    pip = _run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], work)
    assert pip.returncode == 0, pip.stderr
    return env_dir / "bin" / "wvp"


def test_installed_wvp_checks_the_samples(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "cases")
    result = _run(
        [str(installed), "check", "cases", "--as-of", "2026-11-24", "--exclude", "invalid-*"],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Alles in orde" in result.stdout
    bad = _run([str(installed), "check", "cases", "--as-of", "2026-11-24", "-f", "json"], tmp_path)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["findings"]


def test_installed_wvp_prints_the_schema(installed: Path, tmp_path: Path) -> None:
    result = _run([str(installed), "schema"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "wvp case file (format 1)"


def test_installed_wvp_renders_documents_from_its_own_templates(
    installed: Path, tmp_path: Path
) -> None:
    shutil.copytree(SAMPLES, tmp_path / "cases")
    plan = _run(
        [str(installed), "render", "plan", "2026-024", "--in", "cases", "--as-of", "2026-11-24"],
        tmp_path,
    )
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.startswith("# Plan van aanpak")
    html = _run(
        [
            str(installed),
            "render",
            "eerstejaarsevaluatie",
            "cases/tweede-jaar-tweede-spoor.yaml",
            "--as-of",
            "2026-11-24",
            "-o",
            "eje.html",
        ],
        tmp_path,
    )
    assert html.returncode == 0, html.stderr
    assert "<!DOCTYPE html>" in (tmp_path / "eje.html").read_text()

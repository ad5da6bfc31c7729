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
    (wheel,) = work.glob("wvp_poortwachter-*.whl")
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


def test_installed_wvp_imports_with_its_own_presets(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text(
        "Intern nummer;Eerste ziektedag\n77;05-01-2026\n", encoding="utf-8"
    )
    for preset in ("generic", "visma-verzuim"):
        result = _run(
            [str(installed), "import", "export.csv", "--rules", preset, "--dry-run",
             "--as-of", "2026-12-03", "-f", "json"],
            tmp_path,
        )  # fmt: skip
        if preset == "generic":  # its required column is Personeelsnummer: exit 2, in Dutch
            assert result.returncode == 2 and "Personeelsnummer" in result.stderr
        else:
            assert result.returncode == 0, result.stderr
            assert json.loads(result.stdout)["files"][0]["action"] == "create"


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


def test_the_wheel_carries_the_metadata(installed: Path) -> None:
    """One version (wvp_cli.__version__), the licence text, the project's addresses."""
    from wvp_cli import __version__
    from wvp_cli.project import REPOSITORY

    python = installed.parent / "python"
    code = (
        "import importlib.metadata as m, json; d = m.distribution('wvp-poortwachter'); "
        "print(json.dumps({'version': d.version, 'license': d.metadata['License-Expression'], "
        "'urls': d.metadata.get_all('Project-URL'), 'files': [str(f) for f in d.files]}))"
    )
    done = _run([str(python), "-c", code], installed.parent)
    assert done.returncode == 0, done.stderr
    meta = json.loads(done.stdout)
    assert meta["version"] == __version__
    assert meta["license"] == "EUPL-1.2"
    assert any(u.endswith(REPOSITORY) for u in meta["urls"])
    assert any(f.endswith("licenses/LICENSE") for f in meta["files"])


def test_the_sdist_carries_its_tests(tmp_path: Path) -> None:
    """An sdist whose tests run: conftest, data, schemas, the samples and the docs they read
    are in it, and its tests collect and a quick one passes from the unpacked tree."""
    import tarfile

    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build", "dist", ".*cache*"),
    )
    built = _run([sys.executable, "-m", "build", "--sdist", "-o", str(tmp_path), str(src)], src)
    assert built.returncode == 0, built.stdout + built.stderr
    (sdist,) = tmp_path.glob("wvp_poortwachter-*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    (tree,) = (tmp_path / "unpacked").iterdir()
    for needed in ("LICENSE", "tests/conftest.py", "tests/schemas/junit-10.xsd",
                   "tests/data", "sample_cases", "docs/README.md"):  # fmt: skip
        assert (tree / needed).exists(), needed
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_samples_load.py"],
        cwd=tree, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

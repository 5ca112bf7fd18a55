"""`newsgraph demo`: the main job on the built-in sample corpus, end to end."""

import re

from typer.testing import CliRunner

from newsgraph.cli import app


def test_demo_extracts_every_sample_and_fuses_the_vostochny_summit():
    result = CliRunner().invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Sample corpus: 10 documents" in out
    fused = out[out.index("Events reported by more than one article"):]
    # the September 2023 summit is one canonical event reported by several articles
    summit = [line for line in fused.splitlines() if "2023-09-13" in line and "CONSULT" in line]
    assert summit, fused
    assert "Kim Jong-un" in summit[0] and "Vladimir Putin" in summit[0]
    reports = int(re.findall(r"│\s*(\d+)\s*│", summit[0])[-1])
    assert reports >= 2

"""The on-screen scikit-learn program, actually run: its output equals bce_math's numbers."""

import pytest

from bce_math import default_dataset, fmt, walkthrough
from scenes import example_run


def test_program_prints_the_probabilities_and_loss_of_bce_math():
    story = walkthrough(default_dataset())
    lines = example_run.example_output(story).splitlines()
    printed = [value for line in lines[:-1] for value in line.split()[1:]]
    assert printed == [fmt(p) for p in story.prob_green]
    assert lines[-1] == f"log loss {fmt(story.mean_loss)}"


def test_source_on_screen_is_the_file_without_its_docstring():
    source = example_run.example_source()
    assert "LogisticRegression" in source and "log_loss" in source and "predict_proba" in source
    assert '"""' not in source
    assert source.strip() in example_run.EXAMPLE.read_text()


def test_a_failing_program_stops_the_render_in_one_line(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('no sklearn here')\n")
    monkeypatch.setattr(example_run, "EXAMPLE", broken)
    example_run._run.cache_clear()
    with pytest.raises(SystemExit) as stop:
        example_run._run((1.0, 2.0), (0, 1))
    example_run._run.cache_clear()
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "RuntimeError: no sklearn here" in error

"""The on-screen scikit-learn program, actually run: its output equals bce_math's numbers."""

import pytest

from bce_math import default_dataset, fmt, walkthrough
from scenes.chapters import example_run


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


def test_the_output_is_kept_until_the_program_or_the_data_change(tmp_path, monkeypatch):
    from manim import config

    monkeypatch.setattr(config, "media_dir", str(tmp_path))
    program = tmp_path / "program.py"
    program.write_text("print('first')\n")
    monkeypatch.setattr(example_run, "EXAMPLE", program)
    example_run._run.cache_clear()
    assert example_run._run((1.0, 2.0), (0, 1)) == "first\n"
    example_run._run.cache_clear()
    program.write_text("print('second')\n")
    assert example_run._run((1.0, 2.0), (0, 1)) == "second\n"  # an edited program runs again
    assert len(list((tmp_path / "example").glob("*.txt"))) == 2

    def not_run(*args, **kwargs):
        raise AssertionError("the program ran again for the same program and data")

    example_run._run.cache_clear()
    monkeypatch.setattr(example_run.subprocess, "run", not_run)
    assert example_run._run((1.0, 2.0), (0, 1)) == "second\n"
    example_run._run.cache_clear()
    with pytest.raises(AssertionError):
        example_run._run((1.0, 3.0), (0, 1))  # other data: run again
    example_run._run.cache_clear()

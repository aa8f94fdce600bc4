"""Every load_dataset rule: the error is one line naming the file and the line."""

import subprocess
import sys

import numpy as np
import pytest

from bce_math import MAX_POINTS, Dataset, DatasetError, fmt, load_dataset, walkthrough


def write(tmp_path, text: str | bytes, name: str = "data.csv"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_reads_comments_blank_lines_and_bom(tmp_path):
    path = write(tmp_path, "\ufeff# my points\n\nx,y\n-1.5,0  # left\n\n2,1\n3e0,1\n")
    data = load_dataset(path)
    np.testing.assert_array_equal(data.x, [-1.5, 2.0, 3.0])
    np.testing.assert_array_equal(data.y, [0, 1, 1])
    assert data.name == "data"


def rows(n: int) -> str:
    return "".join(f"{i},{i % 2}\n" for i in range(n))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "no header"),
        ("# only a comment\n", 1, "no header"),
        ("a,b\n1,0\n", 1, "header must be 'x,y'"),
        ("x,y\n1,0\n2\n", 3, "expected 2 values"),
        ("x,y\n1,0\n2,1,5\n", 3, "expected 2 values"),
        ("x,y\n1,0\nabc,1\n", 3, "x must be a number"),
        ("x,y\n1,0\nnan,1\n", 3, "x must be finite"),
        ("x,y\n1,0\ninf,1\n", 3, "x must be finite"),
        ("x,y\n1,0\n2,2\n", 3, "y must be 0 or 1"),
        ("x,y\n1,0\n2,yes\n", 3, "y must be 0 or 1"),
        ("x,y\n1,0\n2,0.5\n", 3, "y must be 0 or 1"),
        ("x,y\n1,1\n", 2, "at least 2 points"),
        ("x,y\n", 1, "at least 2 points"),
        ("x,y\n1,1\n2,1\n3,1\n", 4, "both classes needed, every y is 1"),
        ("x,y\n" + rows(MAX_POINTS + 1), MAX_POINTS + 2, f"at most {MAX_POINTS}"),
        # Lines end at \n, \r\n or \r only (universal newlines): not at the other breaks
        # str.splitlines knows, which may sit inside a comment.
        ("x,y\n# page\fbreak\n1,0\n2,7\n", 4, "y must be 0 or 1"),
        ("x,y\n# line\u2028separator\n1,0\n2,7\n", 4, "y must be 0 or 1"),
        ("x,y\n# para\u2029graph\x85next\x1cfile\vtab\n1,0\n2,7\n", 4, "y must be 0 or 1"),
        ("x,y\r1,0\r2,7\r", 3, "y must be 0 or 1"),
        ("x,y\r\n1,0\r\n2,7\r\n", 3, "y must be 0 or 1"),
        ("x,y\r\n1,0\r\r\n2,7", 4, "y must be 0 or 1"),
        # Only ASCII decimal numbers, as a CSV reader reads them.
        ("x,y\n1,0\n1_000,1\n", 3, "x must be a number, got '1_000'"),
        ("x,y\n1,0\n\u0661\u0662,1\n", 3, "x must be a number"),
        ("x,y\n1,0\n\uff11\uff12,1\n", 3, "x must be a number"),
        ("x,y\n1,0\n\u0967,1\n", 3, "x must be a number"),
        ("x,y\n1,0\n1e,1\n", 3, "x must be a number"),
        ("x,y\n1,0\n.,1\n", 3, "x must be a number"),
        ("x,y\n1,0\n0x10,1\n", 3, "x must be a number"),
        ("x,y\n1,0\n-nan,1\n", 3, "x must be finite"),
        ("x,y\n1,0\n-Infinity,1\n", 3, "x must be finite"),
        # Beyond 1e15 the number line cannot tell points apart (nor labels its ticks): refused.
        ("x,y\n1e308,0\n-1e308,1\n", 2, "x must be between -1e15 and 1e15, got '1e308'"),
        ("x,y\n1,0\n-1.0000001e15,1\n", 3, "x must be between -1e15 and 1e15"),
        ("x,y\n1,0\n1e999,1\n", 3, "x must be between -1e15 and 1e15"),
    ],
)
def test_rule_broken_names_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    assert words in message
    assert "\n" not in message
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3e0", 3.0),
        (".5", 0.5),
        ("-1.5", -1.5),
        ("+2", 2.0),
        ("1.", 1.0),
        ("1E-3", 0.001),
        ("-0", 0.0),
        ("007", 7.0),
        ("1e15", 1e15),
        ("-1000000000000000", -1e15),
    ],
)
def test_ascii_decimal_numbers_are_read(tmp_path, text, value):
    data = load_dataset(write(tmp_path, f"x,y\n{text},0\n9,1\n"))
    walkthrough(data)  # and what is accepted can be shown
    assert data.x[0] == value


def test_forty_points_are_fine(tmp_path):
    assert len(load_dataset(write(tmp_path, "x,y\n" + rows(MAX_POINTS)))) == MAX_POINTS


def test_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path, b"x,y\n1,0\n\xff\xfe,1\n")
    with pytest.raises(DatasetError, match=r":3: not UTF-8"):
        load_dataset(path)


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"x,y\r1,0\r\xff,1\r", 3),
        (b"x,y\r\n1,0\r\n\xff,1\r\n", 3),
        (b"x,y\r\n1,0\r\r\n\xff,1\r\n", 4),
        (b"\xef\xbb\xbfx,y\n1,0\n2,1 # \xe2\x80\xa8 \x0c\n\xc3(,1\n", 4),
    ],
)
def test_not_utf8_line_counts_lines_as_the_parser_does(tmp_path, raw, line):
    with pytest.raises(DatasetError, match=rf":{line}: not UTF-8"):
        load_dataset(write(tmp_path, raw))


def test_dataset_refuses_x_beyond_the_bound():
    with pytest.raises(ValueError, match="between -1e15 and 1e15"):
        Dataset(np.array([0.0, 2e15]), np.array([0, 1]))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DatasetError, match=r"nope\.csv:0: file not found"):
        load_dataset(tmp_path / "nope.csv")
    with pytest.raises(DatasetError, match=r":0: is a directory"):
        load_dataset(tmp_path)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "bce_math", *args], capture_output=True, text=True, check=False)


def test_cli_check_prints_fit_and_loss(tmp_path):
    path = write(tmp_path, "x,y\n-2.2,0\n-1.4,0\n-0.8,1\n0.2,0\n0.4,1\n0.8,1\n1.2,1\n2.2,1\n2.9,1\n4.6,1\n")
    result = run_cli("check", str(path))
    assert result.returncode == 0
    assert "10 (3 with y=0, 7 with y=1)" in result.stdout
    assert "w = 0.9719, b = 0.6555" in result.stdout
    assert "log loss  0.3329" in result.stdout


def test_cli_bad_file_is_one_line_exit_2(tmp_path):
    path = write(tmp_path, "x,y\n1,0\n2,7\n")
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"{path}:3: y must be 0 or 1, got '7'\n"
    assert "Traceback" not in result.stderr


def test_cli_check_takes_x_too_close_for_the_fit_to_tell_apart(tmp_path):
    """x spanning less than 1e-150 are valid data (within the rules), one place to the fit: the flat
    model at the class rate (it stopped on a singular Hessian, or took 0 and 7e-307 as all equal)."""
    path = write(tmp_path, "x,y\n0,1\n7.235106956877273e-307,0\n5e-324,0\n")
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "w = 0.0000, b = -0.6931" in result.stdout
    assert "log loss  0.6365" in result.stdout


def test_cli_check_of_timestamps_agrees_with_the_walkthrough(tmp_path):
    # x like Unix timestamps: 1.7e9 plus up to 150 seconds.
    x = [1.7e9 + 150 * i / 9 for i in range(10)]
    y = [0, 0, 0, 1, 0, 1, 1, 1, 1, 1]
    path = write(tmp_path, "x,y\n" + "".join(f"{a!r},{b}\n" for a, b in zip(x, y, strict=True)))
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    story = walkthrough(load_dataset(path))
    assert f"w = {fmt(story.w)}, b = {fmt(story.b)}" in result.stdout
    assert f"log loss  {fmt(story.mean_loss)}" in result.stdout

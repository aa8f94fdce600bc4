"""Fixtures of the lab's page tests (tests/publish/lab_pages.py): the lab on the article's points,
and one Chromium per test module."""

from pathlib import Path

import pytest

from tests.publish.lab_pages import build_lab, chromium


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Path:
    return build_lab(tmp_path_factory.mktemp("lab"))


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser

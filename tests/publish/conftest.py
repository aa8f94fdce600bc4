"""Fixtures of the lab's page tests (tests/publish/lab_pages.py): the lab on the article's points
(in English, or in English and Chinese with the switch), and one Chromium per test module."""

from pathlib import Path

import pytest

from tests.publish.lab_pages import build_bilingual_lab, build_lab, chromium


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Path:
    return build_lab(tmp_path_factory.mktemp("lab"))


@pytest.fixture(scope="module")
def bilingual_lab(tmp_path_factory) -> Path:
    return build_bilingual_lab(tmp_path_factory.mktemp("bilingual-lab"))


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser

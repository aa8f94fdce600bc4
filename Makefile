# Everything from nothing, idempotently: `make video` and `make test` set themselves up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
QUALITY ?= -qh
SCENE ?= FullStory

# Debian packages Manim needs: Cairo/Pango (manimpango builds from source), ffmpeg,
# LaTeX for MathTex, and Noto CJK for the story's font (Latin and Chinese).
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config ffmpeg \
	texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm fonts-noto-cjk

.PHONY: setup system-packages test test-slow video lint format clean

setup: system-packages $(VENV)/.installed

system-packages:
	@bash .ci/system-packages.sh $(APT_PACKAGES)

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

test: setup
	$(VENV)/bin/pytest

video: setup
	$(VENV)/bin/manim $(QUALITY) scenes/story.py $(SCENE)
	@echo "Video: $$(ls -t media/videos/story/*/$(SCENE).mp4 | head -n 1)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf media

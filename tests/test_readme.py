"""The README's tables that follow the code: the chapter table (a row per chapter of CHAPTERS, in
order, numbered as the clips are) and the notation table's "defined in" column; no chapter numbers
elsewhere. A chapter added, moved or renamed fails here, naming the rows to write."""

from __future__ import annotations

import re
from pathlib import Path

from scenes.chapters import CHAPTERS, scene_name
from scenes.narration import chapter_title
from scenes.narration.notation import SYMBOLS

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| (\d+) \| `(\w+)` \|", re.M)


def section(text: str, heading: str) -> str:
    """The README's text under a "## " heading, up to the next one."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def chapter_table_problems(readme: str) -> list[str]:
    """What the chapter table under "## The chapters" lacks or has wrong, row by row."""
    rows = [(int(number), scene) for number, scene in ROW.findall(section(readme, "The chapters"))]
    wanted = [(number, scene_name(chapter)) for number, chapter in enumerate(CHAPTERS)]
    problems, renumber = [], []
    for number, scene in wanted:
        if (number, scene) in rows:
            continue
        if any(s == scene for _, s in rows):
            renumber.append(f"`{scene}` {number}")
            continue
        where = f"after the row of `{wanted[number - 1][1]}`" if number else "first"
        problems.append(
            f"README.md, '## The chapters': no row for `{scene}`: add | {number} | `{scene}` | ... | {where}"
        )
    if renumber:
        problems.append(f"README.md, '## The chapters': renumber {', '.join(renumber)}")
    problems += [
        f"README.md, '## The chapters': the row of `{scene}` is no chapter in CHAPTERS: remove it"
        for _, scene in rows
        if scene not in {s for _, s in wanted}
    ]
    return problems


def test_the_chapter_table_has_a_row_per_chapter_numbered_as_the_clips():
    problems = chapter_table_problems(README.read_text(encoding="utf-8"))
    assert problems == [], "\n".join(problems)


def test_a_missing_or_misnumbered_row_is_named():
    readme = README.read_text(encoding="utf-8")
    last = len(CHAPTERS) - 1
    closing = f"| {last} | `{scene_name(CHAPTERS[last])}` |"
    assert chapter_table_problems(readme.replace(closing, f"| {last + 1} | `{scene_name(CHAPTERS[last])}` |")) == [
        f"README.md, '## The chapters': renumber `{scene_name(CHAPTERS[last])}` {last}"
    ]
    first = f"| 1 | `{scene_name(CHAPTERS[1])}` |"
    assert chapter_table_problems(readme.replace(first, "| 1 | `Gone` |")) == [
        f"README.md, '## The chapters': no row for `{scene_name(CHAPTERS[1])}`: add | 1 | "
        f"`{scene_name(CHAPTERS[1])}` | ... | after the row of `{scene_name(CHAPTERS[0])}`",
        "README.md, '## The chapters': the row of `Gone` is no chapter in CHAPTERS: remove it",
    ]


def test_the_notation_table_names_the_chapter_that_defines_each_symbol():
    """Its last column: the chapter's English title (no number: it would move when a chapter is added)."""
    notation = section(README.read_text(encoding="utf-8"), "Notation")
    wrong = []
    for symbol in SYMBOLS:
        defined = chapter_title(symbol.chapter, "en")
        if f"| `{symbol.written}` | {symbol.meaning} | {defined} |" not in notation:
            wrong.append(f"README.md, '## Notation': the row of `{symbol.written}` should end | {defined} |")
    assert wrong == [], "\n".join(wrong)


def test_the_readme_names_no_chapter_by_number_outside_its_tables():
    """Elsewhere a chapter is named by its scene (`Losses`): a number moves when a chapter is added."""
    readme = README.read_text(encoding="utf-8")
    tables = [section(readme, heading) for heading in ("The chapters", "Notation")]
    numbered = re.compile(r"\bchapters? \d+|(?<!\w)\((\d{1,2}, )*\d{1,2}\)")
    lines = [
        f"README.md line {index}: {match.group(0)!r} (name the chapter by its scene, as `Losses`)"
        for index, line in enumerate(readme.splitlines(), 1)
        if not any(line in table for table in tables)
        for match in numbered.finditer(line)
    ]
    assert lines == [], "\n".join(lines)

"""Everything `make setup` installs says under which licence it may be used, and it is an open one:
a course publishes what the voices and the libraries make."""

import importlib.metadata
import re

# Open-source licences, by name or by the words of their text.
OPEN = re.compile(
    r"\b(MIT|BSD|Apache|ISC|MPL|Mozilla Public|LGPL|GPL|PSF|Python Software Foundation|Zlib|Public Domain|"
    r"CC0|Unlicense|HPND)\b|Permission is hereby granted|Redistribution and use in source and binary forms",
    re.IGNORECASE,
)


def licence_statements(distribution: importlib.metadata.Distribution) -> list[str]:
    """What a distribution says of its licence: the expression, the field, the classifiers, the files."""
    metadata = distribution.metadata
    said = [metadata.get("License-Expression") or "", metadata.get("License") or ""]
    said += [c for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")]
    for path in distribution.files or []:
        if re.search(r"LICEN[CS]E|COPYING", path.name, re.IGNORECASE):
            said.append(path.locate().read_text(encoding="utf-8", errors="replace")[:3000])
    return [s.strip() for s in said if s.strip() and s.strip().upper() != "UNKNOWN"]


def test_every_installed_distribution_has_an_open_licence():
    distributions = list(importlib.metadata.distributions())
    assert len(distributions) > 50  # the project's venv, not a bare interpreter
    closed = [d.metadata["Name"] for d in distributions if not any(OPEN.search(s) for s in licence_statements(d))]
    assert closed == []


def test_a_distribution_that_states_no_licence_is_caught():
    class Unlicensed(importlib.metadata.Distribution):
        def read_text(self, filename):
            return "Metadata-Version: 2.1\nName: mystery-model\nLicense: UNKNOWN\n" if filename == "METADATA" else None

        def locate_file(self, path):
            return path

    assert licence_statements(Unlicensed()) == []

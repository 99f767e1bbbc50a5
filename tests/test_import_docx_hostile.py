"""`stdkit import docx` on a Word file from an untrusted pull request (issue 32).

The YAML an import writes holds every value as data: a ``# stdkit: ignore`` in a value, from the Word
text or from the data the file carries, never becomes a suppression of the loader.
"""

from __future__ import annotations

import pytest
import yaml

from stdkit import load
from stdkit.interchange import yaml_out

SUPPRESSIONS = "# stdkit: ignore SCH101, WGT401 smuggled"


@pytest.mark.parametrize(
    "value",
    [
        SUPPRESSIONS,
        f"前言 {SUPPRESSIONS}",
        f"一\n{SUPPRESSIONS}\n二\n",
        "#stdkit:ignore SCH101",
        "#\tstdkit: ignore SCH101",
        "#\u3000stdkit: ignore SCH101",
        "x\u2028# stdkit: ignore SCH101",
        'a "quoted" \\ # stdkit: ignore SCH101 \x07 \U0001f600 \ufeff',
    ],
)
def test_the_yaml_writer_never_writes_a_line_that_reads_as_a_suppression(value: str) -> None:
    data = {"kind": "occupational-standard", "title": value, "notes": value, value: [value]}
    text = yaml_out.dump(data)
    assert not list(load._suppressions(text))
    assert yaml.safe_load(text) == data

"""What `stdkit init`, its workflow, its hooks and the manual install: exactly the stdkit that wrote them.

A release by its version from PyPI; a development build (no release yet, or between tags) from the
repository at the commit it was built from, so that no registry's stdkit of the same name is ever
installed instead.
"""

from __future__ import annotations

import tomllib

import pytest

from stdkit import distribution, report

from .conftest import ROOT

SHA = "33b4098c582659dca44b84827c46433abe54a599"


@pytest.mark.parametrize(
    ("version", "node", "requirement", "rev"),
    [
        ("0.2.0", f"g{SHA}", "stdkit==0.2.0", "v0.2.0"),  # built at the tag
        ("1.10", None, "stdkit==1.10", "v1.10"),  # from a release's sdist: no git
        ("0.2.1.dev3+g33b4098c5", f"g{SHA}", f"stdkit @ git+{distribution.REPOSITORY}@{SHA}", SHA),
        # a wheel built from a development sdist knows the abbreviated commit only; pip and pre-commit
        # find it in a full clone
        (
            "0.2.1.dev3+g33b4098c5.d20261207",
            None,
            f"stdkit @ git+{distribution.REPOSITORY}@33b4098c5",
            "33b4098c5",
        ),
        ("0.2.0rc1", f"g{SHA}", f"stdkit @ git+{distribution.REPOSITORY}@{SHA}", SHA),
    ],
)
def test_pin(version: str, node: str | None, requirement: str, rev: str) -> None:
    pin = distribution.of(version, node)
    assert (pin.requirement, pin.rev) == (requirement, rev)


def test_one_repository_address() -> None:
    """The hooks, the pre-release install and SARIF's tool link name the address pyproject.toml gives."""
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Source"] == distribution.REPOSITORY == report.INFORMATION_URI

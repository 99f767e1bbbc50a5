"""How to install, elsewhere, exactly the stdkit that is running: the pip requirement and the pre-commit
``rev`` that the files ``stdkit init`` writes (workflow, hooks) and the docs pin.

A release (a version built from its tag ``vX.Y.Z``) is on PyPI: ``stdkit==X.Y.Z`` and ``rev: vX.Y.Z``.
Anything else, a development build between tags (``X.Y.Z.devN+g<commit>``), is installed from the
repository at the commit it was built from, so a repository made before the first release (or by a
development build) installs the same code, never whatever a registry holds under that name. The commit
comes from the version file setuptools-scm writes at build time (``__commit__``). This module reads no
environment and runs no git: the build already did.
"""

from __future__ import annotations

import dataclasses
import re

#: Where stdkit's source lives: the repository the pre-commit hooks (.pre-commit-hooks.yaml) and a
#: pre-release install come from. The same address as the SARIF ``informationUri`` (stdkit.report).
REPOSITORY = "https://github.com/stdkit/stdkit"

_RELEASE = re.compile(r"^\d+(\.\d+)*$")  # a final release: digits and dots, no dev/rc/local part
_COMMIT = re.compile(r"^g?([0-9a-f]{40})$")
_LOCAL_NODE = re.compile(r"\+g([0-9a-f]{7,40})\b")  # the abbreviated commit in X.Y.devN+g<commit>[.dDATE]


@dataclasses.dataclass(frozen=True)
class Pin:
    """One stdkit, as each installer names it."""

    version: str
    commit: str | None  # the whole commit id a development build came from

    @property
    def released(self) -> bool:
        return _RELEASE.match(self.version) is not None

    @property
    def requirement(self) -> str:
        """The argument to ``pip install``."""
        return self.with_extra(None)

    def with_extra(self, extra: str | None) -> str:
        """The argument to ``pip install`` with an extra (``site``: the site generator)."""
        name = f"stdkit[{extra}]" if extra else "stdkit"
        if self.released or self.commit is None:
            return f"{name}=={self.version}"
        return f"{name} @ git+{REPOSITORY}@{self.commit}"

    @property
    def rev(self) -> str:
        """pre-commit's ``rev:`` of :data:`REPOSITORY`: the release's tag, else the commit."""
        if self.released or self.commit is None:
            return f"v{self.version}"
        return self.commit


def of(version: str, node: str | None) -> Pin:
    """The pin of a build: its version and the node setuptools-scm recorded (``g`` + the commit id).

    A wheel built from an sdist has no node (the sdist has no git): the abbreviated commit of the
    version's local part then names it (pip and pre-commit resolve it in a full clone).
    """
    found = _COMMIT.match(node or "") or _LOCAL_NODE.search(version)
    return Pin(version, found.group(1) if found else None)


def running() -> Pin:
    """The pin of this stdkit."""
    from stdkit import __version__

    node: str | None
    try:
        from stdkit._version import __commit__

        node = __commit__
    except ImportError:  # a build without the version file: the version alone
        node = None
    return of(__version__, node)

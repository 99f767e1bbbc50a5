"""stdkit: occupational skill standards (职业技能标准) as code.

Load YAML documents, validate and cross-check them, and compile a site and exam blueprints.
"""

import os
from typing import TYPE_CHECKING

# stdkit works in parallel with processes (stdkit.pool), one per core; OpenBLAS's own threads in each of
# them (numpy's matrix products, e.g. coverage) only compete for the same cores and spin while they wait:
# measured 7 × slower in two forked workers. Its matrices are small, so one thread is also the fastest.
# Set before numpy is first imported; a program that imported numpy earlier keeps its own setting.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> str:
    """``__version__``, read when first asked for from the version file the build wrote.

    setuptools-scm writes ``stdkit/_version.py`` (from the git tag, see pyproject.toml) when stdkit is built
    or installed, editable installs included; the installed package's metadata is the fallback (a build
    that skipped the file). Lazy because ``stdkit validate`` never prints the version, and finding the
    package among the installed distributions costs 2–10 ms of start-up.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        from stdkit._version import __version__ as version
    except ImportError:
        from importlib import metadata

        try:
            version = metadata.version("stdkit")
        except metadata.PackageNotFoundError:  # run from a source tree that was never installed
            version = "0.0.0+unknown"
    globals()["__version__"] = version
    return version

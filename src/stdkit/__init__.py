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
    """``__version__``, read from the installed package's metadata when first asked for.

    Lazy because finding the package among the installed distributions costs 2–10 ms of every command's
    start-up (importing :mod:`importlib.metadata` itself, ≈ 0.05 s, only where pydantic's plugin loader
    does not import it anyway), and ``stdkit validate`` never prints the version.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        # one place for the version: pyproject.toml, as installed
        version = metadata.version("stdkit")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        version = "0+unknown"
    globals()["__version__"] = version
    return version

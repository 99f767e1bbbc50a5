"""stdkit: occupational skill standards (职业技能标准) as code.

Load YAML documents, validate and cross-check them, and compile a site and exam blueprints.
"""

import os
from importlib import metadata

# stdkit works in parallel with processes (stdkit.pool), one per core; OpenBLAS's own threads in each of
# them (numpy's matrix products, e.g. coverage) only compete for the same cores and spin while they wait:
# measured 7 × slower in two forked workers. Its matrices are small, so one thread is also the fastest.
# Set before numpy is first imported; a program that imported numpy earlier keeps its own setting.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    # one place for the version: pyproject.toml, as installed
    __version__ = metadata.version("stdkit")
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

"""stdkit: occupational skill standards (职业技能标准) as code.

Load YAML documents, validate and cross-check them, and compile a site and exam blueprints.
"""

from importlib import metadata

try:
    # one place for the version: pyproject.toml, as installed
    __version__ = metadata.version("stdkit")
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

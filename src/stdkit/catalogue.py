"""Former home of the reference data; kept so that ``stdkit.catalogue`` imports go on working.

Everything lives in :mod:`stdkit.reference` now; import from there.
"""

from stdkit.reference import *  # noqa: F403 -- a re-export only
from stdkit.reference import __all__ as __all__  # noqa: PLC0414 -- the same public names

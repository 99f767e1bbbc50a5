"""Problems of the environment stdkit runs in, as opposed to findings in documents.

A document's mistake is a :class:`~stdkit.diagnostics.Diagnostic`. An unusable ``stdkit.toml``, a
reference data file that cannot be read, or an output folder that must not be replaced is a
:class:`SetupError`: the CLI prints its one-line message in the user's language (its key and fields
are in :mod:`stdkit.messages`) and exits 2, never a traceback.
"""

from __future__ import annotations

from stdkit.messages import Localized


class SetupError(Localized):
    """The configuration, the reference data or the output folder is unusable; the message names which."""

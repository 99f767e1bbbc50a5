"""Interchange with other formats: Word in the layout of the 编制技术规程 (export) and Word drafts back into
YAML (import); CASE 1.1 packages.

Interchange sits with the outputs: an export reads a validated model and never re-validates it; an import is
one more way into the load stage and reports what it cannot map as diagnostics, never by raising.
"""

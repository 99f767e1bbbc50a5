"""Interchange with Word: a document in the layout of the 编制技术规程 (export) and Word drafts back into YAML (import).

Interchange sits with the outputs: export reads a validated model and never re-validates it; import is
one more way into the load stage and reports what it cannot map as diagnostics, never by raising.
"""

"""Word in the layout of the 编制技术规程, both ways: :mod:`.write` prints a document as a published
standard, :mod:`.read` imports a Word draft back as the data of a document, with located findings.

The import reads as its stages — :mod:`.package` (the bounded zip and XML), :mod:`.blocks` (the body as
paragraphs and tables), :mod:`.sections` and :mod:`.tables` (the readers of the layout's sections, keyed
by the headings :mod:`stdkit.interchange.layout` defines for both directions) filling a typed
:mod:`.draft`, and :mod:`.bind` (the draft as the YAML's mapping, checked against the model). Nothing
is imported here, so that reading a draft never loads python-docx.
"""

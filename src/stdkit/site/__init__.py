"""The published site: pages from the collection (pages/), the seam to the generator that lays them out
(generator.py; mkdocs_material.py is the default generator and the only module that imports mkdocs), the
build (build.py).

Pages are computed from a checked collection as strings; only a generator writes files, and only into
the folder it is given.
"""

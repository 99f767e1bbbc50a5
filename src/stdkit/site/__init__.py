"""The published site: pages from the collection (pages/), the mkdocs glue (plugin.py), the build (build.py).

Pages are computed from a checked collection as strings; only build.py writes files, and only
into the folder it is given.
"""

"""Interchange with other formats: documents out to (and in from) the formats others exchange."""

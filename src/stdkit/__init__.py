"""stdkit: occupational skill standards (职业技能标准) as code.

Load YAML documents, validate and cross-check them, and compile a site and exam blueprints.
"""

__version__ = "0.1.0"

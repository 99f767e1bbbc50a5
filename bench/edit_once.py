"""Reword the first skill line of one document into a text never seen before (能… → 能（修订<ns>）…).

    python bench/edit_once.py standards/2-01-04-02_2022.yaml

What `bench.py` does before each one-edit run, as a script for timing with other tools (farm-bench).
"""

import re
import sys
import time
from pathlib import Path

path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
path.write_text(
    re.sub(r"- 能(（修订\d+）)?", f"- 能（修订{time.time_ns()}）", text, count=1), encoding="utf-8"
)

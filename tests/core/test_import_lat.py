"""What the cold path of `anslag kontrollera` made lazy stays lazy: importing the loader,
the model and the rules does not import `holidays`; computing a deadline does."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROT

KOD = """
import sys
import generator.content.loading, generator.archive.bygg, generator.rules
fore = "holidays" in sys.modules
from datetime import date
from generator.archive import frister
frister.ar_helgdag(date(2025, 6, 6))
print(fore, "holidays" in sys.modules)
"""


def test_holidays_importeras_forst_nar_en_frist_raknas():
    p = subprocess.run([sys.executable, "-c", KOD], capture_output=True, text=True, cwd=ROT,
                       timeout=120)
    assert p.stdout.split() == ["False", "True"], p.stdout + p.stderr

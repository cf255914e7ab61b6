"""Start-up: what a plain lint of one report imports (issue 14: nothing the file does not need)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from lawgov_lint.numerals import cn_value


@pytest.mark.parametrize(("text", "value"), [("两", 2), ("两百", 200), ("百", 100), ("十", 10), ("千", 1000),
                                             ("一百零五", 105), ("两万", 20000), ("一百二十万", 1200000)])
def test_cn_value_reads_like_cn2an(text, value):
    import cn2an

    assert cn_value(text) == Decimal(value)
    expected = cn2an.cn2an("一" + text if text[0] in "十百千万亿" else text, "normal")
    assert str(cn_value(text)) == str(Decimal(str(expected)))


def test_small_numerals_do_not_import_cn2an():
    code = ("import sys; from lawgov_lint.numerals import cn_value; "
            "[cn_value(s) for s in ('两', '百', '两百', '十二', '二十三')]; print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

"""Start-up cost: the report's charting and PDF libraries load only when a report is made."""

import subprocess
import sys


def test_web_app_and_cli_do_not_import_matplotlib_or_weasyprint() -> None:
    code = ("import sys, eventledger.cli, eventledger.web.app, eventledger.report; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'weasyprint'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"

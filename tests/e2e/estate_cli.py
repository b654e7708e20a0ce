"""The `estate` command line over one estate file: how the tests set data up
before a launch and read the ledger back afterwards (its --json contract)."""

import json
import os
import subprocess
from pathlib import Path

from desk import ROOT, TARGET

ESTATE = Path(os.environ.get("ESTATE_BIN", TARGET / "debug" / "estate"))
REGISTER = ROOT / "tests" / "fixtures" / "messy-register.xlsx"


class Estate:
    def __init__(self, db):
        self.db = Path(db)
        # Who the CLI signs in as once the estate has accounts (the first supervisor, set by add_staff).
        self.signed_in = {}

    def run(self, *args, env=None):
        """Runs `estate --db DB --json ARGS…` as the signed-in staff member; returns (exit code, JSON answer)."""
        run = subprocess.run([str(ESTATE), "--db", str(self.db), "--json", *map(str, args)],
                             capture_output=True, text=True, env={**os.environ, **self.signed_in, **(env or {})},
                             stdin=subprocess.DEVNULL)
        return run.returncode, json.loads(run.stdout or "null")

    def __call__(self, *args, env=None):
        """`run`, failing the test on a non-zero exit; returns the JSON answer."""
        code, answer = self.run(*args, env=env)
        if code != 0:
            raise AssertionError(f"estate {' '.join(map(str, args))} exited {code}: {answer}")
        return answer

    def add_staff(self, name, password, role, operator=None, operator_password=None):
        extra = ["--operator", operator] if operator else []
        env = {"ESTATE_PASSWORD": password, "ESTATE_OPERATOR_PASSWORD": operator_password or ""}
        added = self("staff", "add", name, "--role", role, *extra, env=env)
        if not self.signed_in:
            self.signed_in = {"ESTATE_OPERATOR": name, "ESTATE_PASSWORD": password}
        return added

    def balance(self, unit):
        return self("balance", unit)


def pdf_text(path):
    """A PDF read back as text (poppler's pdftotext), as a person would read it."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def receipts_dir(db):
    """Where the app saves receipts: a `receipts` folder beside the estate file."""
    return Path(db).parent / "receipts"

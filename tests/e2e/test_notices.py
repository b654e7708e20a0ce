"""Billing notices: a clerk previews this quarter's notices for the fixture estate,
prints them, and the PDF the app saved says what `estate bill notices` says, page
for page; the messaging sheet is saved beside it."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from conftest import CLERK, SUPERVISOR
from estate_cli import pdf_text


def grouped(amount):
    """"1905.75" as the screen writes it: 1,905.75."""
    return f"{Decimal(amount):,.2f}"


def pages(text):
    """The PDF's pages, each with its whitespace squeezed to single spaces."""
    return [" ".join(p.split()) for p in text.split("\f") if p.strip()]


def test_printed_notices_agree_with_the_cli(launch, estate, tmp_path):
    estate.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    today = date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    cli_pdf = tmp_path / "cli.pdf"
    cli = estate("bill", "notices", "--period", quarter, "--out", cli_pdf)
    assert cli["notices"] > 0, "the fixture's units owe their 物业费 and opening balances"

    desk = launch(estate.db)
    desk.sign_in(*CLERK)
    desk.click("menu-fees-group")
    desk.click("menu-notices")
    desk.click("notices-mode-quarter")  # the quarter shown is this quarter
    desk.click("notices-preview")
    desk.text_is("notices-count", f"{cli['notices']} 份 · {cli['notices']} 页")
    desk.shows("notices-total", grouped(cli["total_due"]))
    desk.shows("notices-skipped", str(cli["skipped"]))
    desk.shows("notices-due", cli["due_date"])
    desk.shot("20-notices")

    desk.click("notices-print")
    desk.shows("notices-saved", f"{cli['notices']} 户")
    saved = Path(desk.text("notices-path").strip())
    assert saved.parent == estate.db.parent / "notices", saved
    assert saved.name == f"收费通知单-{quarter}-全部.pdf"
    app_pages, cli_pages = pages(pdf_text(saved)), pages(pdf_text(cli_pdf))
    assert len(app_pages) == cli["pages"]
    assert app_pages == cli_pages, "the app and the CLI print the same notices"
    assert "收费通知单" in app_pages[0] and "人民币（大写）" in app_pages[0]
    dues = [Decimal(p.split("本次应缴合计")[1].split("¥")[1].split()[0].replace(",", "")) for p in app_pages]
    assert sum(dues) == Decimal(cli["total_due"]), "the pages add up to the CLI's total"
    desk.shot("21-notices-printed")

    desk.click("notices-messages")
    desk.shows("notices-path", "通知短信")
    sheet = Path(desk.text("notices-path").strip())
    assert sheet.read_bytes()[:2] == b"PK", "an xlsx workbook"

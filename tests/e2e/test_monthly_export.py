"""The monthly workbook for finance: a finance account picks this month on the
月度报表 screen, sees the headline figures and exports the workbook beside the
estate file; the screen and the file agree with `estate export monthly --json`."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
from selenium.webdriver.common.keys import Keys

from conftest import SUPERVISOR

FINANCE = ("赵财务", "caiwu1234")


def grouped(amount):
    return f"{Decimal(amount):,.2f}"


def totals(sheet):
    """The totals row (the last) by column title, as stored in the file (formulas' cached values)."""
    rows = list(sheet.iter_rows(values_only=True))
    return dict(zip(rows[0], rows[-1]))


def test_finance_exports_the_month_and_it_ties_out_with_the_cli(launch, estate, tmp_path):
    month = date.today().strftime("%Y-%m")
    estate("bill", "run", "--period", month)
    estate("pay", "3-2-1502", "--amount", "1500", "--method", "wechat")
    estate("deposit", "take", "3-2-1502", "--kind", "装修", "--amount", "2000")
    estate.add_staff(*FINANCE, "财务", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    cli = estate("export", "monthly", "--period", month, "--out", tmp_path / "cli.xlsx")
    h = cli["headline"]
    assert Decimal(h["billed"]) > 0 and Decimal(h["collected"]) == Decimal("1500")

    desk = launch(estate.db)
    desk.sign_in(*FINANCE)
    desk.click("menu-monthly")
    picker = desk.find("monthly-period").find_element("css selector", "input")
    picker.send_keys(Keys.CONTROL, "a")
    picker.send_keys(Keys.BACKSPACE)
    picker.send_keys(month, Keys.ENTER)
    desk.shows("monthly-billed", grouped(h["billed"]))
    desk.shows("monthly-collected", grouped(h["collected"]))
    desk.text_is("monthly-collection-rate", h["collection_rate"])
    desk.text_is("monthly-clearance-rate", h["clearance_rate"] or "—")
    desk.shows("monthly-arrears", grouped(h["arrears"]))
    desk.shows("monthly-deposits", "2,000.00")
    desk.click("monthly-export")
    desk.shows("monthly-exported", "已保存")
    for sheet in cli["sheets"]:
        desk.shows("monthly-sheets", sheet["name"])
    desk.shot("20-monthly-report")

    saved = Path(estate.db).parent / "reports" / f"月度报表-{month}.xlsx"
    book = openpyxl.load_workbook(saved, data_only=True)
    assert book.sheetnames == [s["name"] for s in cli["sheets"]]
    receipts, items, rates = totals(book["收款明细"]), totals(book["收费汇总"]), totals(book["收缴率"])
    assert Decimal(str(receipts["本月实收"])) == Decimal(h["collected"])
    assert Decimal(str(items["实收"])) == Decimal(h["collected"])
    assert Decimal(str(items["应收"])).quantize(Decimal("0.01")) == Decimal(h["billed"])
    assert f"{rates['收费率'] * 100:.2f}%" == h["collection_rate"]
    assert Decimal(str(totals(book["欠费账龄"])["欠费合计"])).quantize(Decimal("0.01")) == Decimal(h["arrears"])
    assert Decimal(str(totals(book["押金台账"])["月末在押"])) == Decimal("2000")
    days = totals(book["日结汇总"])
    closed, unclosed = (Decimal(str(days[c] or 0)) for c in ("已日结实收", "未日结实收"))
    assert (closed + unclosed).quantize(Decimal("0.01")) == Decimal(h["collected"]), "closed and unclosed days are the month's takings"
    assert book["收款明细"].freeze_panes == "A2" and book["收款明细"].page_setup.orientation == "landscape"

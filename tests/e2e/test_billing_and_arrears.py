"""The month's bills and who is behind: a supervisor previews this month's billing
run, runs it and gets exactly what the preview showed; the arrears screen then
agrees with the ledger read back through the CLI."""

from datetime import date
from decimal import Decimal

from conftest import SUPERVISOR


def grouped(amount):
    """"1905.75" as the screen writes it: 1,905.75."""
    return f"{Decimal(amount):,.2f}"


def test_billing_run_writes_what_the_preview_showed(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-billing")
    desk.click("billing-preview")  # the month shown is this month
    bills = int(desk.text("billing-bills").split()[0])
    total = desk.text("billing-total")
    assert bills > 0, "every 住宅 with an area gets this month's 物业服务费"
    desk.shot("17-billing-preview")

    desk.click("billing-run")
    desk.click("billing-confirm")
    desk.shows("billing-result", f"{bills}")
    desk.shows("billing-result", total.replace("¥", ""))
    desk.shot("18-billing-result")
    again = estate("bill", "run", "--period", date.today().strftime("%Y-%m"), "--dry-run")
    assert again["bills"] == 0, "the run wrote every bill the preview listed"


def test_the_arrears_screen_agrees_with_the_ledger(launch, estate):
    report = estate("arrears")
    assert report["units"], "the fixture has units behind with their fees"
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-arrears")
    desk.shows("arrears-summary", grouped(report["total"]["total"]))
    first = report["units"][0]
    desk.shows("arrears-table", first["unit"])
    desk.shows("arrears-table", grouped(first["aged"]["total"]))
    desk.shot("19-arrears")

    desk.click("arrears-view-buildings")
    for building in report["by_building"]:
        desk.shows("arrears-groups", grouped(building["total"]))

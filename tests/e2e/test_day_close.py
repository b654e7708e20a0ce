"""The daily close (日结) at the desk: a clerk takes a payment, counts the drawer
1.50 short, closes the day with a note and prints the handover sheet; the next
payment that clerk tries today is refused with the reason; `estate close show`
agrees with what the screen showed."""

from conftest import CLERK, SUPERVISOR
from estate_cli import pdf_text


def take_cash(desk, unit, amount):
    """Opens the unit's payment panel, types a cash amount and confirms it."""
    desk.open_unit(unit)
    desk.click("unit-pay")
    desk.find("pay-amount")
    desk.type("pay-amount", amount)
    desk.click("pay-method-cash")
    desk.click("pay-submit")
    desk.find("pay-confirm-dialog")
    desk.click("pay-confirm")


def test_a_clerk_closes_the_day_and_takes_no_more_money_on_it(launch, estate):
    estate.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    desk = launch(estate.db)
    desk.sign_in(*CLERK)
    take_cash(desk, "3-2-1502", "500.00")
    desk.text_is("pay-result-receipt", "SF0000001")
    desk.click("pay-done")

    desk.click("menu-day-close")
    desk.text_is("close-clerk-fixed", CLERK[0])
    desk.text_is("close-state", "未日结")
    desk.text_is("close-takings", "¥500.00")
    desk.text_is("close-expected", "¥500.00")
    assert desk.shows("close-by-method", "现金") and desk.shows("close-by-item", "期初欠费")
    assert desk.focused("close-counted"), "the count is the first thing to type"
    desk.driver.switch_to.active_element.send_keys("498.50")
    assert desk.shows("close-live-difference", "-1.50") and desk.shows("close-live-difference", "短款")
    assert not desk.find("close-submit").is_enabled(), "a difference needs a note first"
    desk.type("close-note", "找零多找 1.50 元")
    desk.shot("40-day-close-count")
    desk.click("close-submit")
    desk.find("close-confirm-dialog")
    desk.click("close-confirm")
    desk.text_is("close-state", "已日结")
    assert desk.shows("close-done", "找零多找 1.50 元")
    desk.click("close-print")
    sheet = estate.db.parent / "handover" / f"日结交接单-{CLERK[0]}-{estate('close', 'show', '--clerk', CLERK[0])['day']}.pdf"
    desk.wait().until(lambda _: sheet.exists())
    text = pdf_text(sheet)
    for want in ("收款日结交接单", CLERK[0], "SF0000001", "500.00", "498.50", "-1.50", "短款", "找零多找 1.50 元", "交款人", "接收人"):
        assert want in text, f"{want} on the handover sheet:\n{text}"
    desk.shot("41-day-closed")

    # The CLI reads the same day the same way.
    shown = estate("close", "show", "--clerk", CLERK[0])
    assert (shown["total"]["amount"], shown["cash_expected"]) == ("500.00", "500.00")
    assert (shown["close"]["cash_counted"], shown["close"]["difference"], shown["close"]["note"]) == ("498.50", "-1.50", "找零多找 1.50 元")
    assert [(m["name"], m["amount"]) for m in shown["by_method"] if m["count"]] == [("现金", "500.00")]

    # The clerk's next payment today lands on a closed day: refused, with the reason.
    take_cash(desk, "3-2-1502", "100.00")
    assert desk.shows("pay-error", "今天的账已日结")
    assert desk.shows("pay-error", f"{CLERK[0]} {shown['day']} 的账已经日结锁定")
    desk.shot("42-payment-refused-day-closed")
    assert estate("close", "show", "--clerk", CLERK[0])["total"]["count"] == 1, "nothing more was written"

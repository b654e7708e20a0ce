"""Chasing a unit whose arrears are nearly three years old: the clerk records a
reminder, prints its 催缴函 for the units at that stage, records the letter's
delivery, and the limitation warning goes away; the CLI agrees at every step."""

from datetime import date

from selenium.webdriver.common.keys import Keys

from conftest import SUPERVISOR
from estate_cli import pdf_text

UNIT = "3-2-1502"


def nearly_three_years_ago():
    """The month after the one three years back: its bill fell due less than three years ago, within 90 days of it."""
    today = date.today()
    months = today.year * 12 + today.month - 1 - 36 + 1
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def at_risk(estate):
    return [u["unit"] for u in estate("dunning", "warnings")["units"]]


def test_contact_letter_delivery_and_the_warning_goes(launch, estate):
    estate("bill", "run", "--period", nearly_three_years_ago())
    assert UNIT in at_risk(estate), "its oldest bill's three years end within 90 days"

    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-dunning")
    desk.shows("dunning-table", UNIT)
    desk.tab("warnings")
    desk.shows("warnings-table", UNIT)
    desk.shows("warnings-table", "即将届满")
    desk.shot("30-dunning-warnings")
    desk.tab("units")

    # 登记联系, keyboard only: the unit field has the focus, Tab to the outcome, Enter saves.
    desk.click("dunning-contact")
    desk.focused("contact-unit")
    desk.type("contact-unit", UNIT)
    desk.type("contact-outcome", "电话提醒，答应下周来交")
    desk.find("contact-outcome").send_keys(Keys.ENTER)
    desk.gone("contact-dialog")
    history = estate("dunning", "list", UNIT)
    assert [(c["stage_label"], c["channel"], c["operator"]) for c in history["contacts"]] == [("提醒", "电话", SUPERVISOR[0])]

    # The letters of the units at the 提醒 stage: this one only.
    desk.pick("dunning-stage", "提醒")
    desk.click("dunning-run")
    desk.shows("dunning-print", "（1 户）")
    desk.click("dunning-print")
    desk.find("print-dialog")
    desk.shot("31-dunning-print")
    desk.click("print-dialog-submit")
    desk.gone("print-dialog")
    letters = list((estate.db.parent / "催缴函").glob("催缴函-*.pdf"))
    assert len(letters) == 1
    text = pdf_text(letters[0]).replace(" ", "")
    assert "催缴函" in text and "CJ0000001" in text and UNIT in text and "送达回执" in text
    history = estate("dunning", "list", UNIT)
    assert [l["letter_no"] for l in history["letters"]] == ["CJ0000001"]
    # Printed, it has moved on from 提醒 (that list is empty now) to 催缴函.
    desk.shows("dunning-table", "没有欠费")
    desk.pick("dunning-stage", "催缴函")
    desk.click("dunning-run")
    desk.shows("dunning-table", "催缴函 CJ0000001")

    # 登记送达 with the signature on the slip; the warning goes.
    desk.click("dunning-deliver")
    desk.focused("deliver-letter")
    desk.type("deliver-letter", "CJ0000001")
    desk.type("deliver-signed-by", "张三")
    desk.find("deliver-signed-by").send_keys(Keys.ENTER)
    desk.gone("deliver-dialog")
    assert estate("dunning", "list", UNIT)["letters"][0]["delivered_on"] == date.today().isoformat()
    assert UNIT not in at_risk(estate)
    desk.pick("dunning-stage", "全部")
    desk.click("dunning-run")
    desk.shot("32-dunning")
    desk.tab("warnings")
    desk.wait().until(lambda _: UNIT not in desk.text("warnings-table"))

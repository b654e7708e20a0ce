"""Shift handover (交接班) and the unit's history in the real window: clerk A
hands over at the end of the day with an open complaint and a note; clerk B
signs in, sees A's handover in the dialog that opens at once and acknowledges
it; the unit card's 大事记 shows the complaint. The handover is read back
through the command line (`estate shift show`)."""

from selenium.webdriver.common.by import By

from conftest import CLERK, SUPERVISOR

OTHER = ("赵前台", "zhaoqian123")


def test_a_clerk_hands_over_an_open_complaint_and_the_next_one_acknowledges_it(launch, estate):
    estate.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    estate.add_staff(*OTHER, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    as_a = {"ESTATE_OPERATOR": CLERK[0], "ESTATE_PASSWORD": CLERK[1]}
    taken = estate("request", "add", "3-2-1502", "--kind", "投诉", "--subject", "服务质量", "--caller", "张三",
                   "--channel", "电话", "--content", "电梯异响，晚上更明显", env=as_a)
    no = taken["request_no"]

    desk = launch(estate.db)
    desk.sign_in(*CLERK)
    assert not desk.all("shift-awaiting-later"), "nothing awaits the first clerk of the day"
    desk.menu("menu-service-group", "menu-shift")
    desk.find("shift")
    assert desk.shows("shift-hand", no), "the handover to be made lists A's open complaint"
    desk.type("shift-note", "电梯投诉请明早回电，工程部已约")
    desk.shot("90-shift-hand")
    desk.click("shift-hand-over")
    assert desk.shows("shift-list", CLERK[0])
    assert desk.shows("shift-detail", "电梯投诉请明早回电")
    desk.text_is("shift-detail-ack", "未确认")
    assert not desk.all("shift-ack"), "one's own handover is acknowledged by someone else"
    desk.sign_out()

    desk.sign_in(*OTHER)
    dialog = desk.find("shift-awaiting")
    assert desk.shows("shift-awaiting", CLERK[0]) and desk.shows("shift-awaiting", no), dialog.text
    assert desk.shows("shift-awaiting", "交班说明：电梯投诉请明早回电")
    desk.shot("91-shift-awaiting")
    handover = estate("shift", "list", "--open")["handovers"][0]
    desk.type(f"shift-awaiting-ack-note-{handover['id']}", "已看，我来回电")
    desk.click(f"shift-awaiting-ack-{handover['id']}")
    desk.gone("shift-awaiting")

    shown = estate("shift", "show", handover["id"])
    assert shown["operator"] == CLERK[0] and shown["note"] == "电梯投诉请明早回电，工程部已约", shown
    assert shown["ack"]["operator"] == OTHER[0] and shown["ack"]["note"] == "已看，我来回电", shown
    assert [r["reference"] for r in shown["snapshot"]["requests"]] == [no], shown
    assert estate("shift", "list", "--open")["count"] == 0

    desk.open_unit("3-2-1502")
    desk.tab("timeline")
    assert desk.shows("unit-timeline", no)
    assert desk.shows("unit-timeline", "服务质量投诉：电梯异响")
    desk.shot("92-unit-timeline")
    history = estate("unit", "history", "3-2-1502")["events"]
    assert history[0]["reference"] == no and history[0]["kind"] == "complaint", history
    assert desk.driver.find_element(By.CSS_SELECTOR, "[data-test='staff-name']").text == OTHER[0]

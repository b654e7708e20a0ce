"""Meter reading at the desk: readings typed into the 抄表 grid in the real
window (Enter saves and moves down, the usage and an anomaly shown as typed),
the anomaly confirmed with a note in the check, the bill run billing the
usage, and the command line reading it back."""

import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as seen

from conftest import SUPERVISOR


def month():
    return datetime.date.today().strftime("%Y-%m")


def test_readings_typed_in_the_grid_are_checked_confirmed_and_billed(launch, estate):
    estate("fee", "add", "--name", "水费", "--basis", "quantity", "--price", "2.70")
    first = estate("meter", "add", "3-2-1502", "--kind", "水", "--start", "1000")
    second = estate("meter", "add", "3-2-1501", "--kind", "水", "--start", "500")
    a, b = first["id"], second["id"]

    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-meters")
    assert desk.shows("meter-grid", "3-2-1502 水表")
    assert desk.focused(f"meter-input-{a}"), "the first meter not read takes the focus"
    field = desk.type(f"meter-input-{a}", "1035")
    desk.text_is(f"meter-usage-{a}", "35")
    field.send_keys(Keys.ENTER)
    desk.text_is(f"meter-value-{a}", "1035")
    assert desk.focused(f"meter-input-{b}"), "Enter moves down to the next meter"
    # 李四 lives at 3-2-1501: the same reading as last month is marked as it is typed.
    field = desk.type(f"meter-input-{b}", "500")
    assert desk.shows(f"meter-marks-{b}", "有人住用量为零")
    field.send_keys(Keys.ENTER)
    desk.text_is(f"meter-value-{b}", "500")
    assert desk.shows(f"meter-marks-{b}", "有人住用量为零")
    assert desk.shows("meter-tally", "已抄 2 / 2 块，未确认异常 1 个")
    desk.shot("80-meter-grid")

    # The bill run refuses while the anomaly is not confirmed, and says which unit.
    code, refused = estate.run("bill", "run", "--period", month())
    assert code == 2 and refused["code"] == "meter.unconfirmed" and "3-2-1501" in refused["message"], refused

    desk.tab("check")
    assert desk.shows("meter-check-summary", "未确认 1 个")
    desk.click(f"meter-confirm-{b}-zero_occupied")
    box = desk.wait().until(lambda d: d.find_element(By.CSS_SELECTOR, ".el-message-box__input input"))
    desk.wait().until(lambda d: d.switch_to.active_element == box)
    box.send_keys("住户出差一个月，表前阀已关")
    desk.driver.find_element(By.CSS_SELECTOR, ".el-message-box__btns .el-button--primary").click()
    desk.wait().until(seen.invisibility_of_element_located((By.CSS_SELECTOR, ".el-message-box")))
    assert desk.shows("meter-check-summary", "未确认 0 个")
    assert desk.shows("meter-anomalies", "已确认（王主管：住户出差一个月，表前阀已关）")
    desk.shot("81-meter-check")

    billed = estate("bill", "run", "--period", month())
    water = next(i for i in billed["items"] if i["item"] == "水费")
    assert (water["bills"], water["total"]) == (1, "94.50"), water
    again = estate("bill", "run", "--period", month())
    assert again["bills"] == 0
    check = estate("meter", "check", "--period", month())
    assert check["unconfirmed"] == 0
    assert check["anomalies"][0]["confirmed"]["by"] == SUPERVISOR[0]
    listed = estate("meter", "list", "--period", month())
    assert [(l["unit"], l["value"], l["usage"]) for l in listed["lines"]] == [("3-2-1502", "1035", "35"), ("3-2-1501", "500", "0")]

"""The parcel shelf (快递): a courier's parcels taken in the way a barcode scanner
types (the number and Enter, then Enter through the kept unit and the guessed
name), and one handed out by its pickup code; a code said twice is refused."""

from selenium.webdriver.common.keys import Keys

from conftest import SUPERVISOR


def parcels(estate, *args):
    return estate("parcel", "list", *args)


def scan(desk, number):
    """What a scanner does: types the number into the focused field, then Enter."""
    assert desk.focused("parcel-tracking"), "the number field waits for the scanner"
    desk.type("parcel-tracking", number).send_keys(Keys.ENTER)


def test_parcels_are_scanned_in_and_handed_out_by_pickup_code(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-parcels")
    desk.find("parcel-intake")

    scan(desk, "SF1234567890123")
    assert desk.focused("parcel-unit"), "Enter moves on to the unit"
    desk.type("parcel-unit", "3-2-1502").send_keys(Keys.ENTER)
    assert desk.focused("parcel-recipient"), "then to the name"
    desk.wait().until(lambda _: desk.find("parcel-recipient").get_property("value") == "张三")
    desk.find("parcel-recipient").send_keys(Keys.ENTER)
    assert desk.shows("parcel-batch", "A-1001")
    # The next parcel for the same home: scan, Enter, Enter, Enter.
    scan(desk, "JT0001234567890")
    desk.find("parcel-unit").send_keys(Keys.ENTER)
    desk.find("parcel-recipient").send_keys(Keys.ENTER)
    assert desk.shows("parcel-batch", "A-1002") and desk.shows("parcel-batch", "极兔速递")
    assert desk.focused("parcel-tracking"), "ready for the next scan"
    # The same number again while it waits is refused, and nothing is written.
    scan(desk, "SF1234567890123")
    desk.find("parcel-unit").send_keys(Keys.ENTER)
    desk.find("parcel-recipient").send_keys(Keys.ENTER)
    assert desk.shows("parcel-intake-error", "已经入库")
    desk.shot("64-parcels-intake")
    listed = parcels(estate)
    assert (listed["count"], listed["waiting"]) == (2, 2), listed
    assert {p["pickup_code"]: p["carrier"] for p in listed["parcels"]} == {"A-1001": "顺丰速运", "A-1002": "极兔速递"}

    desk.tab("pickup")
    assert desk.focused("parcel-find-text")
    desk.type("parcel-find-text", "a1001").send_keys(Keys.ENTER)
    assert desk.shows("parcel-found", "SF1234567890123")
    desk.shot("65-parcels-pickup")
    desk.click("parcel-pickup-confirm")
    desk.gone("parcel-found")
    collected = parcels(estate, "--status", "collected")["parcels"]
    assert [(p["pickup_code"], p["pickup"]["with_code"], p["pickup"]["operator"]) for p in collected] == [("A-1001", True, SUPERVISOR[0])]
    # Said again, the code finds nothing: the parcel has left.
    desk.type("parcel-find-text", "A-1001").send_keys(Keys.ENTER)
    assert desk.shows("parcel-pickup-error", "没有待取的快递")

    desk.tab("book")
    assert desk.shows("parcel-table", "A-1002") and desk.shows("parcel-table", "已取")
    desk.shot("66-parcels-book")
    desk.click("menu-home")
    desk.text_is("home-parcels-waiting", "1")
    desk.shot("67-home-parcels")

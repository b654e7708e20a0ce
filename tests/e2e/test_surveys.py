"""A satisfaction survey (满意度调查) in the real window: last half-year's survey
is on file (set up through the command line); the supervisor starts this
half-year's, taking over its questions and adding one, enters two visited
units' sheets — one by keyboard alone, one by clicks — sees a second sheet for
a unit refused, reads the results beside last time's and prints the summary,
which is read back. The command line confirms what was stored."""

import glob
import time

from selenium.webdriver.common.keys import Keys

from conftest import SUPERVISOR
from estate_cli import pdf_text


def saved(db, timeout=15):
    """The summary PDF the app saved in 满意度/ beside the estate file (waited for: printing is asynchronous)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(glob.glob(str(db.parent / "满意度" / "满意度调查汇总-2026-H2-*.pdf")))
        if found:
            time.sleep(0.2)
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no summary PDF saved in {db.parent / '满意度'}")


def test_a_survey_is_defined_answered_compared_and_printed(launch, estate):
    estate("unit", "add", "9-1-101", "--area", "80")
    estate("survey", "add", "2026年上半年满意度调查", "--period", "2026-H1")
    estate("survey", "question", "1", "--score", "客服服务态度")
    estate("survey", "question", "1", "--score", "保洁")
    estate("survey", "question", "1", "--comment", "其他意见")
    estate("survey", "answer", "1", "3-2-1502", "--score", "4,3")
    estate("survey", "close", "1")

    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.menu("menu-service-group", "menu-surveys")
    desk.find("surveys")
    desk.click("survey-new")
    assert desk.focused("survey-add-name")
    desk.type("survey-add-name", "2026年下半年满意度调查")
    desk.type("survey-add-period", "2026年下半年")
    desk.click("survey-add-submit")
    desk.gone("survey-add")
    desk.text_is("survey-detail-name", "2026年下半年满意度调查")
    assert desk.shows("survey-question-list", "客服服务态度") and desk.shows("survey-question-list", "其他意见"), "last time's questions are taken over"
    desk.type("survey-question-text", "停车管理")
    desk.click("survey-question-add")
    assert desk.shows("survey-question-list", "停车管理")

    # The first sheet by keyboard alone: the unit, Enter, one digit per question, the comment, Enter.
    desk.tab("answer")
    desk.type("survey-unit", "3-2-1502").send_keys(Keys.ENTER)
    assert desk.focused("survey-scores"), "Enter in the unit box goes to the scores"
    desk.find("survey-scores").send_keys("5", "4", "3")
    desk.type("survey-comment-3", "电梯有异响").send_keys(Keys.ENTER)
    assert desk.focused("survey-unit"), "saved: the unit box is ready for the next sheet"
    assert desk.shows("survey-detail", "答卷 1 份")
    # The second by clicks, saved with Enter on the scores.
    desk.type("survey-unit", "9-1-101")
    for test in ["survey-score-1-5", "survey-score-2-5", "survey-score-4-2"]:
        desk.click(test)
    desk.shot("84-surveys-answer")
    desk.find("survey-scores").send_keys(Keys.ENTER)
    assert desk.shows("survey-detail", "答卷 2 份")
    # A second sheet for a unit is refused, and says so.
    desk.type("survey-unit", "3-2-1502").send_keys(Keys.ENTER)
    desk.find("survey-scores").send_keys("1", "1", "1", Keys.ENTER)
    assert desk.shows("survey-answer-error", "已经交过")
    assert desk.shows("survey-answer-error", "每户每次调查只收一份")
    desk.shot("85-surveys-refused")

    desk.tab("results")
    # 客服服务态度: 5 and 5 → 5.00, last time 4 → +1.00; 停车管理 is new.
    assert desk.shows("survey-result-questions", "+1.00")
    assert desk.shows("survey-result-questions", "新题")
    assert desk.shows("survey-overall", "走访 2")
    assert desk.shows("survey-result-comments", "电梯有异响")
    desk.shot("86-surveys-results")
    desk.click("survey-print")
    text = pdf_text(saved(estate.db))
    for want in ["业主满意度调查汇总", "2026年下半年", "客服服务态度", "+1.00", "新题", "3-2-1502", "电梯有异响"]:
        assert want in text, f"{want} not in the summary:\n{text}"

    r = estate("survey", "results", "2026-H2")
    assert (r["overall"]["visited"], r["questions"][0]["average"], r["questions"][0]["average_change"]) == (2, "5.00", "1.00"), r
    assert r["questions"][3]["in_previous"] is False and r["previous"]["period"] == "2026-H1"

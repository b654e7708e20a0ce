"""The real desktop app under test: a virtual screen (Xvfb), tauri-driver in
front of WebKitWebDriver, and a WebDriver session that launches estate-desk.

Every launch gets its own tauri-driver on free ports, so the app inherits an
environment made for that test alone (its HOME, its ESTATE_DB), and nothing
clashes with another run on the same machine.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
APP = Path(os.environ.get("ESTATE_DESK_BIN", TARGET / "debug" / "estate-desk"))
SHOTS = Path(__file__).resolve().parent / "screenshots"
SCREEN = "1280x800x24"
WAIT = 15  # seconds for anything on screen; the first launch of a debug build is the slowest step


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, what, timeout=30):
    """Waits until something accepts connections on `port`; fails early if `proc` died."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} before listening on {port}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout}s")


def stop(proc):
    """Ends a process we started and everything it started (its own process group)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class Screen:
    """A virtual X display; Xvfb picks a free display number and tells us (-displayfd)."""

    def __init__(self):
        read, write = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                                     pass_fds=(write,), start_new_session=True, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            stop(self.proc)
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def close(self):
        stop(self.proc)


class Desk:
    """One launch of the app: tauri-driver, WebKitWebDriver, estate-desk, and helpers
    that find controls by their data-test names."""

    def __init__(self, env, log_path):
        driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")
        port, native = free_port(), free_port()
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen([driver_bin, "--port", str(port), "--native-port", str(native)],
                                         env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        # tauri-driver listens at once but starts WebKitWebDriver in the background:
        # a session asked for before both ports answer fails ("Remote end closed connection").
        wait_port(port, self.proc, "tauri-driver")
        wait_port(native, self.proc, "WebKitWebDriver")
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(APP)})
        self.launched = time.monotonic()
        try:
            server = RemoteConnection(client_config=ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}"))
            self.driver = webdriver.Remote(command_executor=server, options=options)
            # A typed file path is text for the app, not a file for selenium to upload.
            self.driver.file_detector = UselessFileDetector()
        except Exception:
            stop(self.proc)
            raise

    def close(self):
        try:
            self.driver.quit()
        finally:
            stop(self.proc)

    # --- finding and using controls -------------------------------------------------

    def wait(self, timeout=WAIT):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.05)

    def find(self, test, timeout=WAIT):
        """The visible element with data-test=`test`."""
        return self.wait(timeout).until(seen.visibility_of_element_located((By.CSS_SELECTOR, f'[data-test="{test}"]')))

    def all(self, test):
        return [e for e in self.driver.find_elements(By.CSS_SELECTOR, f'[data-test="{test}"]') if e.is_displayed()]

    def gone(self, test, timeout=WAIT):
        self.wait(timeout).until(seen.invisibility_of_element_located((By.CSS_SELECTOR, f'[data-test="{test}"]')))

    def click(self, test):
        self.click_at((By.CSS_SELECTOR, f'[data-test="{test}"]'))

    def click_at(self, locator):
        self.wait().until(seen.element_to_be_clickable(locator)).click()

    def pick(self, test, label):
        """Chooses `label` in the el-select named `test`, once its list has finished fading in
        (a click during the fade lands on the dialog below)."""
        self.click(test)
        self.settled()
        self.click_at((By.XPATH, f"//li[contains(@class, 'el-select-dropdown__item')][normalize-space(.)='{label}']"))

    def type(self, test, text):
        """Replaces what the field holds, with keystrokes (clear() would skip Vue's input event)."""
        field = self.find(test)
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.BACKSPACE)
        field.send_keys(text)
        return field

    def text(self, test):
        """What the element shows, as the page lays it out (innerText); WebKitWebDriver's own
        element text leaves out text that sits directly in an el-table cell."""
        return self.find(test).get_property("innerText")

    def shows(self, test, fragment, timeout=WAIT):
        """Waits until the element's text contains `fragment` (Vue updates the screen a moment after input)."""
        try:
            self.wait(timeout).until(lambda _: fragment in self.text(test))
        except Exception as e:
            raise AssertionError(f'{test} never showed "{fragment}"; it shows "{self.text(test)}"') from e
        return True

    def text_is(self, test, want, timeout=WAIT):
        """Waits until the element shows exactly `want`; returns it (or fails showing what it said)."""
        def shows(_):
            try:
                return self.text(test).strip() == want
            except StaleElementReferenceException:
                return False
        try:
            self.wait(timeout).until(shows)
        except Exception as e:
            raise AssertionError(f'{test} shows "{self.text(test)}", expected "{want}"') from e
        return want

    def active_test(self):
        """The data-test name of the element that has the keyboard focus."""
        return self.driver.switch_to.active_element.get_attribute("data-test")

    def focused(self, test, timeout=WAIT):
        """Waits until `test` has the keyboard focus (a dialog focuses its first field once it has opened)."""
        try:
            self.wait(timeout).until(lambda _: self.active_test() == test)
        except Exception as e:
            raise AssertionError(f"{test} never took the focus; {self.active_test()} has it") from e
        return True

    def invoke(self, command, args):
        """Calls a shell command the way the UI does, past the UI's greyed-out buttons:
        returns ("ok", value) or ("error", {code, message})."""
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])"
            ".then(v => done(['ok', v]), e => done(['error', e]));",
            command, args)

    def settled(self, timeout=10):
        """Waits until the fonts have loaded (text stays invisible until then) and no transition
        or finite animation runs (dialogs fade in, tags zoom in)."""
        script = ("return [...document.fonts].every(f => f.status !== 'loading') && document.getAnimations().filter(a => a.playState === 'running'"
                  " && a.effect && a.effect.getTiming().iterations !== Infinity).length === 0")
        try:
            self.wait(timeout).until(lambda d: d.execute_script(script))
        except Exception:
            pass  # a screenshot mid-animation is still worth saving
        # Two frames more, so what settled has been painted.
        self.driver.execute_async_script(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));")

    def shot(self, name):
        self.settled()
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    # --- steps every path shares ----------------------------------------------------

    def sign_in(self, name, password):
        self.find("sign-in")
        self.type("sign-in-name", name)
        self.type("sign-in-password", password)
        self.click("sign-in-submit")
        self.text_is("staff-name", name)

    def sign_out(self):
        self.click("staff-menu")
        self.click("staff-sign-out")
        self.find("sign-in")

    def open_unit(self, code):
        """The unit card, opened the way a clerk does from the home screen."""
        self.click("menu-home")
        self.type("home-unit", code)
        self.click("home-unit-go")
        self.text_is("unit-code", code)

    def menu(self, group, item):
        """Opens a menu group and clicks one of its items once the group has finished unfolding:
        a click during the unfolding lands where the item was a moment before (on the status
        line, once the menu is longer than the window)."""
        self.click(group)
        self.settled()
        self.click(item)

    def tab(self, name):
        """Clicks an el-tabs tab by its pane name."""
        self.wait().until(seen.element_to_be_clickable((By.ID, f"tab-{name}"))).click()

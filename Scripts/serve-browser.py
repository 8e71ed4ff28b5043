#!/usr/bin/env python3
"""Drives the staff web app of `mizan serve` in a real browser, as staff would.

Starts `mizan serve` on a free port (MIZAN_TODAY=2024-03-10, a decision log in a scratch
folder), then in headless Chromium (the Debian package, through Playwright from PyPI):

  1. taafi, in Arabic: fills the form (typing Arabic-Indic digits and a Hijri date), submits it,
     and checks the checklist page (INCOMPLETE: no identity document);
  2. raabigh, in English: fills the form with every document, submits it, checks ELIGIBLE, then
     "Edit this application", and checks that every value came back;
  3. an error: a household size in words; checks the message sits beside the field and the
     other values are kept;

saving screenshots of the forms and the results in docs/images/. Exits non-zero if any check
fails. Needs: `apt-get install chromium`, `pip install playwright`; takes about 15 s.

    python3 Scripts/serve-browser.py [--binary .build/debug/mizan] [--no-screenshots]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_server(binary, log_path):
    env = dict(os.environ, MIZAN_TODAY="2024-03-10", NO_COLOR="1")
    env.pop("MIZAN_POLICIES", None)
    process = subprocess.Popen([binary, "serve", "--port", "0", "--log", log_path], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    match = re.search(r"listening on (http://127\.0\.0\.1:\d+)/", line)
    if not match:
        process.kill()
        sys.exit(f"mizan serve did not start: {line}")
    return process, match.group(1)


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"ok: {message}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/mizan"))
    parser.add_argument("--no-screenshots", action="store_true")
    arguments = parser.parse_args()
    images = os.path.join(ROOT, "docs/images")
    scratch = tempfile.mkdtemp(prefix="mizan-browser-")
    server, base = start_server(arguments.binary, os.path.join(scratch, "decisions.log"))

    def shot(page, name):
        if not arguments.no_screenshots:
            page.screenshot(path=os.path.join(images, name), full_page=True)
            print(f"saved docs/images/{name}")

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1000, "height": 900}, device_scale_factor=1)

            # 1. taafi, Arabic: the association picker, then the form.
            page.goto(base + "/")
            check(page.locator("html").get_attribute("dir") == "rtl", "the picker is right to left")
            page.click("a[href='/form/taafi']")
            check(page.url.endswith("/form/taafi"), "picking taafi opens its form")
            page.fill("#field-application-id", "TAF-2024-000777")
            page.fill("#field-submitted-on", "١٤٤٥-٠٨-٢٩")
            page.select_option("select[name='submitted_on.calendar']", "hijri")
            page.select_option("#field-channel", "interview")
            page.fill("#field-staff", "سارة المطيري")
            page.fill("#field-f-national-id-number", "1012345678")
            page.fill("#field-f-birth-date", "1985-02-14")
            page.select_option("#field-f-recovering-from-addiction", "yes")
            page.check("input[name='d.support_request_form']")
            page.fill("#field-d-support-request-form-dated", "2024-03-10")
            page.check("input[name='d.data_declaration']")
            page.fill("#field-d-data-declaration-signed-on", "2024-03-10")
            shot(page, "serve-form-ar.png")
            page.click("button.primary")
            page.wait_for_load_state()
            check(page.locator(".verdict-word").inner_text().strip() != "", "the taafi result shows a verdict")
            check("ناقص" in page.content() or "INCOMPLETE" in page.content(), "taafi without an identity document is incomplete")
            check("TAF-2024-000777" in page.content(), "the result names the application")
            check("سُجّل القرار" in page.content(), "the decision was logged")
            shot(page, "serve-result-ar.png")

            # 2. raabigh, English: every document, eligible; then edit brings every value back.
            page.goto(base + "/form/raabigh?lang=en")
            check(page.locator("html").get_attribute("dir") == "ltr", "?lang=en is left to right")
            values = {
                "#field-application-id": "RBG-2024-000888", "#field-submitted-on": "2024-03-10",
                "#field-staff": "Sara Al-Mutairi", "#field-f-national-id-number": "1012345678",
                "#field-f-birth-date": "1980-05-01", "#field-f-monthly-income": "2500",
                "#field-f-household-size": "5",
            }
            for selector, value in values.items():
                page.fill(selector, value)
            page.select_option("#field-channel", "interview")
            page.fill("#field-f-governorate", "rabigh")
            page.select_option("#field-f-needs-field-visit", "no")
            for document, field, date in [("national_id", "expires-on", "2027-01-01"),
                                          ("support_request_form", "dated", "2024-03-10"),
                                          ("data_declaration", "signed-on", "2024-03-10"),
                                          ("interview_record", None, None)]:
                page.check(f"input[name='d.{document}']")
                if field:
                    page.fill(f"#field-d-{document.replace('_', '-')}-{field}", date)
            shot(page, "serve-form-en.png")
            page.click("button.primary")
            page.wait_for_load_state()
            check(page.locator(".verdict-word").inner_text().strip() == "ELIGIBLE", "raabigh with every document is ELIGIBLE")
            shot(page, "serve-result-en.png")
            page.click("text=Edit this application")
            page.wait_for_load_state()
            for selector, value in values.items():
                check(page.input_value(selector) == value, f"edit keeps {selector} = {value}")

            # 3. An error beside its field, nothing lost.
            page.fill("#field-f-household-size", "five")
            page.click("button.primary")
            page.wait_for_load_state()
            error = page.locator("#field-f-household-size ~ p.error")
            check(error.count() == 1 and "whole number" in error.inner_text(), "the error sits beside household size")
            check(page.input_value("#field-f-monthly-income") == "2500", "the other values are kept")
            check(page.is_checked("input[name='d.interview_record']"), "the documents ticked stay ticked")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    replay = subprocess.run([arguments.binary, "replay", os.path.join(scratch, "decisions.log")], cwd=ROOT,
                            capture_output=True, text=True)
    check(replay.returncode == 0 and "2 reproduced" in replay.stdout, "both decisions are in the log and replay")
    print("all browser checks passed")


if __name__ == "__main__":
    main()

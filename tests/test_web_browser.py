"""The web page in a real browser (Chromium via Playwright) against a real `shenbao serve` process.

The server runs on an index built with the fake embedder (fast), clock fixed at 2026-11-22. These tests
never skip: a missing Playwright package or /usr/bin/chromium is a failure with a clear message."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from server_process import running_server

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError as exc:  # reported as a failure by the `browser` fixture, never a skip
    PLAYWRIGHT_IMPORT_ERROR: ImportError | None = exc
else:
    PLAYWRIGHT_IMPORT_ERROR = None

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
HENAN_PLATFORM_Q = "河南2020年的示范平台要运营满几年？"
HENAN_PHONE = "0371-65507698"
# A resource the page requested on purpose that answered 4xx (e.g. drafting a notice without an outline).
RESOURCE_4XX = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")


# ---------------------------------------------------------------------------------------------- server


def _get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _post_json(url: str, payload: dict[str, Any]) -> Any:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`shenbao ingest` (fake embedder) into a temp dir, then `shenbao serve` on a free port."""
    with running_server(tmp_path_factory.mktemp("web")) as base:
        yield base


# ---------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if PLAYWRIGHT_IMPORT_ERROR is not None:
        pytest.fail(f"the browser tests need the playwright package (pip install playwright): {PLAYWRIGHT_IMPORT_ERROR}")
    if not CHROMIUM.exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless=new"],
                                     headless=True)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Ui:
    page: Page
    base: str
    errors: list[str] = field(default_factory=list)

    def open(self, view: str = "chat") -> Page:
        self.page.goto(f"{self.base}/#{view}")
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true", timeout=15_000)
        return self.page

    def assert_no_errors(self, allow: Callable[[str], bool] = lambda _: False) -> None:
        unexpected = [e for e in self.errors if not allow(e)]
        assert not unexpected, f"console errors: {unexpected}"


@contextmanager
def _ui(browser: Browser, server: str, width: int, height: int) -> Iterator[Ui]:
    context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    page = context.new_page()
    state = Ui(page, server)
    page.on("console", lambda msg: state.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: state.errors.append(f"uncaught: {exc}"))
    try:
        yield state
    finally:
        context.close()


@pytest.fixture
def ui(browser: Browser, server: str) -> Iterator[Ui]:
    with _ui(browser, server, 1400, 900) as state:
        yield state


@pytest.fixture
def phone(browser: Browser, server: str) -> Iterator[Ui]:
    """The page at a phone's width (390 px)."""
    with _ui(browser, server, 390, 844) as state:
        yield state


def _sse_done(body: str) -> dict[str, Any]:
    for block in body.split("\n\n"):
        lines = block.strip().splitlines()
        if lines and lines[0] == "event: done":
            return json.loads("".join(line[len("data: "):] for line in lines[1:]))
    raise AssertionError(f"no done event in the stream: {body[:300]}")


def _ask(page: Page, question: str) -> tuple[Any, Any]:
    """Type a question, send it, wait for the answer; return (the request, the finished message)."""
    page.get_by_test_id("chat-input").fill(question)
    before = page.get_by_test_id("msg-assistant").count()
    with page.expect_request(lambda r: r.url.endswith("/api/chat") and r.method == "POST") as request:
        page.get_by_test_id("chat-send").click()
    message = page.get_by_test_id("msg-assistant").nth(before)
    expect(message).to_have_attribute("data-state", "done")
    return request.value, message


def _open_and_check_mark(page: Page, quote: str, title: str) -> None:
    panel = page.get_by_test_id("notice-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_test_id("notice-panel-title")).to_have_text(title)
    mark = panel.locator("mark[data-testid=cited-span]")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text(quote)
    expect(mark).to_be_in_viewport()


# ---------------------------------------------------------------------------------------------- tests


def test_chat_streams_answer_and_citation_opens_highlighted_clause(ui: Ui) -> None:
    page = ui.open()
    expect(page.get_by_test_id("notice-chip")).to_have_count(5)
    henan_chip = page.locator("[data-testid=notice-chip][data-notice-id=henan-2020]")
    expect(henan_chip.get_by_test_id("deadline-badge")).to_have_text("已截止")
    expect(page.locator("[data-testid=notice-chip][data-notice-id=baotou]").get_by_test_id("deadline-badge")).to_have_text("常设")

    page.get_by_test_id("chat-input").fill(HENAN_PLATFORM_Q)
    with page.expect_response(lambda r: r.url.endswith("/api/chat")) as response_info:
        page.get_by_test_id("chat-send").click()
    response = response_info.value
    assert response.headers["content-type"].startswith("text/event-stream")  # the page asked for a stream
    assert response.request.post_data_json["stream"] is True
    done = _sse_done(response.text())
    first = next(c for c in done["citations"] if c["n"] == 1)

    message = page.get_by_test_id("msg-assistant").first
    expect(message).to_have_attribute("data-state", "done")
    expect(message.get_by_test_id("answer-text")).to_contain_text("满一年")
    expect(message.get_by_test_id("route-badge")).to_be_hidden()  # a plain answer needs no route badge
    titles = message.get_by_test_id("source-title")
    expect(titles).to_have_count(len({c["notice_id"] for c in done["citations"]}))  # the title once per notice
    expect(titles.first).to_contain_text(first["title"])
    expect(message.get_by_test_id("citation-item").first).not_to_contain_text(first["title"])
    expect(message.get_by_test_id("answer-deadlines").get_by_test_id("deadline-badge")).to_have_text("已截止")
    link = message.locator('[data-testid=cite-link][data-n="1"]')
    expect(link).to_have_text("[1]")
    assert message.get_by_test_id("abstained-badge").count() == 0

    link.click()
    _open_and_check_mark(page, first["quote"], first["title"])
    assert "满一年" in first["quote"]
    page.get_by_test_id("notice-panel-close").click()
    expect(page.get_by_test_id("notice-panel")).to_be_hidden()

    # The session id is kept in localStorage; a reload restores the conversation from the server.
    session_id = page.evaluate("localStorage.getItem('shenbao.session_id')")
    assert session_id == done["session_id"]
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.get_by_test_id("msg-user")).to_have_text([HENAN_PLATFORM_Q])
    expect(page.get_by_test_id("msg-assistant").locator('[data-testid=cite-link][data-n="1"]')).to_have_count(1)

    # 清除会话 deletes it on the server and forgets it in the page.
    with page.expect_response(lambda r: r.request.method == "DELETE") as deleted:
        page.get_by_test_id("chat-clear").click()
    assert deleted.value.status == 200
    expect(page.get_by_test_id("msg-user")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('shenbao.session_id')") is None
    assert _get(f"{ui.base}/api/sessions/{session_id}")[0] == 404
    ui.assert_no_errors()


def test_a_session_the_server_no_longer_has_is_replaced_by_a_new_one(ui: Ui) -> None:
    page = ui.open()
    _ask(page, HENAN_PLATFORM_Q)
    old = page.evaluate("localStorage.getItem('shenbao.session_id')")
    request = urllib.request.Request(f"{ui.base}/api/sessions/{old}", method="DELETE")
    urllib.request.urlopen(request, timeout=10).close()  # deleted elsewhere (another tab, an admin)
    _, message = _ask(page, "那企业呢？")
    expect(message.get_by_test_id("answer-text")).not_to_be_empty()
    assert message.get_by_test_id("chat-error").count() == 0
    new = page.evaluate("localStorage.getItem('shenbao.session_id')")
    assert new and new != old and _get(f"{ui.base}/api/sessions/{new}")[0] == 200
    ui.assert_no_errors(allow=RESOURCE_4XX.search)  # the one 404 the page recovered from


def test_pinned_chip_scopes_the_question_and_abstention_is_styled(ui: Ui) -> None:
    page = ui.open()
    chip = page.locator("[data-testid=notice-chip][data-notice-id=shanxi-2021]")
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("scope-note")).to_contain_text("已限定在")

    request, message = _ask(page, "示范平台要运营满几年？")
    assert request.post_data_json["notice_ids"] == ["shanxi-2021"]
    items = message.get_by_test_id("citation-item")
    expect(items.first).to_be_visible()
    assert set(items.evaluate_all("els => els.map(e => e.dataset.noticeId)")) == {"shanxi-2021"}
    assert set(message.get_by_test_id("cite-link").evaluate_all("els => els.map(e => e.dataset.noticeId)")) == {"shanxi-2021"}
    expect(message.get_by_test_id("answer-text")).to_contain_text("满两年")

    chip.click()  # unpin
    expect(chip).to_have_attribute("aria-pressed", "false")
    request, message = _ask(page, "上海的服务型制造示范怎么申报？")
    assert request.post_data_json["notice_ids"] == []  # the first question after unpinning clears the scope
    expect(message).to_have_class(re.compile(r"\babstained\b"))
    expect(message.get_by_test_id("abstained-badge")).to_have_text("通知未涉及")
    expect(message.get_by_test_id("answer-text")).to_contain_text("上海")
    request, _ = _ask(page, "河南2020年的示范平台要运营满几年？")
    assert "notice_ids" not in request.post_data_json  # later questions keep the conversation's own scope
    ui.assert_no_errors()


def test_eligibility_verdict_rules_citations_and_missing_questions(ui: Ui) -> None:
    page = ui.open("eligibility")
    profile = {"applicant_type": "enterprise", "registered_province": "河南省", "established_on": "2019-05-01"}
    expected = _post_json(f"{ui.base}/api/eligibility", {"notice_id": "henan-2020", "profile": profile})
    failing = next(r for r in expected["rules"] if r["status"] == "fail")

    page.get_by_test_id("elig-notice").select_option("henan-2020")
    page.get_by_test_id("elig-field-applicant_type").select_option("enterprise")
    page.get_by_test_id("elig-field-registered_province").fill("河南省")
    expect(page.get_by_test_id("elig-field-registered_city")).to_be_hidden()  # henan-2020 asks for the province only
    page.get_by_test_id("elig-field-established_on").fill("2019-05-01")
    with page.expect_request(lambda r: r.url.endswith("/api/eligibility")) as sent:
        page.get_by_test_id("elig-submit").click()
    assert sent.value.post_data_json == {"notice_id": "henan-2020", "profile": profile}  # no empty fields sent
    result = page.get_by_test_id("elig-result")
    verdict = result.get_by_test_id("elig-verdict")
    expect(verdict).to_have_text("不符合")
    expect(verdict).to_have_attribute("data-verdict", "ineligible")
    rule = result.locator(f'[data-testid=elig-rule][data-rule-id="{failing["id"]}"]')
    expect(rule).to_have_attribute("data-status", "fail")
    expect(rule.get_by_test_id("elig-rule-status")).to_contain_text("不符合")
    expect(rule.get_by_test_id("elig-rule-strength")).to_have_text("硬性条件")
    expect(rule.get_by_test_id("elig-rule-explanation")).to_have_text(failing["explanation"])
    expect(result.get_by_test_id("elig-summary")).to_contain_text(failing["label"])  # the summary names it
    assert result.get_by_test_id("elig-rule").count() == len(expected["rules"])
    if expected["verdict"] == "ineligible":  # decided: nothing more is asked
        expect(result.get_by_test_id("elig-decided")).to_be_visible()
        expect(result.get_by_test_id("elig-missing")).to_have_count(0)
    rule.get_by_test_id("elig-rule-citation").click()
    _open_and_check_mark(page, failing["citation"]["quote"], failing["citation"]["title"])

    # Too little known: the verdict waits for facts and the missing fields come back as questions.
    page.get_by_test_id("elig-reset").click()
    page.get_by_test_id("elig-notice").select_option("henan-2020")
    page.get_by_test_id("elig-field-applicant_type").select_option("enterprise")
    page.get_by_test_id("elig-field-independent_legal_person").select_option("true")
    with page.expect_request(lambda r: r.url.endswith("/api/eligibility")) as sent:
        page.get_by_test_id("elig-submit").click()
    assert sent.value.post_data_json["profile"] == {"applicant_type": "enterprise", "independent_legal_person": True}
    expect(result.get_by_test_id("elig-verdict")).to_have_text("待补充信息")
    missing = result.get_by_test_id("elig-missing-item")
    expect(missing.first).to_be_visible()
    asked = missing.evaluate_all("els => els.map(e => e.dataset.field)")
    assert "established_on" in asked and "independent_legal_person" not in asked
    expect(result.locator("[data-testid=elig-missing-item][data-field=established_on]")).to_contain_text(
        "贵单位的成立（开始正常经营）日期是哪一天？")

    # 全部通知: one verdict per notice with rules; open deadlines first, standing next, closed last (with dates).
    page.get_by_test_id("elig-notice").select_option("")
    page.get_by_test_id("elig-submit").click()
    rows = result.get_by_test_id("elig-ranking").locator("tbody tr")
    expect(rows).to_have_count(4)
    expect(result.get_by_test_id("elig-notice-result")).to_have_count(4)
    states = rows.evaluate_all("rows => rows.map(r => r.dataset.deadlineState)")
    assert states == sorted(states, key=["open", "standing", "unknown", "closed"].index) and states[0] == "standing"
    expect(result.get_by_test_id("elig-ranking").locator("th")).to_contain_text(["申报截止"])
    expect(rows.last.get_by_test_id("elig-ranking-deadline")).to_contain_text(re.compile(r"已截止 \d{4}-\d{2}-\d{2}"))
    ui.assert_no_errors()


def test_eligibility_form_shows_only_what_the_category_needs(ui: Ui) -> None:
    page = ui.open("eligibility")
    fields = page.get_by_test_id("elig-fields")
    expect(page.get_by_test_id("elig-category-note")).to_contain_text("请先选择申报类别")
    expect(page.get_by_test_id("elig-field-established_on")).to_be_hidden()
    page.get_by_test_id("elig-field-applicant_type").select_option("enterprise")
    expect(page.get_by_test_id("elig-field-established_on")).to_be_visible()
    expect(page.get_by_test_id("elig-field-platform_launched_on")).to_be_hidden()  # not asked of an enterprise
    expect(page.get_by_test_id("elig-field-is_prefecture_level_city")).to_be_hidden()
    page.get_by_test_id("elig-field-applicant_type").select_option("platform")
    expect(page.get_by_test_id("elig-field-platform_launched_on")).to_be_visible()
    expect(page.get_by_test_id("elig-field-has_own_brand")).to_be_hidden()
    # one date to judge by (the application date is not a second, confusable field), no hint repeating each label
    assert page.get_by_test_id("elig-field-application_date").count() == 0
    assert fields.locator("small").count() == 0
    expect(page.get_by_test_id("view-eligibility").locator("label", has_text="判断日期")).to_have_count(1)
    # a category the chosen notice does not offer: said plainly
    page.get_by_test_id("elig-notice").select_option("henan-2020")
    page.get_by_test_id("elig-field-applicant_type").select_option("city")
    expect(page.get_by_test_id("elig-category-note")).to_contain_text("不遴选示范城市")
    # values typed into a field that is then hidden are not sent
    page.get_by_test_id("elig-field-applicant_type").select_option("platform")
    page.get_by_test_id("elig-field-platform_launched_on").fill("2019-01-01")
    page.get_by_test_id("elig-field-applicant_type").select_option("enterprise")
    with page.expect_request(lambda r: r.url.endswith("/api/eligibility")) as sent:
        page.get_by_test_id("elig-submit").click()
    assert sent.value.post_data_json["profile"] == {"applicant_type": "enterprise"}
    ui.assert_no_errors()


def test_drafting_sections_word_download_and_lint(ui: Ui, tmp_path: Path) -> None:
    from docx import Document

    page = ui.open("draft")
    page.get_by_test_id("draft-notice").select_option("shanxi-2021")
    expect(page.get_by_test_id("draft-category").locator("option[value=enterprise]")).to_have_count(1)
    page.get_by_test_id("draft-category").select_option("enterprise")
    page.locator("[data-testid=draft-mode][value=供应链管理]").check()
    page.get_by_test_id("draft-fact-established_on").fill("2015-03-01")
    page.get_by_test_id("draft-fact-revenue_total").fill("5000")
    page.get_by_test_id("draft-fact-service_revenue").fill("1600")
    page.get_by_test_id("draft-fact-business").fill("工程机械制造及配套服务")
    with page.expect_request(lambda r: r.url.endswith("/api/draft")) as sent:
        page.get_by_test_id("draft-generate").click()
    body = sent.value.post_data_json
    assert body["modes"] == ["供应链管理"]
    assert body["facts"] == {"established_on": "2015-03-01", "revenue_total": 5000, "service_revenue": 1600,
                             "business": "工程机械制造及配套服务"}
    headings = page.get_by_test_id("draft-result").get_by_test_id("draft-heading")
    expect(headings).to_have_text(["一、企业概况", "二、主要做法", "三、经验总结", "四、下一步设想", "参考附件"])
    first = page.get_by_test_id("draft-section").first
    expect(first.get_by_test_id("draft-text")).to_contain_text("32%")
    expect(first.get_by_test_id("draft-guidance")).to_contain_text("介绍企业基本情况")
    expect(page.get_by_test_id("draft-todo").first).to_contain_text("【待补充")
    second = page.get_by_test_id("draft-section").nth(1)
    expect(second.get_by_test_id("draft-requirement").first).to_be_visible()
    second.get_by_test_id("draft-req-citation").first.click()
    expect(page.locator("mark[data-testid=cited-span]")).to_be_in_viewport()

    with page.expect_download() as download_info:
        page.get_by_test_id("draft-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert download.suggested_filename == "shanxi-2021-enterprise-申报书正文.docx"
    saved = tmp_path / "draft.docx"
    download.save_as(saved)
    paragraphs = [p.text.strip() for p in Document(str(saved)).paragraphs]
    assert "一、企业概况" in paragraphs
    assert paragraphs.index("一、企业概况") < paragraphs.index("二、主要做法")

    page.get_by_test_id("lint-text").fill("二、主要做法\n我们做得很好。\n一、企业概况\n【待补充】\n")
    page.get_by_test_id("lint-submit").click()
    findings = page.get_by_test_id("lint-finding")
    expect(findings.first).to_be_visible()
    expect(page.locator("[data-testid=lint-finding][data-kind=missing_section]").first).to_contain_text("三、经验总结")
    out_of_order = page.locator("[data-testid=lint-finding][data-kind=out_of_order]").first
    expect(out_of_order).to_contain_text("第3行")
    expect(out_of_order).to_contain_text("错误")
    expect(out_of_order).to_contain_text("修改建议")
    expect(page.get_by_test_id("lint-summary")).to_contain_text("发现")
    ui.assert_no_errors()


def test_helpdesk_reply_quotes_clause_and_gives_phone(ui: Ui) -> None:
    page = ui.open("helpdesk")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ui.base)
    page.get_by_test_id("help-input").fill(HENAN_PLATFORM_Q)
    with page.expect_response(lambda r: r.url.endswith("/api/chat")) as response_info:
        page.get_by_test_id("help-submit").click()
    answered = response_info.value.json()
    quote = next(c for c in answered["citations"] if c["n"] == 1)["quote"]
    reply = page.get_by_test_id("help-reply")
    expect(reply).to_contain_text(quote)
    expect(reply).to_contain_text(HENAN_PHONE)
    expect(reply).to_contain_text("豫工信办产融〔2020〕202号")
    expect(page.get_by_test_id("help-source").first).to_contain_text(quote)
    expect(page.get_by_test_id("help-answer").get_by_test_id("cite-link").first).to_be_visible()
    # What is read aloud: the answer's own lines first and all of them, then the phone; no [n], no citation dump.
    text = reply.text_content() or ""
    answer_lines = [re.sub(r"\[\d+\]", "", line).strip() for line in answered["answer"].splitlines() if line.strip()]
    assert text.startswith(answer_lines[0])
    reply_lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert reply_lines[:len(answer_lines)] == answer_lines
    assert reply_lines[len(answer_lines):] == [reply_lines[-1]] and reply_lines[-1].startswith("咨询电话：")
    assert not re.search(r"\[\d+\]", text) and "依据条款" not in text

    page.get_by_test_id("help-copy").click()
    expect(page.get_by_test_id("help-copy-status")).to_have_text("已复制到剪贴板")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == reply.text_content()
    assert quote in copied and HENAN_PHONE in copied

    # An abstention cites nothing: no 引用条款 heading over an empty list.
    page.get_by_test_id("help-input").fill("上海的服务型制造示范怎么申报？")
    with page.expect_response(lambda r: r.url.endswith("/api/chat")):
        page.get_by_test_id("help-submit").click()
    expect(page.get_by_test_id("help-answer").get_by_test_id("abstained-badge")).to_be_visible()
    expect(page.get_by_test_id("help-sources-title")).to_be_hidden()
    expect(page.get_by_test_id("help-sources")).to_be_hidden()
    ui.assert_no_errors()


def test_drafting_a_notice_without_outline_shows_the_chinese_error(ui: Ui) -> None:
    page = ui.open("draft")
    page.get_by_test_id("draft-notice").select_option("miit-2023")
    expect(page.get_by_test_id("draft-outline-note")).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/api/draft")) as response_info:
        page.get_by_test_id("draft-generate").click()
    assert response_info.value.status == 404
    message = response_info.value.json()["error"]["message"]
    error = page.get_by_test_id("draft-error")
    expect(error).to_be_visible()
    expect(error).to_have_text(message)
    expect(error).to_contain_text("不在语料中")
    expect(page.get_by_test_id("draft-section")).to_have_count(0)

    # The page keeps working after the error.
    page.get_by_test_id("draft-notice").select_option("shanxi-2021")
    expect(error).to_be_hidden()
    page.get_by_test_id("draft-generate").click()
    expect(page.get_by_test_id("draft-heading").first).to_have_text("一、企业概况")
    ui.assert_no_errors(allow=RESOURCE_4XX.search)



# A crafted answer (the page's rendering, whatever the answer engine writes): item lines, a notice's
# Markdown autolink and bold, an article number run into its text, dates.
CRAFTED = {
    "answer": "根据《测试通知》：\n申报单位须具备下列条件：\n“1.申报单位在河南省内注册。”[1]\n“2.截至2019年12月31日已正常经营。”[2]\n"
              "第十条对公示无异议的，予以认定。[3]\n材料请登录“河南省智能制造服务平台”(<http://www.hnznzz.com/>)提交，**截止2020-10-29**。",
    "citations": [
        {"n": 1, "notice_id": "henan-2020", "title": "河南省工业和信息化厅办公室关于开展2020年河南省服务型制造示范遴选工作的通知",
         "doc_no": "豫工信办产融〔2020〕202号", "section": "三、申报条件 > （一）共性条件", "quote": "1.申报单位在河南省内注册。",
         "start": -1, "end": -1},
        {"n": 2, "notice_id": "henan-2020", "title": "河南省工业和信息化厅办公室关于开展2020年河南省服务型制造示范遴选工作的通知",
         "doc_no": "豫工信办产融〔2020〕202号", "section": "三、申报条件 > （一）共性条件", "quote": "2.截至2019年12月31日已正常经营。",
         "start": -1, "end": -1},
        {"n": 3, "notice_id": "baotou", "title": "包头市级服务型制造示范企业认定管理办法（试行）", "doc_no": None,
         "section": "第三章", "quote": "第十条对公示无异议的，予以认定。", "start": -1, "end": -1},
    ],
    "abstained": False, "notices": ["henan-2020"], "route": "qa", "session_id": "crafted-session-1",
    "deadline_notes": ["豫工信办产融〔2020〕202号：该通知规定的报送截止时间（2020年11月25日）已过。"],
}


def _crafted_chat(page: Page) -> None:
    page.route("**/api/chat", lambda route: route.fulfill(status=200, content_type="application/json",
                                                          body=json.dumps(CRAFTED, ensure_ascii=False)))


def test_answer_lists_links_and_article_numbers_render_as_text_not_markup(ui: Ui) -> None:
    page = ui.open()
    _crafted_chat(page)
    _, message = _ask(page, "测试")
    answer = message.get_by_test_id("answer-text")
    items = answer.get_by_test_id("answer-list").locator("li")
    expect(items).to_have_text(["“1.申报单位在河南省内注册。”[1]", "“2.截至2019年12月31日已正常经营。”[2]", "第十条 对公示无异议的，予以认定。[3]"])
    assert answer.locator("ol").evaluate("ol => getComputedStyle(ol).listStyleType") == "none"  # the notice's numbers only
    expect(items.nth(0).get_by_test_id("cite-link")).to_have_text("[1]")  # each line keeps its link
    link = answer.locator("a[href='http://www.hnznzz.com/']")
    expect(link).to_have_text("http://www.hnznzz.com/")
    text = answer.inner_text()
    assert "(<http" not in text and "**" not in text and "](" not in text
    expect(answer.locator("strong")).to_contain_text(["截止2020-10-29"])
    assert answer.locator(".nw", has_text="2020-10-29").evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    # sources: the long title once per notice, then the section path
    expect(message.get_by_test_id("source-title")).to_have_count(2)
    expect(message.get_by_test_id("citation-item")).to_have_count(3)
    expect(message.get_by_test_id("citation-item").first).not_to_contain_text("河南省工业和信息化厅办公室")
    expect(message.get_by_test_id("citation-item").first).to_contain_text("三、申报条件 › （一）共性条件")
    # the deadline note links to the 可申报 view
    message.get_by_test_id("deadline-link").click()
    expect(page.get_by_test_id("view-deadlines")).to_be_visible()
    expect(page.get_by_test_id("tab-deadlines")).to_have_attribute("aria-selected", "true")
    ui.assert_no_errors()


def test_deadlines_view_lists_every_notice_open_standing_closed(ui: Ui) -> None:
    page = ui.open("deadlines")
    notices = json.loads(_get(f"{ui.base}/api/notices")[1])
    cards = page.get_by_test_id("deadline-card")
    expect(cards).to_have_count(len(notices))
    states = cards.evaluate_all("cards => cards.map(c => c.dataset.state)")
    assert states == sorted(states, key=["open", "standing", "unknown", "closed"].index)
    baotou = page.locator("[data-testid=deadline-card][data-notice-id=baotou]")
    expect(baotou.get_by_test_id("deadline-when")).to_have_text("常设办法，未规定截止时间")
    henan = page.locator("[data-testid=deadline-card][data-notice-id=henan-2020]")
    expect(henan.get_by_test_id("deadline-when")).to_have_text("已于 2020-11-25 截止")
    expect(henan).to_contain_text(HENAN_PHONE)
    # the open group is there even when empty, and says so instead of showing a bare heading
    expect(page.locator("[data-testid=deadline-group][data-state=open]")).to_contain_text("目前没有仍在申报期内的通知")
    henan.get_by_test_id("deadline-ask").click()
    expect(page.get_by_test_id("view-chat")).to_be_visible()
    expect(page.locator("[data-testid=notice-chip][data-notice-id=henan-2020]")).to_have_attribute("aria-pressed", "true")
    ui.assert_no_errors()


def test_draft_without_warnings_shows_no_null_and_no_empty_boxes(ui: Ui) -> None:
    page = ui.open("draft")
    page.get_by_test_id("draft-notice").select_option("shanxi-2021")
    page.get_by_test_id("draft-category").select_option("city")
    with page.expect_response(lambda r: r.url.endswith("/api/draft")) as response_info:
        page.get_by_test_id("draft-generate").click()
    data = response_info.value.json()
    assert not data["warnings"] and not data["missing"]  # the case that printed "nullnull"
    result = page.get_by_test_id("draft-result")
    expect(result.get_by_test_id("draft-section").first).to_be_visible()
    assert "null" not in result.inner_text() and "undefined" not in result.inner_text()
    texts = result.get_by_test_id("draft-text").all_inner_texts()
    assert texts and all(t.strip() for t in texts)  # no empty bordered box

    page.get_by_test_id("draft-notice").select_option("henan-2020")
    page.get_by_test_id("draft-category").select_option("enterprise")
    page.get_by_test_id("draft-generate").click()
    chapter = result.locator("[data-testid=draft-section][data-level='1']").first
    expect(chapter.get_by_test_id("draft-heading").first).to_have_text("一、企业概况")
    assert chapter.locator(":scope > [data-testid=draft-text]").count() == 0  # its content is its subsections
    expect(chapter.locator("[data-testid=draft-section][data-level='2']").first).to_be_visible()
    ui.assert_no_errors()


def test_phone_width_chips_one_row_page_scrolls_and_answer_start_shown(phone: Ui) -> None:
    page = phone.open()
    chips = page.get_by_test_id("notice-chip")
    expect(chips).to_have_count(5)
    tops = {round(box["y"]) for box in (chips.nth(i).bounding_box() for i in range(5)) if box}
    assert len(tops) == 1  # one row that scrolls sideways, not five rows
    bar = page.get_by_test_id("notice-chips")
    assert bar.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
    examples = page.get_by_test_id("example")
    lefts = {round(box["x"]) for box in (examples.nth(i).bounding_box() for i in range(examples.count())) if box}
    assert len(lefts) == 1
    assert page.locator("ul.examples").evaluate("e => getComputedStyle(e).listStyleType") == "none"

    for question in (HENAN_PLATFORM_Q, "山西示范企业的服务收入占比有什么要求？"):
        _, message = _ask(page, question)
    log = page.get_by_test_id("chat-log")
    assert log.evaluate("e => getComputedStyle(e).overflowY") == "visible"
    assert log.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # no inner scroll box: the page scrolls
    top = message.get_by_test_id("answer-text").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 844 / 2, top  # the reader starts at the answer's first line, not at its sources' end
    phone.assert_no_errors()


def test_docs_render_with_every_outside_request_blocked(ui: Ui) -> None:
    page = ui.page
    outside: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(ui.base) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{ui.base}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Shenbao")
    expect(page.locator(".opblock-summary-path", has_text="/api/chat").first).to_be_visible()
    assert not outside, outside


# ---------------------------------------------------------------------------------------------- visual check

SCREENS = Path(__file__).resolve().parent / "artifacts" / "screens"  # git-ignored; open the PNGs to look
# What a view must never show a person: a JS null/undefined, raw Markdown, a heading with nothing under it.
VISIBLE_PROBLEMS = """(root) => {
  const problems = [];
  const text = root.innerText;
  for (const bad of ["null", "undefined", "NaN", "[object Object]", "](", "(<http", "**"]) {
    if (text.includes(bad)) problems.push(`shows ${JSON.stringify(bad)} near ${JSON.stringify(text.slice(Math.max(0, text.indexOf(bad) - 30), text.indexOf(bad) + 30))}`);
  }
  const visible = (el) => el && el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0;
  const level = (el) => Number(el.tagName.slice(1));
  for (const heading of root.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (!visible(heading)) continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    walker.currentNode = heading;
    let next = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (heading.contains(node) || !node.textContent.trim() || !visible(node.parentElement)) continue;
      next = node;
      break;
    }
    const nextHeading = next && next.parentElement.closest("h1, h2, h3, h4, h5, h6");
    if (!next || (nextHeading && level(nextHeading) <= level(heading))) problems.push(`empty heading: ${heading.innerText}`);
  }
  return problems;
}"""


def _look(page: Page, name: str, full_page: bool = True) -> list[str]:
    """Screenshot the page into tests/artifacts/screens/NAME.png and list what a person would see wrong."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    if full_page:
        page.evaluate("window.scrollTo(0, 0)")  # a full-page shot from the top keeps the sticky header at the top
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=full_page)
    return [f"{name}: {p}" for p in page.locator("body").evaluate(VISIBLE_PROBLEMS)]


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_visual_check_of_every_view(browser: Browser, server: str, width: int, height: int) -> None:
    """Screenshots of the main views for a person to look at, failing on anything visibly broken."""
    problems: list[str] = []
    with _ui(browser, server, width, height) as ui:
        page = ui.open()
        problems += _look(page, f"{width}-chat-empty")
        _ask(page, "河南申报材料怎么提交？")
        _, message = _ask(page, HENAN_PLATFORM_Q)
        problems += _look(page, f"{width}-chat", full_page=False)
        problems += _look(page, f"{width}-chat-full")
        message.get_by_test_id("cite-link").first.click()
        expect(page.locator("mark[data-testid=cited-span]")).to_be_in_viewport()
        problems += _look(page, f"{width}-chat-citation", full_page=False)
        page.get_by_test_id("notice-panel-close").click()

        page = ui.open("deadlines")
        problems += _look(page, f"{width}-deadlines")

        page = ui.open("eligibility")
        page.get_by_test_id("elig-field-applicant_type").select_option("enterprise")
        page.get_by_test_id("elig-field-registered_province").fill("河南省")
        page.get_by_test_id("elig-field-established_on").fill("2019-05-01")
        page.get_by_test_id("elig-submit").click()
        expect(page.get_by_test_id("elig-notice-result")).to_have_count(4)
        problems += _look(page, f"{width}-eligibility")

        page = ui.open("draft")
        page.get_by_test_id("draft-notice").select_option("henan-2020")
        page.get_by_test_id("draft-generate").click()
        expect(page.get_by_test_id("draft-section").first).to_be_visible()
        problems += _look(page, f"{width}-draft")

        page = ui.open("helpdesk")
        for question, name in ((HENAN_PLATFORM_Q, "hotline"), ("上海的服务型制造示范怎么申报？", "hotline-abstained")):
            page.get_by_test_id("help-input").fill(question)
            with page.expect_response(lambda r: r.url.endswith("/api/chat")):
                page.get_by_test_id("help-submit").click()
            expect(page.get_by_test_id("help-result")).to_be_visible()
            problems += _look(page, f"{width}-{name}")
        ui.assert_no_errors()
    assert not problems, "\n".join(problems)


def test_staff_import_review_and_delete_a_notice(ui: Ui, tmp_path: Path) -> None:
    from server_process import ADMIN_TOKEN

    source = tmp_path / "binjiang.txt"
    source.write_text(
        "关于开展2025年度成都市服务型制造示范遴选工作的通知\n\n各县（市、区）经信局：\n\n"
        "一、申报条件\n\n申报企业应在成都市内注册，服务收入占营业收入比重达25%以上。\n\n"
        "请于2025年6月30日前报送申报材料。\n\n成都市经济和信息化局\n2025年5月6日\n", encoding="utf-8")
    page = ui.open("helpdesk")
    page.locator("[data-testid=admin-import] summary").click()
    page.get_by_test_id("admin-token").fill(ADMIN_TOKEN)
    page.get_by_test_id("admin-file").set_input_files(str(source))
    page.get_by_test_id("admin-id").fill("chengdu-2025")
    page.get_by_test_id("admin-upload").click()
    meta = page.get_by_test_id("admin-meta")
    expect(meta).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("admin-status")).to_contain_text("已导入“chengdu-2025”")
    assert meta.locator("[name=region]").input_value() == "四川省成都市"
    meta.locator("[name=title]").fill("成都市2025年服务型制造示范遴选通知")
    page.get_by_test_id("admin-save").click()
    expect(page.get_by_test_id("admin-status")).to_contain_text("已保存")
    assert _post_json(f"{ui.base}/api/chat", {"message": "成都2025年的示范，服务收入占比要多少？"})["notices"] == ["chengdu-2025"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("admin-delete").click()
    expect(page.get_by_test_id("admin-status")).to_contain_text("已删除")
    # a wrong token is refused with the API's Chinese message
    page.get_by_test_id("admin-token").fill("wrong")
    page.get_by_test_id("admin-upload").click()
    expect(page.get_by_test_id("admin-error")).to_contain_text("管理令牌")
    ui.assert_no_errors(lambda e: "401" in e)

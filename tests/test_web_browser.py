"""The web page in a real browser (Chromium via Playwright) against a real `shenbao serve` process.

The server runs on an index built with the fake embedder (fast), clock fixed at 2026-11-22. These tests
never skip: a missing Playwright package or /usr/bin/chromium is a failure with a clear message."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
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


@pytest.fixture
def ui(browser: Browser, server: str) -> Iterator[Ui]:
    context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    state = Ui(page, server)
    page.on("console", lambda msg: state.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: state.errors.append(f"uncaught: {exc}"))
    try:
        yield state
    finally:
        context.close()


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
    expect(message.get_by_test_id("route-badge")).to_have_text("问答")
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
    profile = {"applicant_type": "enterprise", "registered_province": "河南省", "registered_city": "郑州市",
               "established_on": "2019-05-01"}
    expected = _post_json(f"{ui.base}/api/eligibility", {"notice_id": "henan-2020", "profile": profile})
    failing = next(r for r in expected["rules"] if r["status"] == "fail")

    page.get_by_test_id("elig-notice").select_option("henan-2020")
    page.get_by_test_id("elig-field-applicant_type").select_option("enterprise")
    page.get_by_test_id("elig-field-registered_province").fill("河南省")
    page.get_by_test_id("elig-field-registered_city").fill("郑州市")
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
    assert result.get_by_test_id("elig-rule").count() == len(expected["rules"])
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

    # 全部通知: one verdict per notice with rules, ranked.
    page.get_by_test_id("elig-notice").select_option("")
    page.get_by_test_id("elig-submit").click()
    expect(result.get_by_test_id("elig-ranking").locator("tbody tr")).to_have_count(4)
    expect(result.get_by_test_id("elig-notice-result")).to_have_count(4)
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

    page.get_by_test_id("help-copy").click()
    expect(page.get_by_test_id("help-copy-status")).to_have_text("已复制到剪贴板")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == reply.text_content()
    assert quote in copied and HENAN_PHONE in copied
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

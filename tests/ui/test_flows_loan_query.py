"""住房公积金贷款信息查询 through the real window: three views, paging, printing, the combined-loan note."""

from __future__ import annotations

from kiosk.services.session_flow import Screen


def test_main_borrower_pages_through_a_thirty_year_plan_and_prints_it(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("hf_loan_query", "loan")
    kiosk.login_card(personas["loan_borrower"])
    kiosk.wizard_ready()
    kiosk.next()
    assert kiosk.step_key() == "basic"
    texts = " ".join(kiosk.visible_texts())
    assert "600,000.00 元" in texts and "已还期数：69 / 360 期" in texts and "等额本息" in texts
    kiosk.next()
    paged = kiosk.window.wizard.paged
    size = paged.page_size  # as many rows as the screen holds
    assert size >= 12  # at 1920×1080 at least a year of instalments a page
    assert paged.pages == -(-360 // size) and paged.page == 69 // size  # opens at the next instalment due (period 70)
    first = 69 // size * size + 1
    assert [r[0] for r in paged.visible_rows()] == [str(n) for n in range(first, first + size)]
    for _ in range(paged.pages):
        if paged.next.isEnabled():
            kiosk.tap_widget(paged.next)
    assert paged.visible_rows()[-1][0] == "360" and paged.visible_rows()[-1][-1] == "0.00"
    assert not paged.next.isEnabled() and f"第 {paged.pages} / {paged.pages} 页" == paged.label.text()
    kiosk.tap("print_view")
    kiosk.settle()
    assert "已打印" in kiosk.message()
    pdfs = list(kiosk.config.paths.spool_dir.glob("*.pdf"))
    assert len(pdfs) == 1
    kiosk.next()
    assert kiosk.step_key() == "records"
    assert kiosk.window.wizard.paged.visible_rows()[0][0] == "69"  # newest first
    records = kiosk.window.wizard.paged
    late = []
    for _ in range(records.pages):
        late += [r[-1] for r in records.visible_rows() if r[-1] != "按期"]
        if records.next.isEnabled():
            kiosk.tap_widget(records.next)
    assert late == ["逾期 12 天"]  # period 30 was paid late
    assert kiosk.button("next").text() == "完成"
    kiosk.tap("next")
    kiosk.wait_screen(Screen.HOME)
    assert kiosk.window.state.person is None


def test_combined_loan_shows_the_bank_note(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("hf_loan_query", "loan")
    kiosk.login_card(personas["combined_borrower"])
    kiosk.wizard_ready()
    kiosk.next()
    assert "商业贷款信息请至贷款银行客户端查询" in " ".join(kiosk.visible_texts())


def test_co_borrower_is_sent_to_the_main_borrower(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("hf_loan_query", "loan")
    kiosk.login_card(personas["co_borrower"])
    kiosk.wait_screen(Screen.RESULT)
    assert "仅限主借款人" in kiosk.window.result.headline.text()

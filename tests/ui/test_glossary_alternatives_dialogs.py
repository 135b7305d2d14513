"""The glossary dialog adds, removes, imports and exports terms through the app service and says what went
wrong in one sentence; the alternatives dialog lists the n best translations and hands back the chosen one."""

from __future__ import annotations

from pathlib import Path

from reader.app import glossary
from reader.core.translate.engine import Alternative
from reader.core.types import Term


def test_glossary_dialog_add_remove_import_export(qtbot, library, tmp_path: Path) -> None:
    from reader.ui.dialogs.glossary import GlossaryDialog

    dlg = GlossaryDialog(language="fa")
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.changed):
        dlg.source.setText("کیم جونگ اون")
        dlg.english.setText("Kim Jong Un")
        dlg.add_button.click()
    assert glossary.terms() == [Term("کیم جونگ اون", "Kim Jong Un", "fa")]
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 2).text() == "Kim Jong Un"

    dlg.source.setText("سپاه")
    dlg.add_button.click()  # no English
    assert "needs its English" in dlg.message.text() and len(glossary.terms()) == 1

    out = tmp_path / "g.tbx"
    dlg.export_path(str(out))
    assert "Wrote 1 terms" in dlg.message.text() and "Kim Jong Un" in out.read_text(encoding="utf-8")
    dlg.table.selectRow(0)
    with qtbot.waitSignal(dlg.changed):
        dlg.remove_selected()
    assert glossary.terms() == [] and dlg.table.rowCount() == 0
    with qtbot.waitSignal(dlg.changed):
        dlg.import_path(str(out))
    assert dlg.table.rowCount() == 1 and "Imported 1 new" in dlg.message.text()
    (tmp_path / "bad.tbx").write_text("<tbx>", encoding="utf-8")
    dlg.import_path(str(tmp_path / "bad.tbx"))
    assert "not a well-formed TBX" in dlg.message.text()


def test_alternatives_dialog_lists_and_returns_the_choice(qtbot) -> None:
    from reader.ui.dialogs.alternatives import AlternativesDialog

    dlg = AlternativesDialog("دولت توافق را تمدید کرد.", "The government extended the deal.")
    qtbot.addWidget(dlg)
    assert not dlg.use.isEnabled()
    dlg.set_alternatives([Alternative("The government extended the deal.", -0.2, 6),
                          Alternative("The government renewed the agreement.", -0.5, 7)])
    assert dlg.list.count() == 2 and "(current)" in dlg.list.item(0).text() and "confidence 82%" in dlg.list.item(0).text()
    dlg.list.setCurrentRow(1)
    with qtbot.waitSignal(dlg.chosen) as got:
        dlg.use.click()
    assert got.args == ["The government renewed the agreement."]

"""Qt-free core: text pipeline, translation, entities, export. Never imports PySide6."""

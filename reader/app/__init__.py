"""Application services: each user action (import, translate, tag, annotate, export, batch) as a function that
orchestrates reader.core (pure logic) and reader.store (persistence). The UI and the CLI call these; this package
never imports Qt, the UI or the CLI.
"""

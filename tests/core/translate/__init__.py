"""Tests of reader.core.translate."""

"""Test support shared by the whole suite: builders for small but real translation models (testmodels)."""

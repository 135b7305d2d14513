"""Tarjoman: read Persian and Arabic news side by side with an offline English translation."""

__version__ = "0.1.0"
APP_NAME = "Tarjoman"
APP_ID = "org.tarjoman.Tarjoman"

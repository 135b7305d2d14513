"""Development tools of Tarjoman that are not part of the app (never imported by ``reader``, never bundled)."""

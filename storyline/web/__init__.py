"""The web app and JSON API (layer 6): server-rendered pages, each with a JSON twin, over the store.

``storyline.web.app.create_app(settings)`` builds the ASGI app; ``storyline serve`` runs it.
Modules: ``app`` (wiring, security headers, error shape), ``routes_*`` (HTTP surface), ``views``
(the data of each page), ``digests`` (story digests and their cache), ``queries`` (listing SQL),
``render``/``templates`` (HTML), ``timeline_svg``, ``highlight``, ``i18n``, ``envelope``.
"""

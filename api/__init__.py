"""Shenbao's HTTP API: a thin FastAPI layer over the `assistant` library (see `api.app.create_app`)."""

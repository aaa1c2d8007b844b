"""The REST API and the dashboard: a FastAPI app over the store's queries (see app.create_app)."""

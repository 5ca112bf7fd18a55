"""The analyst's workbench: a FastAPI app over the corpus store (pages here; the API in branch i12api)."""

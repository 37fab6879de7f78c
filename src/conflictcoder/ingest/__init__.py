"""Ingestion from the web: fetching article pages and polling RSS/Atom feeds."""

"""Tests of the kit as a JupyterLite site (make test-lite)."""

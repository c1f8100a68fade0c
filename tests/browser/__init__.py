"""Real-browser tests of the kit (JupyterLab and Voilà): see conftest.py. A package, so that its
conftest and helpers do not clash with tests/conftest.py under pytest's default import mode."""

# The notebooks' paired .py files (jupytext) are notebook text, not modules: pytest's
# doctest collector must not import (and so run) them. nbval tests the .ipynb files.
collect_ignore_glob = ["notebooks/*.py", "exercises/*.py", "exercises/**/*.py", "tools/*.py", "benchmarks/*.py"]

# Each case file in datasets/duty_cases/ is a test of the duty engine (r2pkit.duties).
pytest_plugins = ["r2pkit.duties.pytest_cases"]

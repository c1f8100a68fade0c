# The notebooks' paired .py files (jupytext) are notebook text, not modules: pytest's
# doctest collector must not import (and so run) them. nbval tests the .ipynb files.
collect_ignore_glob = ["notebooks/*.py", "exercises/*.py", "exercises/**/*.py", "tools/*.py", "benchmarks/*.py"]

# Each case file in datasets/duty_cases/ is a test of the duty engine (r2pkit.duties); each claim in
# datasets/claims/ is a test of the data against a source's claim (r2pkit.claims).
pytest_plugins = ["r2pkit.duties.pytest_cases", "r2pkit.claims_pytest"]


# The kit caches drawn charts and the fingerprints of validated datasets in the user's cache
# folder. A test run starts from an empty cache of its own, so it takes the cold path a fresh
# machine takes and never depends on (or changes) the caches of the person running it. The
# notebooks' kernels inherit the variable.
import os as _os
import tempfile as _tempfile

_os.environ.setdefault("R2PKIT_CACHE_DIR", _tempfile.mkdtemp(prefix="r2pkit-test-cache-"))

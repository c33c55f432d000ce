"""Text kept as Python strings in netanalysis' tables, whatever pandas' default string storage.

With pyarrow installed, pandas 3 stores ``str`` columns in Arrow. Every value then has to come
back to Python to be keyed, merged, scored and printed: reading, merging and reporting 30,000
contacts took 1.3-1.7x longer (benchmarks/README.md). The columns still print as ``str``.
"""

import functools

import numpy as np
import pandas as pd

#: The dtype of the text columns netanalysis builds: pandas' ``str``, stored as Python strings.
TEXT_DTYPE = pd.StringDtype("python", na_value=np.nan)


def python_strings(func):
    """Run ``func`` with the ``str`` columns pandas infers stored as Python strings, not Arrow."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        with pd.option_context("mode.string_storage", "python"):
            return func(*args, **kwargs)

    return run

"""One fixed seed, split into named streams, so each part of the sample draws its own numbers.

A separate stream per part means changing how (say) populations are drawn never shifts the
boundaries or the deprivation ranks: the rest of the sample stays byte-identical.
"""

from __future__ import annotations

import zlib

import numpy as np

SAMPLE_SEED = 20_160_401


def random_stream(part: str) -> np.random.Generator:
    """A generator for one named part of the sample, the same on every run."""
    return np.random.default_rng([SAMPLE_SEED, zlib.crc32(part.encode("utf-8"))])

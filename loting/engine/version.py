"""Engine version, recorded in every verification bundle.

Bump the major version whenever the same inputs and seed could give another outcome
(RNG spec, canonical ordering, algorithm or tolerances).
"""

ENGINE_VERSION = "3.0.0"
BUNDLE_FORMAT = "gronings-loting-bundle/1"

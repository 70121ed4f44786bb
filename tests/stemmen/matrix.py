from tests.permission_matrix import Case, everyone

CASES = [
    Case("stemmen:index", everyone()),
]

from tests.stemmen.matrix_stemming import CASES as STEMMING_CASES  # noqa: E402

CASES = CASES + STEMMING_CASES

from tests.permission_matrix import Case, everyone

CASES = [
    Case("stemmen:index", everyone()),
]

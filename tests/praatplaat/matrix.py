from tests.permission_matrix import Case, everyone

CASES = [
    Case("praatplaat:index", everyone()),
]

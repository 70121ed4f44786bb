from tests.permission_matrix import Case, everyone

CASES = [
    Case("loting:index", everyone()),
]

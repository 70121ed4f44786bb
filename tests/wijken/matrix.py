from tests.permission_matrix import Case, everyone

CASES = [
    Case("wijken:lijst", everyone()),
    Case("wijken:detail", everyone(), kwargs=lambda ctx: {"slug": ctx["wijk"].slug}),
]

from tests.permission_matrix import Case, everyone, only, signed_in

CASES = [
    Case("home", everyone()),
    Case("health", everyone()),
    Case("wijk_kiezen", everyone(302)),
    Case("status", only(["beheerder"])),
    Case("status_ping", only(["beheerder"]), kwargs=lambda ctx: {"pk": ctx["ping"].pk}),
    Case("mijn_gegevens", signed_in()),
    Case("mijn_gegevens_verwijderen", signed_in()),
]


def setup(ctx):
    from groningenmodel.models import WorkerPing

    ctx["ping"] = WorkerPing.objects.create()

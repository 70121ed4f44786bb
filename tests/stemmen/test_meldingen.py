"""E-mail notifications: idea screened, comment on my idea, phase change; per-user
settings; sent by Celery tasks after the commit, never twice."""

from __future__ import annotations

import time

import pytest
from django.core import mail

from stemmen import meldingen, services
from stemmen.models import Criterium, Fase, VerzondenBericht
from tests.stemmen.factories import make_idee, make_ronde

ALLES_JA = dict.fromkeys(Criterium.values, ("ja", ""))


@pytest.mark.django_db
def test_screened_mail_reaches_initiator_once_and_respects_settings(
    wijk, roles, django_capture_on_commit_callbacks
):
    ronde = make_ronde(wijk, Fase.BEOORDELEN)
    idee = make_idee(ronde, roles["bewoner"])
    with django_capture_on_commit_callbacks() as callbacks:
        services.idee_beoordelen(
            idee=idee,
            actor=roles["gebiedsteam"],
            besluit="niet_stembaar",
            reden="Geen draagvlak.",
            oordelen=ALLES_JA,
        )
    assert len(callbacks) == 1  # the task is enqueued only after the commit
    assert meldingen.idee_beoordeeld(idee.pk) == 1
    assert meldingen.idee_beoordeeld(idee.pk) == 0  # a retried task sends nothing
    (m,) = mail.outbox
    assert m.to == [roles["bewoner"].email]
    assert "Geen draagvlak." in m.body and f"/stemmen/idee/{idee.pk}/" in m.body

    services.meldingsinstelling_opslaan(
        user=roles["bewoner"], idee_beoordeeld=False, reactie_op_idee=True, fase_wijziging=True
    )
    idee.refresh_from_db()
    services.idee_beoordelen(
        idee=idee,
        actor=roles["gebiedsteam"],
        besluit="stembaar",
        reden="Toch wel.",
        oordelen=ALLES_JA,
    )
    assert meldingen.idee_beoordeeld(idee.pk) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_comment_and_phase_mails(wijk, roles, make_user):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = make_idee(ronde, roles["bewoner"])
    buur = make_user("bewoner", wijk=wijk)
    r = services.reactie_plaatsen(idee=idee, user=buur, tekst="Ik help mee!")
    assert meldingen.reactie_op_idee(r.pk) == 1
    assert "Ik help mee!" in mail.outbox[-1].body and mail.outbox[-1].to == [roles["bewoner"].email]
    own = services.reactie_plaatsen(idee=idee, user=roles["bewoner"], tekst="Dank")
    assert meldingen.reactie_op_idee(own.pk) == 0  # no mail about your own comment

    services.meldingsinstelling_opslaan(
        user=buur, idee_beoordeeld=True, reactie_op_idee=True, fase_wijziging=False
    )
    mail.outbox.clear()
    services.ronde_fase_volgende(ronde=ronde, actor=roles["gebiedsteam"])
    sent = meldingen.fase_wijziging(ronde.pk, Fase.BEOORDELEN)
    to = {m.to[0] for m in mail.outbox}
    assert roles["bewoner"].email in to and buur.email not in to
    assert roles["bewoner_elders"].email not in to  # another wijk
    assert sent == len(mail.outbox) >= 1
    assert meldingen.fase_wijziging(ronde.pk, Fase.BEOORDELEN) == 0


@pytest.mark.django_db
def test_settings_page(client, roles):
    client.force_login(roles["bewoner"])
    r = client.post("/stemmen/instellingen/", {"idee_beoordeeld": "on"})
    assert r.status_code == 302
    inst = roles["bewoner"].stemmen_instelling
    assert inst.idee_beoordeeld and not inst.reactie_op_idee and not inst.fase_wijziging


@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_the_screening_mail_after_commit(celery_worker, wijk, roles):
    ronde = make_ronde(wijk, Fase.BEOORDELEN)
    idee = make_idee(ronde, roles["bewoner"])
    services.idee_beoordelen(
        idee=idee, actor=roles["gebiedsteam"], besluit="stembaar", reden="Prima.", oordelen=ALLES_JA
    )
    deadline = time.time() + 60
    while (
        time.time() < deadline
        and not VerzondenBericht.objects.filter(user=roles["bewoner"]).exists()
    ):
        time.sleep(0.3)
    sent = VerzondenBericht.objects.get(user=roles["bewoner"])
    assert sent.sleutel.startswith(f"beoordeeld:{idee.pk}:")

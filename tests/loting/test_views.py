from __future__ import annotations

import pytest
from django.urls import reverse

from loting.models import Loting, Zetel
from tests.loting.factories import drawn_loting, selected_loting

pytestmark = pytest.mark.django_db


def test_public_pages_show_counts_never_addresses(wijk, client, django_assert_max_num_queries):
    loting = selected_loting(wijk)
    adres = str(loting.uitnodigingen.filter(adres__isnull=False).first().adres)
    with django_assert_max_num_queries(20):
        r = client.get(reverse("loting:detail", kwargs={"pk": loting.pk}))
    body = r.content.decode()
    assert loting.seed_commitment in body
    assert "test-seed" not in body  # not revealed yet
    assert adres not in body
    assert (
        client.get(
            reverse("loting:bundel", kwargs={"pk": loting.pk, "soort": "selectie"})
        ).status_code
        == 404
    )
    with django_assert_max_num_queries(12):
        r = client.get(reverse("loting:index"))
    assert loting.titel in r.content.decode()
    r = client.get(reverse("loting:orgaan", kwargs={"pk": loting.orgaan_id}))
    assert r.content.decode().count("Bewonerslid") == 3


def test_wijk_page_has_the_loting_section(wijk, client):
    selected_loting(wijk)
    r = client.get(reverse("wijken:detail", kwargs={"slug": wijk.slug}))
    assert 'id="loting-kop"' in r.content.decode()


def test_staff_answers_list_query_count(wijk, make_user, client, django_assert_max_num_queries):
    loting = drawn_loting(wijk, uitnodigingen=20)
    client.force_login(make_user("gebiedsteam", stadsdeel=wijk.stadsdeel))
    with django_assert_max_num_queries(20):
        r = client.get(reverse("loting:antwoorden", kwargs={"pk": loting.pk}))
    assert r.status_code == 200
    assert r.content.decode().count("Antwoord invoeren") == 20
    with django_assert_max_num_queries(25):
        assert client.get(reverse("loting:wizard", kwargs={"pk": loting.pk})).status_code == 200


def test_progress_partial_polls_until_done_then_refreshes(wijk, make_user, client):
    loting = drawn_loting(wijk)
    client.force_login(make_user("gebiedsteam", stadsdeel=wijk.stadsdeel))
    url = reverse("loting:voortgang", kwargs={"pk": loting.pk})
    Loting.objects.filter(pk=loting.pk).update(taak="bezig", voortgang=40)
    r = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in r.content.decode() and "HX-Refresh" not in r
    Loting.objects.filter(pk=loting.pk).update(taak="klaar", voortgang=100)
    r = client.get(url, HTTP_HX_REQUEST="true")
    assert r["HX-Refresh"] == "true" and "every 1s" not in r.content.decode()


def test_staff_of_another_district_cannot_end_a_seat(wijk, other_wijk, make_user, client):
    loting = selected_loting(wijk)
    zetel = Zetel.objects.filter(loting=loting).first()
    client.force_login(make_user("gebiedsteam", stadsdeel=other_wijk.stadsdeel))
    r = client.post(
        reverse("loting:zetel_beeindigen", kwargs={"pk": zetel.pk}), {"status": "afgezegd"}
    )
    assert r.status_code == 403
    zetel.refresh_from_db()
    assert zetel.status == "actief"

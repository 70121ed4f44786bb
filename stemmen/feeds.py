"""Atom feed per wijk: new ideas, screening outcomes and progress of its idea rounds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wijken.models import Wijk

from .markup import render_markdown
from .models import Fase, Idee


class WijkFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: Any, slug: str) -> Wijk:  # type: ignore[override]
        return get_object_or_404(Wijk, slug=slug)

    def title(self, obj: Wijk) -> str:
        return _("Ideas in %(wijk)s") % {"wijk": obj.naam}

    def link(self, obj: Wijk) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Wijk) -> str:
        return _("New ideas and what happened to them, in the idea rounds of %(wijk)s.") % {
            "wijk": obj.naam
        }

    def items(self, obj: Wijk) -> Any:
        return (
            Idee.objects.filter(ronde__wijk=obj)
            .exclude(ronde__fase=Fase.CONCEPT)
            .select_related("ronde")
            .order_by("-bijgewerkt")[:50]
        )

    def item_title(self, item: Idee) -> str:
        return f"{item.titel} · {item.get_status_display()}"

    def item_description(self, item: Idee) -> str:
        return str(render_markdown(item.beschrijving))

    def item_link(self, item: Idee) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Idee) -> datetime:
        return item.ingediend_op

    def item_updateddate(self, item: Idee) -> datetime:
        return item.bijgewerkt

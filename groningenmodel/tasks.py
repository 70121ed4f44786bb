from __future__ import annotations

import socket

from celery import shared_task
from django.utils import timezone

from .models import WorkerPing


@shared_task(name="core.ping")
def ping(ping_id: int) -> str:
    """Answer a status-page ping: proves a worker took a message off the broker."""
    worker = f"{socket.gethostname()}"
    WorkerPing.objects.filter(pk=ping_id, answered__isnull=True).update(
        answered=timezone.now(), worker=worker
    )
    return worker


@shared_task(name="core.add")
def add(x: int, y: int) -> int:
    return x + y

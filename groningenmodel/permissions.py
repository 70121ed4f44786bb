"""One permission helper for every view.

Roles:
- *bewoner*: a user with a (verified) address in a wijk (``wijken.Bewoner``);
- *gebiedsteam*: member of the gebiedsteam of one or more stadsdelen; acts only in
  the wijken of those stadsdelen;
- *raadslid*: ``User.is_raadslid``;
- *beheerder*: superuser; may do everything.

Apps register named rules with :func:`rule`; views use :func:`permission_required`
(function views) or :class:`PermissionRequiredMixin`. A rule takes ``(user, obj)`` and
returns a bool. Anonymous users who fail a rule are sent to the login page; signed-in
users who fail get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import TextChoices
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

Rule = Callable[[Any, Any], bool]
_RULES: dict[str, Rule] = {}


class Rol(TextChoices):
    BEWONER = "bewoner", _("resident")
    GEBIEDSTEAM = "gebiedsteam", _("area team")
    RAADSLID = "raadslid", _("council member")
    BEHEERDER = "beheerder", _("administrator")


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a named permission rule."""

    def register(fn: Rule) -> Rule:
        if name in _RULES and _RULES[name] is not fn:
            raise ValueError(f"permission rule {name!r} registered twice")
        _RULES[name] = fn
        return fn

    return register


def registered_rules() -> dict[str, Rule]:
    return dict(_RULES)


def can(user: Any, name: str, obj: Any = None) -> bool:
    try:
        check = _RULES[name]
    except KeyError:
        raise KeyError(f"unknown permission rule {name!r}") from None
    if user is None or not getattr(user, "is_active", False):
        return bool(check(user, obj)) if name in _PUBLIC_RULES else False
    if getattr(user, "is_superuser", False):
        return True
    return bool(check(user, obj))


_PUBLIC_RULES: set[str] = set()


def public_rule(name: str) -> Callable[[Rule], Rule]:
    """Register a rule that anonymous visitors may pass (it decides itself)."""
    _PUBLIC_RULES.add(name)
    return rule(name)


# --- role predicates -------------------------------------------------------------


def is_authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_beheerder(user: Any) -> bool:
    return is_authenticated(user) and bool(user.is_superuser)


def is_raadslid(user: Any) -> bool:
    return is_authenticated(user) and bool(user.is_raadslid)


def gebiedsteam_stadsdeel_ids(user: Any) -> frozenset[int]:
    """The stadsdelen whose gebiedsteam this user belongs to (cached per request)."""
    if not is_authenticated(user):
        return frozenset()
    cached = getattr(user, "_gebiedsteam_ids", None)
    if cached is None:
        cached = frozenset(user.gebiedsteam_stadsdelen.values_list("id", flat=True))
        user._gebiedsteam_ids = cached
    return cached


def is_gebiedsteam(user: Any, stadsdeel_id: int | None = None) -> bool:
    ids = gebiedsteam_stadsdeel_ids(user)
    if stadsdeel_id is None:
        return bool(ids)
    return stadsdeel_id in ids


def bewoner_wijk_id(user: Any) -> int | None:
    """The wijk of the user's verified address, or None."""
    if not is_authenticated(user):
        return None
    cached = getattr(user, "_bewoner_wijk_id", False)
    if cached is False:
        from wijken.models import Bewoner

        cached = (
            Bewoner.objects.filter(user=user, geverifieerd=True)
            .values_list("adres__straat__buurt__wijk_id", flat=True)
            .first()
        )
        user._bewoner_wijk_id = cached
    return cached


def is_bewoner(user: Any, wijk_id: int | None = None) -> bool:
    found = bewoner_wijk_id(user)
    if wijk_id is None:
        return found is not None
    return found == wijk_id


def rollen(user: Any) -> list[Rol]:
    out = []
    if is_bewoner(user):
        out.append(Rol.BEWONER)
    if is_gebiedsteam(user):
        out.append(Rol.GEBIEDSTEAM)
    if is_raadslid(user):
        out.append(Rol.RAADSLID)
    if is_beheerder(user):
        out.append(Rol.BEHEERDER)
    return out


def needs_mfa(user: Any) -> bool:
    """Staff roles (gebiedsteam, raadslid, beheerder) must use two-factor login."""
    return is_beheerder(user) or is_raadslid(user) or is_gebiedsteam(user)


def staff_of_wijk(user: Any, wijk: Any) -> bool:
    """Gebiedsteam of the wijk's stadsdeel (or beheerder)."""
    if is_beheerder(user):
        return True
    return wijk is not None and is_gebiedsteam(user, wijk.stadsdeel_id)


# --- view helpers ------------------------------------------------------------------

ObjectGetter = Callable[..., Any]


def check(request: HttpRequest, name: str, obj: Any = None) -> None:
    """Raise (or redirect) unless the request's user passes rule ``name``."""
    if can(request.user, name, obj):
        return
    if not request.user.is_authenticated:
        raise _LoginRequired()
    raise PermissionDenied


class _LoginRequired(Exception):
    pass


def permission_required(
    name: str, get_object: ObjectGetter | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a function view; ``get_object(request, **kwargs)`` gives the object
    the rule is checked against. The object is passed to the view as ``obj``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = get_object(request, **kwargs) if get_object else None
            try:
                check(request, name, obj)
            except _LoginRequired:
                return redirect_to_login(request.get_full_path())
            if get_object:
                kwargs["obj"] = obj
            return view(request, *args, **kwargs)

        wrapped.permission_rule = name  # type: ignore[attr-defined]
        return wrapped

    return decorator


class PermissionRequiredMixin:
    """For class-based views: set ``permission_rule``; override ``get_permission_object``."""

    permission_rule: str = ""

    def get_permission_object(self) -> Any:
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        self.args = args
        self.kwargs = kwargs
        try:
            check(request, self.permission_rule, self.get_permission_object())
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


# --- rules of the core ---------------------------------------------------------------


@rule("core.view_status")
def _view_status(user: Any, obj: Any) -> bool:
    return is_beheerder(user)


@rule("core.view_audit")
def _view_audit(user: Any, obj: Any) -> bool:
    return is_beheerder(user)


@rule("core.view_own_data")
def _view_own_data(user: Any, obj: Any) -> bool:
    return is_authenticated(user)

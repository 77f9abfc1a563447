"""ElastiCache ModifyUser, which moto 5.2 lacks: the Redis driver restores a user's access string
and authentication mode with it."""

from typing import Any

from moto.core.responses import ActionResult
from moto.elasticache.exceptions import InvalidParameterCombinationException, InvalidParameterValueException, UserNotFound

from .elasticache import GamectlElastiCacheBackend, GamectlElastiCacheResponse

_AUTHENTICATION_TYPES = ("password", "no-password-required", "iam")


def modify_user(backend: GamectlElastiCacheBackend, user_id: str, params: dict[str, Any]) -> Any:
    user = backend.users.get(user_id or "")
    if user is None:
        raise UserNotFound(user_id)
    access_string = params.get("AccessString")
    append = params.get("AppendAccessString")
    passwords = params.get("Passwords") or []
    no_password = params.get("NoPasswordRequired")
    mode = params.get("AuthenticationMode") or {}
    if access_string is None and append is None and not passwords and no_password is None and not mode:
        raise InvalidParameterCombinationException("No modifications were requested.")
    if access_string is not None and append is not None:
        raise InvalidParameterCombinationException("AccessString and AppendAccessString cannot be specified together.")
    mode_type = mode.get("Type")
    if mode_type is not None and mode_type not in _AUTHENTICATION_TYPES:
        raise InvalidParameterValueException(f"Invalid AuthenticationMode Type: {mode_type}. Valid values: {', '.join(_AUTHENTICATION_TYPES)}")
    if mode_type == "iam" and user.name != user.id:
        raise InvalidParameterValueException("IAM authentication requires the user name to equal the user id.")
    if access_string is not None:
        user.access_string = access_string
    if append is not None:
        user.access_string = f"{user.access_string} {append}".strip()
    if passwords:
        user.passwords = list(passwords)
        user.no_password_required = False
        user.authentication_type = "password"
    if no_password is not None:
        user.no_password_required = str(no_password).lower() == "true"
        if user.no_password_required:
            user.passwords = []
    if mode_type is not None:
        if mode_type == "no-password-required":
            user.no_password_required = True
            user.passwords = []
        else:
            user.no_password_required = False
            user.authentication_type = mode_type
            user.passwords = list(mode.get("Passwords") or []) if mode_type == "password" else []
    return user


def _modify_user_response(self: GamectlElastiCacheResponse) -> ActionResult:
    params = dict(self._get_params())
    return ActionResult(modify_user(self.elasticache_backend, params.get("UserId", ""), params))


def install() -> None:
    GamectlElastiCacheResponse.modify_user = _modify_user_response  # type: ignore[attr-defined]

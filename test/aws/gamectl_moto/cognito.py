"""Cognito user pools as a game server meets them in AWS: sign-up, confirmation, sign-in, tokens and JWKS.

moto 5.2 allows or shares what AWS keeps apart or refuses:
- Every user pool signed its tokens with one key (kid "dummy") and served that key as every pool's
  JWKS, so a token of one pool verified against any other pool's keys. Here each pool has its own
  RSA key with its own kid, and `/<poolId>/.well-known/jwks.json` serves that pool's public keys
  (404 for a pool that does not exist).
- ConfirmSignUp confirmed a user whatever code was sent, and confirmed a confirmed user again. Here
  SignUp that delivers a code (the pool auto-verifies email or phone) keeps a six-digit code, readable
  at `GET /_gamectl/cognito/messages` as the mailbox a player would read; ConfirmSignUp answers
  `CodeMismatchException` for another code and `NotAuthorizedException` for a user already confirmed.
- InitiateAuth with USER_PASSWORD_AUTH signed in through any client; AWS refuses it
  (`InvalidParameterException`) unless the client's ExplicitAuthFlows allow it, and asks a client
  with a secret for SECRET_HASH (`NotAuthorizedException`).
- REFRESH_TOKEN_AUTH accepted a refresh token through any client of the pool, minting tokens for the
  client that had issued it; AWS binds a refresh token to its client (`NotAuthorizedException`).

What the controller's Cognito kinds need and moto 5.2 lacks or gets wrong:
- TagResource, UntagResource and ListTagsForResource on user pools (moto had none); the tags are the pool's
  UserPoolTags, as DescribeUserPool shows them, and an unknown pool is `ResourceNotFoundException`.
- UpdateUserPool rebuilt the pool's settings from the request alone, so it dropped what AWS keeps because
  UpdateUserPool cannot change it: the sign-in attributes (UsernameAttributes, AliasAttributes,
  UsernameConfiguration) and, when the request has none, the tags. It also ignored MfaConfiguration, which AWS applies.
- DeleteUserPool deleted a pool with DeletionProtection ACTIVE; AWS refuses with `InvalidParameterException`.
- The tagging API's GetResources lists user pools as `cognito-idp:userpool` (moto listed none).

Two test controls, like the launcher's faults: `POST /_gamectl/cognito/keys {"userPoolId"}` rotates a
pool's signing key (the JWKS then lists the new key first and keeps the old one, as Cognito does while
rotating), and `POST /_gamectl/cognito/clock {"offsetSeconds": -7200}` issues tokens as if that many
seconds later (negative: earlier), so a test obtains an expired token without waiting for it to expire.
"""

import base64
import json
import random
import threading
from typing import Any

from joserfc import jwk, jwt
from moto.cognitoidp import urls as cognitoidp_urls
from moto.cognitoidp.exceptions import CodeMismatchException, InvalidParameterException, NotAuthorizedError, ResourceNotFoundError
from moto.core.responses import ActionResult, EmptyResult
from moto.resourcegroupstaggingapi.models import ResourceGroupsTaggingAPIBackend
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool, RegionAgnosticBackend, UserStatus, cognitoidp_backends
from moto.cognitoidp.responses import CognitoIdpJsonWebKeyResponse, CognitoIdpResponse

_lock = threading.Lock()
# Codes "sent" at sign-up, oldest first: what a player would find in their mail.
_messages: list[dict[str, str]] = []
_clock = {"offsetSeconds": 0}


def reset() -> None:
    with _lock:
        _messages.clear()
        _clock["offsetSeconds"] = 0


def _new_key() -> Any:
    kid = base64.urlsafe_b64encode(random.randbytes(24)).decode("ascii").rstrip("=")
    return jwk.RSAKey.generate_key(2048, parameters={"kid": kid, "alg": "RS256", "use": "sig"}, private=True)


def _payload(token: str) -> dict[str, Any]:
    segment = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))  # type: ignore[no-any-return]


class GamectlUserPool(CognitoIdpUserPool):
    """A pool with its own signing keys, newest first. Made by GamectlCognitoBackend from moto's pool."""

    signing_keys: list[Any]

    def create_jwt(self, client_id: str, username: str, token_use: str, expires_in: int = 60 * 60, extra_data: dict[str, Any] | None = None) -> tuple[str, int]:
        # moto builds the claims (and signs them with its shared key); they are signed again with this pool's key.
        token, expires = super().create_jwt(client_id, username, token_use, expires_in, extra_data)
        claims = _payload(token)
        offset = _clock["offsetSeconds"]
        for claim in ("iat", "auth_time", "exp"):
            claims[claim] += offset
        key = self.signing_keys[0]
        return jwt.encode({"kid": key.kid, "alg": "RS256"}, claims, key), expires

    def public_jwks(self) -> dict[str, Any]:
        return {"keys": [{**key.as_dict(private=False), "alg": "RS256", "use": "sig"} for key in self.signing_keys]}


# What UpdateUserPool cannot change, so AWS keeps it whatever the request holds.
_set_at_creation = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")


class GamectlCognitoBackend(CognitoIdpBackend):
    @property
    def _url_module(self) -> Any:
        return cognitoidp_urls

    def create_user_pool(self, name: str, extended_config: dict[str, Any]) -> CognitoIdpUserPool:
        pool = super().create_user_pool(name, extended_config)
        pool.__class__ = GamectlUserPool
        pool.signing_keys = [_new_key()]  # type: ignore[attr-defined]
        return pool

    def update_user_pool(self, user_pool_id: str, extended_config: dict[str, Any]) -> None:
        pool = self.describe_user_pool(user_pool_id)
        kept = {key: pool.extended_config[key] for key in _set_at_creation if key in pool.extended_config}
        if "UserPoolTags" not in extended_config and "UserPoolTags" in pool.extended_config:
            kept["UserPoolTags"] = pool.extended_config["UserPoolTags"]
        super().update_user_pool(user_pool_id, {**extended_config, **kept})
        if extended_config.get("MfaConfiguration"):
            pool.mfa_config = extended_config["MfaConfiguration"]

    def delete_user_pool(self, user_pool_id: str) -> None:
        if self.describe_user_pool(user_pool_id).extended_config.get("DeletionProtection") == "ACTIVE":
            raise InvalidParameterException("The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.")
        super().delete_user_pool(user_pool_id)

    def pool_by_arn(self, arn: str) -> CognitoIdpUserPool:
        pool = next((p for p in self.user_pools.values() if p.arn == arn), None)
        if pool is None:
            raise ResourceNotFoundError(f"User pool {arn.split('/')[-1]} does not exist.")
        return pool

    def sign_up(self, client_id: str, username: str, password: str, attributes: list[dict[str, str]]) -> Any:
        user, details = super().sign_up(client_id, username, password, attributes)
        if details:
            code = f"{random.randrange(1_000_000):06d}"
            user.gamectl_confirmation_code = code
            with _lock:
                _messages.append({
                    "userPoolId": user.user_pool_id, "username": user.username, "signedUpAs": username,
                    "destination": str(details.get("Destination", "")), "code": code,
                })
        return user, details

    def initiate_auth(self, client_id: str, auth_flow: str, auth_parameters: dict[str, str]) -> dict[str, Any]:
        pool = next((p for p in self.user_pools.values() if client_id in p.clients), None)
        if pool is not None:
            client = pool.clients[client_id]
            if auth_flow == "USER_PASSWORD_AUTH":
                flows = client.extended_config.get("ExplicitAuthFlows") or []
                if "ALLOW_USER_PASSWORD_AUTH" not in flows and "USER_PASSWORD_AUTH" not in flows:
                    raise InvalidParameterException("USER_PASSWORD_AUTH flow not enabled for this client")
                if client.generate_secret and not (auth_parameters or {}).get("SECRET_HASH"):
                    raise NotAuthorizedError(f"Client {client_id} is configured with secret but SECRET_HASH was not received")
            if auth_flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
                issued = pool.refresh_tokens.get((auth_parameters or {}).get("REFRESH_TOKEN", ""))
                if issued is not None and issued[0] != client_id:
                    raise NotAuthorizedError("Invalid Refresh Token")
        return super().initiate_auth(client_id, auth_flow, auth_parameters)  # type: ignore[no-any-return]


class GamectlCognitoResponse(CognitoIdpResponse):
    def tag_resource(self) -> Any:
        pool = self.backend.pool_by_arn(self._get_param("ResourceArn"))
        pool.extended_config["UserPoolTags"] = {**(pool.extended_config.get("UserPoolTags") or {}), **(self._get_param("Tags") or {})}
        return EmptyResult()

    def untag_resource(self) -> Any:
        pool = self.backend.pool_by_arn(self._get_param("ResourceArn"))
        removed = set(self._get_param("TagKeys") or [])
        pool.extended_config["UserPoolTags"] = {k: v for k, v in (pool.extended_config.get("UserPoolTags") or {}).items() if k not in removed}
        return EmptyResult()

    def list_tags_for_resource(self) -> Any:
        pool = self.backend.pool_by_arn(self._get_param("ResourceArn"))
        return ActionResult({"Tags": dict(pool.extended_config.get("UserPoolTags") or {})})

    def confirm_sign_up(self) -> Any:
        client_id = self._get_param("ClientId")
        username = self._get_param("Username")
        backend = RegionAgnosticBackend(self.current_account, self.region)._find_backend_for_clientid(client_id)
        pool = next((p for p in backend.user_pools.values() if client_id in p.clients), None)
        user = pool._get_user(username) if pool is not None else None
        # An unknown client or user keeps moto's own answer (ResourceNotFound, UserNotFound).
        if user is not None:
            if user.status == UserStatus.CONFIRMED:
                raise NotAuthorizedError("User cannot be confirmed. Current status is CONFIRMED")
            expected = getattr(user, "gamectl_confirmation_code", None)
            if expected is None or self._get_param("ConfirmationCode") != expected:
                raise CodeMismatchException("Invalid verification code provided, please try again.")
        return super().confirm_sign_up()


def _pool(pool_id: str) -> GamectlUserPool | None:
    for account in cognitoidp_backends.values():
        for region, backend in account.items():
            if region != "global" and pool_id in backend.user_pools:
                pool = backend.user_pools[pool_id]
                return pool if isinstance(pool, GamectlUserPool) else None
    return None


def serve_json_web_key(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], bytes]:
    pool_id = full_url.split("?", 1)[0].rstrip("/").split("/")[-3]
    pool = _pool(pool_id)
    if pool is None:
        return 404, {"Content-Type": "application/json"}, json.dumps({"message": f"User pool {pool_id} does not exist."}).encode()
    return 200, {"Content-Type": "application/json"}, json.dumps(pool.public_jwks()).encode()


def admin_messages(method: str, _body: Any) -> Any:
    """`GET /_gamectl/cognito/messages`: the confirmation codes sign-ups were sent, oldest first."""
    if method != "GET":
        raise ValueError("use GET")
    with _lock:
        return list(_messages)


def admin_rotate_key(method: str, body: Any) -> Any:
    """`POST /_gamectl/cognito/keys {"userPoolId"}`: a new signing key for the pool; the old one stays in its JWKS."""
    if method != "POST" or not isinstance(body, dict) or not isinstance(body.get("userPoolId"), str):
        raise ValueError('use POST with {"userPoolId": "<pool id>"}')
    pool = _pool(body["userPoolId"])
    if pool is None:
        raise ValueError(f"no user pool {body['userPoolId']}")
    key = _new_key()
    pool.signing_keys.insert(0, key)
    return {"kid": key.kid, "kids": [k.kid for k in pool.signing_keys]}


def admin_clock(method: str, body: Any) -> Any:
    """`POST /_gamectl/cognito/clock {"offsetSeconds": N}`: tokens issued from now on carry iat/exp shifted by N."""
    if method == "GET":
        return dict(_clock)
    if method == "DELETE":
        _clock["offsetSeconds"] = 0
        return dict(_clock)
    if method != "POST" or not isinstance(body, dict) or not isinstance(body.get("offsetSeconds"), int):
        raise ValueError('use POST with {"offsetSeconds": <integer>}, GET or DELETE')
    _clock["offsetSeconds"] = body["offsetSeconds"]
    return dict(_clock)


# The generator installed before this module's (tagging.py's), chained so both extensions apply.
_original_tagged: Any = None


def _tagged_resources(self: Any, tag_filters: list[dict[str, Any]] | None = None, resource_type_filters: list[str] | None = None) -> Any:
    yield from _original_tagged(self, tag_filters=tag_filters, resource_type_filters=resource_type_filters)
    if resource_type_filters and not {"cognito-idp", "cognito-idp:userpool"} & set(resource_type_filters):
        return
    backend = cognitoidp_backends[self.account_id].get(self.region_name)
    for pool in list(backend.user_pools.values()) if backend is not None else []:
        tags = pool.extended_config.get("UserPoolTags") or {}
        # AWS: every filter must match; a filter without values matches the key alone.
        if tags and all(f["Key"] in tags and (not f.get("Values") or tags[f["Key"]] in f["Values"]) for f in tag_filters or []):
            yield {"ResourceARN": pool.arn, "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}


def install() -> None:
    global _original_tagged
    _original_tagged = ResourceGroupsTaggingAPIBackend._get_resources_generator
    ResourceGroupsTaggingAPIBackend._get_resources_generator = _tagged_resources  # type: ignore[method-assign]
    cognitoidp_backends.backend = GamectlCognitoBackend
    cognitoidp_urls.url_paths = {
        "{0}/$": GamectlCognitoResponse.dispatch,
        "{0}/(?P<user_pool_id>[^/]+)/.well-known/jwks.json$": serve_json_web_key,
    }
    # Nothing serves moto's shared key any more.
    CognitoIdpJsonWebKeyResponse.json_web_key = b'{"keys": []}'

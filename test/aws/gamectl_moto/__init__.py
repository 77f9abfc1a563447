"""gamectl's extensions to moto: extra ElastiCache operations, simulated asynchronous states,
fault injection and request recording, served by moto's own server on one port."""

from typing import Any

_installed = False


def install() -> None:
    """Swaps gamectl's backend and response subclasses into moto. Must run before the first request."""
    global _installed
    if _installed:
        return
    from . import cloudwatch, cognito, dynamodb, ec2, ecs, elasticache, elbv2, iam, tagging

    iam.install()
    elasticache.install()
    dynamodb.install()
    ec2.install()
    elbv2.install()
    cloudwatch.install()
    ecs.install()
    tagging.install()
    cognito.install()
    _installed = True


def build_app(enforce_iam: bool = False) -> Any:
    """moto's server app behind gamectl's admin routes; `enforce_iam` turns on IAM authentication and
    authorization for every AWS request (see iam.py; the keys come from GET /_gamectl/iam/bootstrap)."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from . import cognito, elasticache, iam
    from .admin import GamectlMiddleware

    install()
    if enforce_iam:
        iam.enable()
    return GamectlMiddleware(
        DomainDispatcherApplication(create_backend_app),
        extra_routes={
            "/elasticache/events": elasticache.admin_add_event,
            "/elasticache/endpoint": elasticache.admin_endpoint,
            "/iam/bootstrap": iam.bootstrap,
            "/iam/authorize": iam.authorize,
            "/cognito/messages": cognito.admin_messages,
            "/cognito/keys": cognito.admin_rotate_key,
            "/cognito/clock": cognito.admin_clock,
        },
        prefix_routes={
            "/ecs/credentials": _get_only(iam.ecs_credentials),
            "/iam/keys": _get_only(iam.key_secret),
        },
    )


def _get_only(handler: Any) -> Any:
    def route(method: str, name: str, _body: Any) -> tuple[int, Any]:
        if method != "GET":
            return 405, {"error": f"use GET; {method} is not allowed here"}
        return handler(name)  # type: ignore[no-any-return]

    return route

"""gamectl's extensions to moto: extra ElastiCache operations, simulated asynchronous states,
fault injection and request recording, served by moto's own server on one port."""

from typing import Any

_installed = False


def install() -> None:
    """Swaps gamectl's backend and response subclasses into moto. Must run before the first request."""
    global _installed
    if _installed:
        return
    from . import dynamodb, ec2, ecs, elasticache, elbv2, tagging

    elasticache.install()
    dynamodb.install()
    ec2.install()
    elbv2.install()
    ecs.install()
    tagging.install()
    _installed = True


def build_app() -> Any:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from . import elasticache
    from .admin import GamectlMiddleware

    install()
    return GamectlMiddleware(
        DomainDispatcherApplication(create_backend_app),
        extra_routes={"/elasticache/events": elasticache.admin_add_event},
    )

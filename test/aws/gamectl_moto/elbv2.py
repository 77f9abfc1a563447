"""ELBv2: names are unique, and creates are idempotent, as in AWS.

moto derives a load balancer's ARN from a random id, so a second CreateLoadBalancer with the
same name made a second balancer. AWS returns the existing balancer (or target group) when the
settings are the same (a listener likewise, per port), and `DuplicateLoadBalancerName` /
`DuplicateTargetGroupName` / `DuplicateListener` otherwise;
a controller retrying a create after a crash relies on exactly that.
"""

from typing import Any

from moto.elbv2 import urls as elbv2_urls
from moto.elbv2.exceptions import DuplicateListenerError, DuplicateLoadBalancerName, DuplicateTargetGroupName
from moto.elbv2.models import ELBv2Backend, FakeListener, FakeLoadBalancer, FakeTargetGroup, elbv2_backends


class GamectlELBv2Backend(ELBv2Backend):
    @property
    def _url_module(self) -> Any:
        return elbv2_urls

    def create_load_balancer(self, name: str, security_groups: list[str], subnet_ids: list[str], *args: Any, **kwargs: Any) -> FakeLoadBalancer:
        existing = next((lb for lb in self.load_balancers.values() if lb.name == name), None)
        if existing is None:
            return super().create_load_balancer(name, security_groups, subnet_ids, *args, **kwargs)
        scheme = kwargs.get("scheme") or "internet-facing"
        balancer_type = kwargs.get("loadbalancer_type") or "application"
        same = (
            existing.scheme == scheme
            and existing.type == balancer_type
            and sorted(subnet.id for subnet in existing.subnets) == sorted(subnet_ids or [s["SubnetId"] for s in kwargs.get("subnet_mappings") or []])
            and sorted(existing.security_groups or []) == sorted(security_groups or [])
        )
        if not same:
            raise DuplicateLoadBalancerName()
        return existing

    def create_target_group(self, name: str, **kwargs: Any) -> FakeTargetGroup:
        existing = next((tg for tg in self.target_groups.values() if tg.name == name), None)
        if existing is None:
            return super().create_target_group(name, **kwargs)
        port = kwargs.get("port")
        same = (
            (existing.protocol or None) == (kwargs.get("protocol") or existing.protocol)
            and str(existing.port) == str(port)
            and existing.vpc_id == kwargs.get("vpc_id")
            and (existing.target_type or "instance") == (kwargs.get("target_type") or "instance")
        )
        if not same:
            raise DuplicateTargetGroupName()
        return existing

    def create_listener(self, load_balancer_arn: str, protocol: str, port: str, ssl_policy: str, certificate: str | None, actions: list[dict[str, Any]], **kwargs: Any) -> FakeListener:
        balancer = self.load_balancers.get(load_balancer_arn)
        # moto keys listeners by ARN, so its own duplicate-port check never matched.
        existing = next((listener for listener in balancer.listeners.values() if str(listener.port) == str(port)), None) if balancer is not None else None
        if existing is None:
            return super().create_listener(load_balancer_arn, protocol, port, ssl_policy, certificate, actions, **kwargs)
        same = (
            existing.protocol == (protocol or "").upper()
            and existing.certificate == certificate
            and [_action_key(a.data) for a in existing.default_actions] == [_action_key(a) for a in actions]
        )
        if not same:
            raise DuplicateListenerError()
        return existing


def _action_key(action: dict[str, Any]) -> tuple[Any, ...]:
    return (action.get("Type"), action.get("TargetGroupArn"), repr(action.get("RedirectConfig")), repr(action.get("FixedResponseConfig")))


def install() -> None:
    elbv2_backends.backend = GamectlELBv2Backend

"""EC2: AWS behaviour where moto 5.2 differs, for what the security-group and endpoint drivers do.

- DescribeSecurityGroupRules drops the description of a rule that references another group;
  AWS returns it, and the driver compares rules by it.
- A rule's identity is protocol, ports and source: AWS answers `InvalidPermission.Duplicate` for a
  rule that differs only in its description, and revokes it without the description. moto compared
  descriptions of referenced-group rules, so it stored duplicates and failed such revokes.
- A rule naming a prefix list (`PrefixListIds`) keeps its description; moto dropped it, so DescribeSecurityGroups
  and DescribeSecurityGroupRules returned the rule without it.
- DeleteSecurityGroup fails with `DependencyViolation` while another group's rule (ingress or egress), a VPC endpoint,
  a load balancer or a replication group still uses the group; moto deleted it.
- ModifyVpcEndpoint honours PrivateDnsEnabled.
- CreateVpcEndpoint is idempotent for a repeated ClientToken (moto made a second endpoint), and
  `IdempotentParameterMismatch` when the token comes back with other parameters.
"""

from collections.abc import Callable
from typing import Any

from moto.ec2.exceptions import DependencyViolationError, EC2ClientError
from moto.ec2.models.security_groups import SecurityGroup, SecurityGroupBackend, SecurityGroupRule
from moto.ec2.models.vpcs import VPCBackend
from moto.ec2.responses.vpcs import VPCs

_original_rule_eq = SecurityGroupRule.__eq__
_original_rule_init = SecurityGroupRule.__init__
_original_flattened_rules = SecurityGroup._flattened_rules
_original_delete_security_group = SecurityGroupBackend.delete_security_group
_original_modify_vpc_endpoint = VPCs.modify_vpc_endpoint
_original_create_vpc_endpoint = VPCBackend.create_vpc_endpoint


class IdempotentParameterMismatch(EC2ClientError):
    code = "IdempotentParameterMismatch"


def _rule_description(rule: Any) -> str | None:
    return rule.ip_range.get("Description") or (rule.source_group or {}).get("Description") or getattr(rule, "prefix_list_description", None)


def _rule_init(rule: Any, *args: Any, **kwargs: Any) -> None:
    _original_rule_init(rule, *args, **kwargs)
    # After the backend: protocol, group, ports, ip_range, source_group, then prefix_list_id (or a keyword).
    entry = kwargs.get("prefix_list_id", args[7] if len(args) > 7 else None)
    rule.prefix_list_description = (entry or {}).get("Description") if isinstance(entry, dict) else None


def _flattened_rules(group: Any, rules: list[Any]) -> list[Any]:
    views = _original_flattened_rules(group, rules)
    for view in views:
        for entry in view.prefix_list_ids:
            for rule in rules:
                same = (rule.from_port, rule.to_port, rule.ip_protocol, rule.prefix_list_id) == (view.from_port, view.to_port, view.ip_protocol, entry["PrefixListId"])
                if same and getattr(rule, "prefix_list_description", None):
                    entry["Description"] = rule.prefix_list_description
    return views


def _referenced_group_info(rule: Any) -> dict[str, str] | None:
    if not rule.source_group:
        return None
    return {key: value for key, value in rule.source_group.items() if key != "Description"}


def _rule_eq(rule: Any, other: Any) -> bool:
    if not isinstance(other, SecurityGroupRule):
        return NotImplemented
    if (rule.source_group or {}).get("GroupId") != (other.source_group or {}).get("GroupId"):
        return False
    if bool(rule.source_group) != bool(other.source_group):
        return False
    # Compare the rest as moto does, with the referenced group already matched.
    saved = rule.source_group, other.source_group
    try:
        rule.source_group, other.source_group = {}, {}
        return bool(_original_rule_eq(rule, other))
    finally:
        rule.source_group, other.source_group = saved


def _dependents(backend: Any, group_id: str) -> list[str]:
    dependents = []
    for groups in backend.groups.values():
        for group in groups.values():
            if group.id == group_id:
                continue
            for rule in list(group.ingress_rules) + list(group.egress_rules):
                if (rule.source_group or {}).get("GroupId") == group_id:
                    dependents.append(f"a rule of {group.id}")
                    break
    for endpoint in getattr(backend, "vpc_end_points", {}).values():
        if endpoint.state != "deleted" and group_id in (endpoint.security_group_ids or []):
            dependents.append(f"VPC endpoint {endpoint.id}")
    from moto.elasticache.models import elasticache_backends
    from moto.elbv2.models import elbv2_backends

    account, region = backend.account_id, backend.region_name
    if account in elbv2_backends and region in elbv2_backends[account].keys():
        for balancer in elbv2_backends[account][region].load_balancers.values():
            if group_id in (balancer.security_groups or []):
                dependents.append(f"load balancer {balancer.name}")
    if account in elasticache_backends and region in elasticache_backends[account].keys():
        for replication_group in elasticache_backends[account][region].replication_groups.values():
            if group_id in (getattr(replication_group, "security_group_ids", None) or []):
                dependents.append(f"replication group {replication_group.replication_group_id}")
    return dependents


def _delete_security_group(backend: Any, name: str | None = None, group_id: str | None = None) -> None:
    group = backend.get_security_group_from_id(group_id) if group_id else (backend.get_security_group_by_name_or_id(name) if name else None)
    if group is not None:
        dependents = _dependents(backend, group.id)
        if dependents:
            raise DependencyViolationError(f"resource {group.id} has a dependent object ({', '.join(dependents)})")
    _original_delete_security_group(backend, name=name, group_id=group_id)


def _modify_vpc_endpoint(response: Any) -> Any:
    result = _original_modify_vpc_endpoint(response)
    private_dns = response._get_bool_param("PrivateDnsEnabled")
    if private_dns is not None:
        endpoint = response.ec2_backend.describe_vpc_endpoints(vpc_end_point_ids=[response._get_param("VpcEndpointId")])[0]
        endpoint.private_dns_enabled = private_dns
    return result


def _create_vpc_endpoint(backend: Any, **kwargs: Any) -> Any:
    token = kwargs.get("client_token")
    if token:
        for endpoint in backend.vpc_end_points.values():
            if endpoint.client_token == token and endpoint.state != "deleted":
                same = (endpoint.vpc_id, endpoint.service_name, (endpoint.vpc_endpoint_type or "").lower()) == (
                    kwargs.get("vpc_id"),
                    kwargs.get("service_name"),
                    (kwargs.get("endpoint_type") or "Gateway").lower(),
                )
                if not same:
                    raise IdempotentParameterMismatch(f"Client token {token} was already used with different parameters.")
                return endpoint
    return _original_create_vpc_endpoint(backend, **kwargs)


def _patch(cls: type, name: str, value: Callable[..., Any] | property) -> None:
    setattr(cls, name, value)


def install() -> None:
    _patch(SecurityGroupRule, "description", property(_rule_description))
    _patch(SecurityGroupRule, "referenced_group_info", property(_referenced_group_info))
    _patch(SecurityGroupRule, "__eq__", _rule_eq)
    _patch(SecurityGroupRule, "__init__", _rule_init)
    _patch(SecurityGroup, "_flattened_rules", _flattened_rules)
    _patch(SecurityGroupBackend, "delete_security_group", _delete_security_group)
    _patch(VPCs, "modify_vpc_endpoint", _modify_vpc_endpoint)
    _patch(VPCBackend, "create_vpc_endpoint", _create_vpc_endpoint)

"""EC2: AWS behaviour where moto 5.2 differs, for what the security-group driver reads.

DescribeSecurityGroupRules drops the description of a rule that references another group
(moto only looks at the CIDR range); AWS returns it, and the driver compares rules by it.
"""

from typing import Any

from moto.ec2.models.security_groups import SecurityGroupRule


def _rule_description(rule: Any) -> str | None:
    return rule.ip_range.get("Description") or (rule.source_group or {}).get("Description")


def _referenced_group_info(rule: Any) -> dict[str, str] | None:
    if not rule.source_group:
        return None
    return {key: value for key, value in rule.source_group.items() if key != "Description"}


def install() -> None:
    SecurityGroupRule.description = property(_rule_description)  # type: ignore[method-assign,assignment]
    SecurityGroupRule.referenced_group_info = property(_referenced_group_info)  # type: ignore[method-assign,assignment]

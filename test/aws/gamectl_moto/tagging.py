"""Resource Groups Tagging API: resource types AWS lists and moto 5.2 does not.

- GetResources lists VPC endpoints as `ec2:vpc-endpoint`
  (`arn:aws:ec2:<region>:<account>:vpc-endpoint/vpce-...`); moto's EC2 list stops at flow logs,
  so the controller could not tell that an environment owns none.
"""

from collections.abc import Iterator
from typing import Any

from moto.resourcegroupstaggingapi.models import ResourceGroupsTaggingAPIBackend

_original_generator = ResourceGroupsTaggingAPIBackend._get_resources_generator


def _matches(tags: dict[str, str], tag_filters: list[dict[str, Any]] | None) -> bool:
    # AWS: every filter must match; a filter without values matches the key alone.
    for tag_filter in tag_filters or []:
        key, values = tag_filter["Key"], tag_filter.get("Values") or []
        if key not in tags or (values and tags[key] not in values):
            return False
    return True


def _vpc_endpoints(backend: Any, tag_filters: list[dict[str, Any]] | None) -> Iterator[dict[str, Any]]:
    ec2 = backend.ec2_backend
    for endpoint in ec2.vpc_end_points.values():
        tags = ec2.tags.get(endpoint.id, {})
        if not tags or not _matches(tags, tag_filters):
            continue
        yield {
            "ResourceARN": f"arn:{backend.partition}:ec2:{backend.region_name}:{backend.account_id}:vpc-endpoint/{endpoint.id}",
            "Tags": [{"Key": key, "Value": value} for key, value in tags.items()],
        }


def _get_resources_generator(
    self: Any, tag_filters: list[dict[str, Any]] | None = None, resource_type_filters: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for resource in _original_generator(self, tag_filters=tag_filters, resource_type_filters=resource_type_filters):
        seen.add(resource["ResourceARN"])
        yield resource
    if not resource_type_filters or "ec2" in resource_type_filters or "ec2:vpc-endpoint" in resource_type_filters:
        for resource in _vpc_endpoints(self, tag_filters):
            if resource["ResourceARN"] not in seen:
                yield resource


def install() -> None:
    ResourceGroupsTaggingAPIBackend._get_resources_generator = _get_resources_generator  # type: ignore[method-assign]

"""ElastiCache: the operations moto 5.2 lacks, and AWS behaviour where moto differs.

Added: cache parameter groups (create/describe/modify/reset/delete, DescribeCacheParameters),
ModifyReplicationGroup, Increase/DecreaseReplicaCount, ModifyReplicationGroupShardConfiguration,
Modify/DeleteCacheSubnetGroup, DescribeCacheEngineVersions, DescribeEvents and user groups.
Changed: replication groups honour NumCacheClusters / ReplicasPerNodeGroup, pass through
`creating` / `modifying` / `deleting` for the configured time, disappear after deletion (with an
optional final snapshot), and expose their member clusters through DescribeCacheClusters.
"""

import re
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.common_models import BaseModel
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow
from moto.elasticache import urls as elasticache_urls
from moto.elasticache.exceptions import (
    CacheClusterNotFound,
    CacheSubnetGroupNotFound,
    ElastiCacheException,
    InvalidARNFault,
    InvalidParameterCombinationException,
    InvalidSubnet,
    InvalidParameterValueException,
    ReplicationGroupAlreadyExists,
    ReplicationGroupNotFound,
    SnapshotAlreadyExists,
    SnapshotNotFound,
    UserNotFound,
)
from moto.elasticache.models import (
    CacheSubnetGroup,
    ElastiCacheBackend,
    ReplicationGroup,
    User,
    elasticache_backends,
)
from moto.elasticache.responses import ElastiCacheResponse

from . import elasticache_catalog as catalog
from .state import Transition, async_delays

AVAILABILITY_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]
MAX_REPLICAS = 5
HASH_SLOTS = 16384
_MAINTENANCE_WINDOW = re.compile(r"^(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):[0-5]\d-(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):[0-5]\d$")
_REPLICATION_GROUP_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


# --- errors, with the codes AWS uses -------------------------------------------------------------


class CacheParameterGroupNotFound(ElastiCacheException):
    code = "CacheParameterGroupNotFound"

    def __init__(self, name: str) -> None:
        super().__init__(f"CacheParameterGroup not found: {name}")


class CacheParameterGroupAlreadyExists(ElastiCacheException):
    code = "CacheParameterGroupAlreadyExists"

    def __init__(self, name: str) -> None:
        super().__init__(f"Parameter group {name} already exists.")


class InvalidCacheParameterGroupState(ElastiCacheException):
    code = "InvalidCacheParameterGroupState"


class InvalidReplicationGroupState(ElastiCacheException):
    code = "InvalidReplicationGroupState"


class CacheSubnetGroupInUse(ElastiCacheException):
    code = "CacheSubnetGroupInUse"

    def __init__(self, name: str) -> None:
        super().__init__(f"Cache subnet group {name} is currently in use by a cache cluster.")


class NoOperationFault(ElastiCacheException):
    code = "NoOperationFault"


class NodeGroupNotFoundFault(ElastiCacheException):
    code = "NodeGroupNotFoundFault"

    def __init__(self, node_group_id: str) -> None:
        super().__init__(f"Node group {node_group_id} not found.")


class UserAlreadyExistsFault(ElastiCacheException):
    code = "UserAlreadyExists"

    def __init__(self, user_id: str) -> None:
        super().__init__(f"User {user_id} already exists.")


class UserGroupNotFound(ElastiCacheException):
    code = "UserGroupNotFound"

    def __init__(self, user_group_id: str) -> None:
        super().__init__(f"User group {user_group_id} not found.")


class UserGroupAlreadyExists(ElastiCacheException):
    code = "UserGroupAlreadyExists"

    def __init__(self, user_group_id: str) -> None:
        super().__init__(f"User group {user_group_id} already exists.")


class DefaultUserRequired(ElastiCacheException):
    code = "DefaultUserRequired"

    def __init__(self) -> None:
        super().__init__("User group must contain a user with the user name default.")


class DuplicateUserName(ElastiCacheException):
    code = "DuplicateUserName"

    def __init__(self, user_name: str) -> None:
        super().__init__(f"User name {user_name} is used by more than one user in the user group.")


class InvalidUserGroupState(ElastiCacheException):
    code = "InvalidUserGroupState"


class DefaultUserAssociatedToUserGroup(ElastiCacheException):
    code = "DefaultUserAssociatedToUserGroup"


class InvalidUserState(ElastiCacheException):
    code = "InvalidUserState"


# --- models ----------------------------------------------------------------------------------------


class CacheParameterGroup(BaseModel):
    def __init__(self, account_id: str, region_name: str, name: str, family: str, description: str, is_default: bool = False) -> None:
        self.cache_parameter_group_name = name
        self.cache_parameter_group_family = family
        self.description = description
        self.is_global = False
        self.is_default = is_default
        self.arn = f"arn:aws:elasticache:{region_name}:{account_id}:parametergroup:{name}"
        self.defaults = catalog.default_parameters(family, cluster_on=name.endswith(".cluster.on"))
        self.values: dict[str, str] = {}

    def value(self, name: str) -> str | None:
        """The value a node started with this group gets: the user's, else the default."""
        if name in self.values:
            return self.values[name]
        return self.defaults.get(name, {}).get("ParameterValue")

    @property
    def cluster_enabled(self) -> bool:
        return self.value("cluster-enabled") == "yes"

    def parameters(self, source: str | None = None) -> list[dict[str, Any]]:
        listed = []
        for name, default in self.defaults.items():
            parameter = dict(default)
            if name in self.values:
                parameter["ParameterValue"] = self.values[name]
                parameter["Source"] = "user"
            if source in (None, parameter["Source"]) or source == "engine-default":
                listed.append(parameter)
        return listed


class UserGroup(BaseModel):
    def __init__(self, account_id: str, region_name: str, user_group_id: str, engine: str, user_ids: list[str]) -> None:
        self.user_group_id = user_group_id
        self.status = "active"
        self.engine = engine
        self.user_ids = user_ids
        self.minimum_engine_version = "6.0"
        self.replication_groups: list[str] = []
        self.serverless_caches: list[str] = []
        self.arn = f"arn:aws:elasticache:{region_name}:{account_id}:usergroup:{user_group_id}"


class GamectlReplicationGroup(ReplicationGroup):
    """A replication group whose status and topology follow AWS, read from timestamps."""

    def __init__(self, **kwargs: Any) -> None:
        self._transition: Transition | None = None
        self._settled = "available"
        self.deleted_at: float | None = None
        num_cache_clusters = kwargs.get("num_cache_clusters")
        replicas = kwargs.get("replicas_per_node_group")
        super().__init__(**kwargs)
        self.region_name = kwargs["region_name"]
        self.account_id = kwargs["account_id"]
        self.engine_version = kwargs.get("engine_version") or catalog.DEFAULT_ENGINE_VERSION.get(self.engine, "7.1")
        self.security_group_ids = list(kwargs.get("security_group_ids") or [])
        self.preferred_maintenance_window = kwargs.get("preferred_maintenance_window") or "sun:05:00-sun:06:00"
        self.snapshot_window = kwargs.get("snapshot_window") or "06:30-07:30"
        self.preferred_azs = list(kwargs.get("preferred_cache_cluster_azs") or [])
        self.deferred: dict[str, str] = {}
        self.pending: dict[str, Any] = {}
        self.domain = self._domain()
        if self.cluster_enabled:
            shard_replicas = [len(group["node_group_members"]) - 1 for group in self.node_groups]
        elif replicas:
            shard_replicas = [replicas]
        else:
            shard_replicas = [max(1, num_cache_clusters or 1) - 1]
        self.shards: list[dict[str, Any]] = []
        for index, replica_count in enumerate(shard_replicas):
            shard_id = f"{index + 1:04d}"
            self.shards.append({"id": shard_id, "members": [self._member_id(shard_id, n) for n in range(1, replica_count + 2)]})
        self._assign_slots()
        self._sync_members()
        delay = async_delays.get("elasticache", "creating")
        if delay > 0:
            self._transition = Transition("creating", time.time() + delay)

    # Status: a transitional state holds until its deadline; `deleting` holds until removal.
    @property
    def status(self) -> str:
        if self.deleted_at is not None:
            return "deleting"
        if self._transition is not None and self._transition.active():
            return self._transition.state
        return self._settled

    @status.setter
    def status(self, value: str) -> None:
        self._settled = value

    def begin(self, state: str) -> None:
        delay = async_delays.get("elasticache", state)
        self._transition = Transition(state, time.time() + delay) if delay > 0 else None

    def is_available(self) -> bool:
        return self.status == "available"

    def _domain(self) -> str:
        if self.cluster_enabled:
            return str(self.configuration_endpoint["address"]).removeprefix("clustercfg.")
        return str(self.node_groups[0]["primary_endpoint_address"]).removeprefix("master.")

    def _member_id(self, shard_id: str, number: int) -> str:
        if self.cluster_enabled:
            return f"{self.replication_group_id}-{shard_id}-{number:03d}"
        return f"{self.replication_group_id}-{number:03d}"

    def _next_member_id(self, shard: dict[str, Any]) -> str:
        number = 1
        while self._member_id(shard["id"], number) in shard["members"]:
            number += 1
        return self._member_id(shard["id"], number)

    def _assign_slots(self) -> None:
        count = len(self.shards)
        for index, shard in enumerate(self.shards):
            shard["slots"] = f"{index * HASH_SLOTS // count}-{(index + 1) * HASH_SLOTS // count - 1}"

    def _sync_members(self) -> None:
        self.member_clusters = [member for shard in self.shards for member in shard["members"]]
        if self.snapshot_retention_limit and self.snapshot_retention_limit > 0:
            self.snapshotting_cluster_id = self.member_clusters[1] if len(self.member_clusters) > 1 else self.member_clusters[0]
        else:
            self.snapshotting_cluster_id = None

    def availability_zone(self, position: int) -> str:
        if self.preferred_azs:
            return self.preferred_azs[min(position, len(self.preferred_azs) - 1)]
        return AVAILABILITY_ZONES[position % len(AVAILABILITY_ZONES)]

    def members(self) -> list[dict[str, Any]]:
        """Every member cluster with its shard, role and position."""
        listed = []
        for shard in self.shards:
            for position, cluster_id in enumerate(shard["members"]):
                listed.append({"id": cluster_id, "shard": shard["id"], "role": "primary" if position == 0 else "replica", "position": position})
        return listed

    # Serialized views (the serializer looks up PascalCase attributes first).
    @property
    def Status(self) -> str:
        return self.status

    @property
    def MemberClusters(self) -> list[str]:
        return list(self.member_clusters)

    @property
    def ConfigurationEndpoint(self) -> dict[str, Any] | None:
        if not self.cluster_enabled:
            return None
        return {"Address": endpoint_address(str(self.configuration_endpoint["address"])), "Port": self.port}

    @property
    def NodeGroups(self) -> list[dict[str, Any]]:
        status = self.status
        groups = []
        for shard in self.shards:
            members = []
            for position, cluster_id in enumerate(shard["members"]):
                member: dict[str, Any] = {
                    "CacheClusterId": cluster_id,
                    "CacheNodeId": "0001",
                    "PreferredAvailabilityZone": self.availability_zone(position),
                }
                if not self.cluster_enabled:
                    member["ReadEndpoint"] = {"Address": endpoint_address(f"{cluster_id}.{self.domain}"), "Port": self.port}
                    member["CurrentRole"] = "primary" if position == 0 else "replica"
                members.append(member)
            group: dict[str, Any] = {"NodeGroupId": shard["id"], "Status": status, "NodeGroupMembers": members}
            if self.cluster_enabled:
                group["Slots"] = shard["slots"]
            else:
                group["PrimaryEndpoint"] = {"Address": endpoint_address(f"master.{self.domain}"), "Port": self.port}
                group["ReaderEndpoint"] = {"Address": endpoint_address(f"replica.{self.domain}"), "Port": self.port}
            groups.append(group)
        return groups

    @property
    def PendingModifiedValues(self) -> dict[str, Any]:
        if self.status != "modifying":
            return {}
        return dict(self.pending)

    @property
    def SnapshottingClusterId(self) -> str | None:
        return self.snapshotting_cluster_id


class MemberCacheCluster:
    """A replication group's member cluster as DescribeCacheClusters shows it."""

    def __init__(self, group: GamectlReplicationGroup, member: dict[str, Any], parameter_group: str | None, show_node_info: bool) -> None:
        self.cache_cluster_id = member["id"]
        status = group.status
        self.cache_cluster_status = status
        self.replication_group_id = group.replication_group_id
        self.cache_node_type = group.cache_node_type
        self.engine = group.engine
        self.engine_version = group.engine_version
        self.num_cache_nodes = 1
        self.preferred_availability_zone = group.availability_zone(member["position"])
        self.cache_cluster_create_time = group.replication_group_create_time
        self.preferred_maintenance_window = group.preferred_maintenance_window
        self.pending_modified_values = dict(group.deferred)
        self.cache_security_groups: list[Any] = []
        self.security_groups = [{"SecurityGroupId": group_id, "Status": "active"} for group_id in group.security_group_ids]
        self.cache_parameter_group = {"CacheParameterGroupName": parameter_group, "ParameterApplyStatus": "in-sync", "CacheNodeIdsToReboot": []}
        self.cache_subnet_group_name = group.cache_subnet_group_name
        self.auto_minor_version_upgrade = group.auto_minor_version_upgrade if group.auto_minor_version_upgrade is not None else True
        self.snapshot_retention_limit = group.snapshot_retention_limit
        self.snapshot_window = group.snapshot_window
        self.auth_token_enabled = group.auth_token_enabled
        self.auth_token_last_modified_date = group.auth_token_last_modified_date
        self.transit_encryption_enabled = group.transit_encryption_enabled
        self.at_rest_encryption_enabled = group.at_rest_encryption_enabled
        self.arn = f"arn:aws:elasticache:{group.region_name}:{group.account_id}:cluster:{member['id']}"
        self.replication_group_log_delivery_enabled = bool(group.log_delivery_configurations)
        self.network_type = group.network_type
        self.ip_discovery = group.ip_discovery
        if group.notification_topic_arn:
            self.notification_configuration = {"TopicArn": group.notification_topic_arn, "TopicStatus": "active"}
        if show_node_info:
            node_status = "available" if status in ("modifying", "available") else status
            self.cache_nodes = [
                {
                    "CacheNodeId": "0001",
                    "CacheNodeStatus": node_status,
                    "CacheNodeCreateTime": group.replication_group_create_time,
                    "Endpoint": {"Address": endpoint_address(f"{member['id']}.{group.domain}"), "Port": group.port},
                    "ParameterGroupStatus": "in-sync",
                    "CustomerAvailabilityZone": self.preferred_availability_zone,
                }
            ]


# --- backend ---------------------------------------------------------------------------------------


class GamectlElastiCacheBackend(ElastiCacheBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.arn_regex = re.compile(r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|replicationgroup|user|usergroup|parametergroup):.*$")
        self.cache_parameter_groups: dict[str, CacheParameterGroup] = {}
        for family in catalog.DEFAULT_GROUP_FAMILIES:
            for suffix in ("", ".cluster.on"):
                name = f"default.{family}{suffix}"
                self.cache_parameter_groups[name] = CacheParameterGroup(account_id, region_name, name, family, f"Default parameter group for {family}", is_default=True)
        self.user_groups: dict[str, UserGroup] = {}
        self.events: list[dict[str, Any]] = []

    # The flask app is built from the urls module next to the backend's models; keep moto's.
    @property
    def _url_module(self) -> Any:
        return elasticache_urls

    def add_event(self, source_id: str, source_type: str, message: str) -> None:
        self.events.append({"SourceIdentifier": source_id, "SourceType": source_type, "Message": message, "Date": utcnow()})

    # Replication groups -------------------------------------------------------------------------

    def _purge_deleted(self) -> None:
        now = time.time()
        for group_id in [gid for gid, group in self.replication_groups.items() if getattr(group, "deleted_at", None) is not None and group.deleted_at <= now]:
            del self.replication_groups[group_id]
            self.add_event(group_id, "replication-group", "Replication group deleted")

    def get_replication_group(self, replication_group_id: str) -> GamectlReplicationGroup:
        self._purge_deleted()
        group = self.replication_groups.get((replication_group_id or "").lower())
        if group is None:
            raise ReplicationGroupNotFound(replication_group_id)
        return group  # type: ignore[return-value]

    def describe_replication_groups(self, replication_group_id: str | None = None) -> list[ReplicationGroup]:
        self._purge_deleted()
        if replication_group_id:
            return [self.get_replication_group(replication_group_id)]
        return list(self.replication_groups.values())

    def _require_available(self, group: GamectlReplicationGroup) -> None:
        if not group.is_available():
            raise InvalidReplicationGroupState(f"Replication group {group.replication_group_id} is not in available state (current state: {group.status}).")

    def resolve_parameter_group(self, name: str) -> CacheParameterGroup:
        group = self.cache_parameter_groups.get(name)
        if group is None:
            raise CacheParameterGroupNotFound(name)
        return group

    def _check_security_groups(self, group_ids: list[str] | None) -> None:
        from moto.ec2.models import ec2_backends

        ec2 = ec2_backends[self.account_id][self.region_name]
        for group_id in group_ids or []:
            if ec2.get_security_group_from_id(group_id) is None:
                raise InvalidParameterValueException(f"Some security group Id not recognized by EC2: {group_id}")

    def _check_parameter_group_family(self, name: str, engine: str, engine_version: str) -> None:
        group = self.resolve_parameter_group(name)
        expected = catalog.family_for(engine, engine_version)
        if group.cache_parameter_group_family != expected:
            raise InvalidParameterCombinationException(f"Expected a parameter group of family {expected} but found one of family {group.cache_parameter_group_family}")

    def create_replication_group(self, **kwargs: Any) -> ReplicationGroup:  # type: ignore[override]
        self._purge_deleted()
        group_id = str(kwargs.get("replication_group_id") or "").lower()
        if not _REPLICATION_GROUP_ID.match(group_id) or len(group_id) > 40:
            raise InvalidParameterValueException(
                "The parameter ReplicationGroupId must be provided and must be 1-40 letters, digits or hyphens, start with a letter, "
                "and not end with a hyphen or contain two consecutive hyphens."
            )
        kwargs["replication_group_id"] = group_id
        if group_id in self.replication_groups:
            raise ReplicationGroupAlreadyExists(group_id)
        if not kwargs.get("replication_group_description"):
            raise InvalidParameterValueException("The parameter ReplicationGroupDescription must be provided and must not be blank.")
        engine = (kwargs.get("engine") or "redis").lower()
        kwargs["engine"] = engine
        if engine not in ("redis", "valkey"):
            raise InvalidParameterValueException(f"Invalid engine {engine} for replication groups; expected redis or valkey.")
        version = kwargs.get("engine_version") or catalog.DEFAULT_ENGINE_VERSION[engine]
        if not catalog.known_engine_major(engine, version):
            raise InvalidParameterValueException(f"Cannot find version {version} for {engine}")
        kwargs["engine_version"] = version
        parameter_group = kwargs.get("cache_parameter_group_name")
        if parameter_group:
            self._check_parameter_group_family(parameter_group, engine, version)
        requested_mode = (kwargs.get("cluster_mode") or "").lower()
        node_groups = max(kwargs.get("num_node_groups") or 1, len(kwargs.get("node_group_configuration") or []))
        if parameter_group:
            # As in AWS, the parameter group decides: more than one node group (or ClusterMode enabled)
            # needs cluster-enabled yes, and such a group is cluster mode even with a single node group.
            cluster_on = self.resolve_parameter_group(parameter_group).cluster_enabled
            if not cluster_on and (node_groups > 1 or requested_mode == "enabled"):
                raise InvalidParameterCombinationException("Cluster mode should be enabled in parameter group, but found it is disabled.")
            if cluster_on and requested_mode == "disabled":
                raise InvalidParameterCombinationException("Cluster mode should be disabled in parameter group, but found it is enabled.")
        else:
            # Without a group, AWS picks the default one that fits the request.
            cluster_on = requested_mode == "enabled" or node_groups > 1
        if cluster_on:
            kwargs["cluster_mode"] = "enabled"
        if not parameter_group:
            family = catalog.family_for(engine, version)
            kwargs["cache_parameter_group_name"] = f"default.{family}{'.cluster.on' if cluster_on else ''}"
        self._check_security_groups(kwargs.get("security_group_ids"))
        subnet_group = kwargs.get("cache_subnet_group_name")
        if subnet_group and subnet_group not in self.cache_subnet_groups:
            raise CacheSubnetGroupNotFound(subnet_group)
        for user_group_id in kwargs.get("user_group_ids") or []:
            if user_group_id not in self.user_groups:
                raise UserGroupNotFound(user_group_id)
        if kwargs.get("snapshot_name") and kwargs["snapshot_name"] not in self.snapshots:
            raise SnapshotNotFound(kwargs["snapshot_name"])
        auth_token = kwargs.get("auth_token")
        if auth_token:
            _validate_auth_token(auth_token)
            if not kwargs.get("transit_encryption_enabled"):
                raise InvalidParameterCombinationException("AuthToken can only be specified when TransitEncryptionEnabled is true.")
            if kwargs.get("user_group_ids"):
                raise InvalidParameterCombinationException("AuthToken and UserGroupIds cannot be specified together.")
        node_type = kwargs.get("cache_node_type")
        if node_type is not None and not str(node_type).startswith("cache."):
            raise InvalidParameterValueException(f"Invalid CacheNodeType: {node_type}")
        _validate_window(kwargs.get("preferred_maintenance_window"))
        _validate_retention(kwargs.get("snapshot_retention_limit"))
        replicas = kwargs.get("replicas_per_node_group")
        num_cache_clusters = kwargs.get("num_cache_clusters")
        if replicas is not None and not 0 <= replicas <= MAX_REPLICAS:
            raise InvalidParameterValueException(f"ReplicasPerNodeGroup must be between 0 and {MAX_REPLICAS}.")
        if num_cache_clusters is not None and not 1 <= num_cache_clusters <= MAX_REPLICAS + 1:
            raise InvalidParameterValueException(f"NumCacheClusters must be between 1 and {MAX_REPLICAS + 1}.")
        nodes_per_shard = (replicas + 1) if replicas is not None else (num_cache_clusters or 1)
        if kwargs.get("multi_az_enabled") and not kwargs.get("automatic_failover_enabled"):
            raise InvalidParameterCombinationException("Multi-AZ can only be enabled when AutomaticFailoverEnabled is true.")
        if kwargs.get("automatic_failover_enabled") and not cluster_on and nodes_per_shard < 2:
            raise InvalidParameterCombinationException("Automatic failover requires at least one read replica (NumCacheClusters >= 2).")
        group = GamectlReplicationGroup(account_id=self.account_id, region_name=self.region_name, **kwargs)
        if kwargs.get("tags"):
            self.tagging_service.tag_resource(group.arn, kwargs["tags"])
        self.replication_groups[group_id] = group
        self._link_user_groups()
        self.add_event(group_id, "replication-group", "Replication group created")
        return group

    def modify_replication_group(self, replication_group_id: str, params: dict[str, Any]) -> GamectlReplicationGroup:
        group = self.get_replication_group(replication_group_id)
        changes = {key: value for key, value in params.items() if key not in ("ReplicationGroupId", "ApplyImmediately") and value is not None}
        if not changes:
            raise InvalidParameterCombinationException("No modifications were requested.")
        self._require_available(group)
        apply_immediately = bool(params.get("ApplyImmediately"))
        # Validate everything before changing anything, like AWS.
        if "CacheParameterGroupName" in changes:
            self._check_parameter_group_family(changes["CacheParameterGroupName"], changes.get("Engine", group.engine), changes.get("EngineVersion") or group.engine_version)
            # cluster-enabled is conditionally modifiable: the new group must say what the current one says.
            if self.resolve_parameter_group(str(changes["CacheParameterGroupName"]).lower()).cluster_enabled != group.cluster_enabled:
                raise InvalidParameterCombinationException(
                    f"The cluster-enabled value of parameter group {changes['CacheParameterGroupName']} differs from the one replication group {group.replication_group_id} uses; "
                    "cluster mode cannot change on an existing replication group."
                )
        if "CacheNodeType" in changes and not str(changes["CacheNodeType"]).startswith("cache."):
            raise InvalidParameterValueException(f"Invalid CacheNodeType: {changes['CacheNodeType']}")
        if "EngineVersion" in changes and not catalog.known_engine_major(changes.get("Engine", group.engine), changes["EngineVersion"]):
            raise InvalidParameterValueException(f"Cannot find version {changes['EngineVersion']} for {group.engine}")
        if "EngineVersion" in changes and changes.get("Engine", group.engine) == group.engine and _version(changes["EngineVersion"]) < _version(group.engine_version):
            raise InvalidParameterCombinationException(f"Cannot downgrade {group.engine} from {group.engine_version} to {changes['EngineVersion']}.")
        if changes.get("Engine") not in (None, group.engine) and not (group.engine == "redis" and changes["Engine"] == "valkey"):
            raise InvalidParameterCombinationException(f"Cannot change engine from {group.engine} to {changes['Engine']}.")
        _validate_window(changes.get("PreferredMaintenanceWindow"))
        _validate_retention(changes.get("SnapshotRetentionLimit"))
        self._check_security_groups(changes.get("SecurityGroupIds"))
        for user_group_id in changes.get("UserGroupIdsToAdd") or []:
            if user_group_id not in self.user_groups:
                raise UserGroupNotFound(user_group_id)
        failover = changes.get("AutomaticFailoverEnabled", group.automatic_failover == "enabled")
        multi_az = changes.get("MultiAZEnabled", group.multi_az == "enabled")
        if multi_az and not failover:
            raise InvalidParameterCombinationException("Multi-AZ can only be enabled when AutomaticFailoverEnabled is true.")
        if changes.get("AutomaticFailoverEnabled") and not group.cluster_enabled and len(group.member_clusters) < 2:
            raise InvalidParameterCombinationException("Automatic failover requires at least one read replica.")
        if "AuthToken" in changes:
            _validate_auth_token(changes["AuthToken"])
            if not group.transit_encryption_enabled:
                raise InvalidParameterCombinationException("AuthToken can only be specified when TransitEncryptionEnabled is true.")
            strategy = changes.get("AuthTokenUpdateStrategy", "ROTATE")
            if strategy not in ("SET", "ROTATE", "DELETE"):
                raise InvalidParameterValueException(f"Invalid AuthTokenUpdateStrategy: {strategy}")
        if "SnapshottingClusterId" in changes and changes["SnapshottingClusterId"] not in group.member_clusters:
            raise CacheClusterNotFound(changes["SnapshottingClusterId"])

        pending: dict[str, Any] = {}
        if "ReplicationGroupDescription" in changes:
            group.description = changes["ReplicationGroupDescription"]
        if "SecurityGroupIds" in changes:
            group.security_group_ids = list(changes["SecurityGroupIds"])
        if "PreferredMaintenanceWindow" in changes:
            group.preferred_maintenance_window = changes["PreferredMaintenanceWindow"]
        if "SnapshotWindow" in changes:
            group.snapshot_window = changes["SnapshotWindow"]
        if "SnapshotRetentionLimit" in changes:
            group.snapshot_retention_limit = int(changes["SnapshotRetentionLimit"])
            group._sync_members()
        if "CacheParameterGroupName" in changes:
            group.cache_parameter_group_name = changes["CacheParameterGroupName"]
        if "NotificationTopicArn" in changes:
            group.notification_topic_arn = changes["NotificationTopicArn"]
        if "AutoMinorVersionUpgrade" in changes:
            group.auto_minor_version_upgrade = changes["AutoMinorVersionUpgrade"]
        if "AutomaticFailoverEnabled" in changes:
            group.automatic_failover = "enabled" if changes["AutomaticFailoverEnabled"] else "disabled"
            pending["AutomaticFailoverStatus"] = group.automatic_failover
        if "MultiAZEnabled" in changes:
            group.multi_az = "enabled" if changes["MultiAZEnabled"] else "disabled"
        if "TransitEncryptionEnabled" in changes:
            group.transit_encryption_enabled = bool(changes["TransitEncryptionEnabled"])
            pending["TransitEncryptionEnabled"] = group.transit_encryption_enabled
        if "TransitEncryptionMode" in changes:
            group.transit_encryption_mode = changes["TransitEncryptionMode"]
            pending["TransitEncryptionMode"] = group.transit_encryption_mode
        if "AuthToken" in changes or changes.get("AuthTokenUpdateStrategy") == "DELETE":
            strategy = changes.get("AuthTokenUpdateStrategy", "ROTATE")
            group.auth_token_enabled = strategy != "DELETE"
            group.auth_token_last_modified_date = utcnow()
            pending["AuthTokenStatus"] = "SETTING" if strategy != "ROTATE" else "ROTATING"
        added = [gid for gid in changes.get("UserGroupIdsToAdd") or [] if gid not in group.user_group_ids]
        removed = [gid for gid in changes.get("UserGroupIdsToRemove") or [] if gid in group.user_group_ids]
        if changes.get("RemoveUserGroups"):
            removed = list(group.user_group_ids)
        if added or removed:
            group.user_group_ids = [gid for gid in group.user_group_ids if gid not in removed] + added
            pending["UserGroups"] = {"UserGroupIdsToAdd": added, "UserGroupIdsToRemove": removed}
            self._link_user_groups()
        for field, attribute in (("CacheNodeType", "cache_node_type"), ("EngineVersion", "engine_version")):
            if field in changes:
                if apply_immediately:
                    setattr(group, attribute, changes[field])
                else:
                    # Without ApplyImmediately AWS waits for the maintenance window.
                    group.deferred[field] = changes[field]
        if "Engine" in changes and apply_immediately:
            group.engine = changes["Engine"]
        group.pending = pending
        group.begin("modifying")
        self.add_event(group.replication_group_id, "replication-group", "Replication group modified")
        return group

    def increase_replica_count(self, replication_group_id: str, new_replica_count: int | None, replica_configuration: list[dict[str, Any]] | None, apply_immediately: bool) -> GamectlReplicationGroup:
        group = self.get_replication_group(replication_group_id)
        if not apply_immediately:
            raise InvalidParameterValueException("ApplyImmediately must be true for IncreaseReplicaCount.")
        targets = self._replica_targets(group, new_replica_count, replica_configuration)
        self._require_available(group)
        for shard in group.shards:
            current = len(shard["members"]) - 1
            target = targets.get(shard["id"], current)
            if target > MAX_REPLICAS:
                raise InvalidParameterValueException(f"NewReplicaCount must be at most {MAX_REPLICAS}.")
            if target <= current and shard["id"] in targets:
                raise InvalidParameterValueException(f"The new replica count {target} for node group {shard['id']} must be greater than the current count {current}.")
        for shard in group.shards:
            while len(shard["members"]) - 1 < targets.get(shard["id"], len(shard["members"]) - 1):
                shard["members"].append(group._next_member_id(shard))
        group._sync_members()
        group.pending = {}
        group.begin("modifying")
        self.add_event(group.replication_group_id, "replication-group", "Replica count increased")
        return group

    def decrease_replica_count(
        self,
        replication_group_id: str,
        new_replica_count: int | None,
        replica_configuration: list[dict[str, Any]] | None,
        replicas_to_remove: list[str] | None,
        apply_immediately: bool,
    ) -> GamectlReplicationGroup:
        group = self.get_replication_group(replication_group_id)
        if not apply_immediately:
            raise InvalidParameterValueException("ApplyImmediately must be true for DecreaseReplicaCount.")
        if replicas_to_remove and (new_replica_count is not None or replica_configuration):
            raise InvalidParameterCombinationException("Specify either ReplicasToRemove or NewReplicaCount/ReplicaConfiguration, not both.")
        if not replicas_to_remove and new_replica_count is None and not replica_configuration:
            raise InvalidParameterValueException("One of NewReplicaCount, ReplicaConfiguration or ReplicasToRemove must be provided.")
        self._require_available(group)
        minimum = 1 if group.automatic_failover == "enabled" else 0
        if replicas_to_remove:
            replica_ids = {member["id"] for member in group.members() if member["role"] == "replica"}
            for cluster_id in replicas_to_remove:
                if cluster_id not in replica_ids:
                    raise InvalidParameterValueException(f"Cache cluster {cluster_id} is not a replica of replication group {group.replication_group_id}.")
            for shard in group.shards:
                remaining = [member for member in shard["members"][1:] if member not in replicas_to_remove]
                if len(remaining) < minimum:
                    raise InvalidParameterValueException("At least one replica is required per node group when automatic failover is enabled.")
            for shard in group.shards:
                shard["members"] = [shard["members"][0]] + [member for member in shard["members"][1:] if member not in replicas_to_remove]
        else:
            targets = self._replica_targets(group, new_replica_count, replica_configuration)
            for shard in group.shards:
                current = len(shard["members"]) - 1
                target = targets.get(shard["id"], current)
                if shard["id"] in targets and target >= current:
                    raise InvalidParameterValueException(f"The new replica count {target} for node group {shard['id']} must be less than the current count {current}.")
                if target < minimum:
                    raise InvalidParameterValueException("At least one replica is required per node group when automatic failover is enabled.")
            for shard in group.shards:
                target = targets.get(shard["id"], len(shard["members"]) - 1)
                shard["members"] = shard["members"][: target + 1]
        group._sync_members()
        group.pending = {}
        group.begin("modifying")
        self.add_event(group.replication_group_id, "replication-group", "Replica count decreased")
        return group

    @staticmethod
    def _replica_targets(group: GamectlReplicationGroup, new_replica_count: int | None, replica_configuration: list[dict[str, Any]] | None) -> dict[str, int]:
        if new_replica_count is not None and replica_configuration:
            raise InvalidParameterCombinationException("Specify either NewReplicaCount or ReplicaConfiguration, not both.")
        if replica_configuration:
            shard_ids = {shard["id"] for shard in group.shards}
            targets = {}
            for entry in replica_configuration:
                if entry.get("NodeGroupId") not in shard_ids:
                    raise NodeGroupNotFoundFault(str(entry.get("NodeGroupId")))
                targets[entry["NodeGroupId"]] = int(entry["NewReplicaCount"])
            return targets
        if new_replica_count is None:
            raise InvalidParameterValueException("One of NewReplicaCount or ReplicaConfiguration must be provided.")
        if new_replica_count < 0:
            raise InvalidParameterValueException("NewReplicaCount must be >= 0.")
        return {shard["id"]: new_replica_count for shard in group.shards}

    def modify_replication_group_shard_configuration(
        self, replication_group_id: str, node_group_count: int, apply_immediately: bool, to_remove: list[str] | None, to_retain: list[str] | None
    ) -> GamectlReplicationGroup:
        group = self.get_replication_group(replication_group_id)
        if not apply_immediately:
            raise InvalidParameterValueException("ApplyImmediately must be true for ModifyReplicationGroupShardConfiguration.")
        if not group.cluster_enabled:
            raise InvalidParameterValueException(f"Replication group {group.replication_group_id} does not have cluster mode enabled.")
        if node_group_count is None or node_group_count < 1 or node_group_count > 500:
            raise InvalidParameterValueException("NodeGroupCount must be between 1 and 500.")
        self._require_available(group)
        current = len(group.shards)
        if node_group_count == current:
            raise NoOperationFault(f"Replication group {group.replication_group_id} already has {current} node groups.")
        shard_ids = [shard["id"] for shard in group.shards]
        if node_group_count < current:
            if to_retain:
                unknown = [sid for sid in to_retain if sid not in shard_ids]
                if unknown:
                    raise NodeGroupNotFoundFault(unknown[0])
                if len(to_retain) != node_group_count:
                    raise InvalidParameterValueException("NodeGroupsToRetain must list exactly NodeGroupCount node groups.")
                keep = set(to_retain)
            elif to_remove:
                unknown = [sid for sid in to_remove if sid not in shard_ids]
                if unknown:
                    raise NodeGroupNotFoundFault(unknown[0])
                if current - len(set(to_remove)) != node_group_count:
                    raise InvalidParameterValueException("NodeGroupsToRemove must remove exactly the difference to NodeGroupCount.")
                keep = set(shard_ids) - set(to_remove)
            else:
                raise InvalidParameterValueException("Either NodeGroupsToRemove or NodeGroupsToRetain is required when reducing the number of node groups.")
            group.shards = [shard for shard in group.shards if shard["id"] in keep]
        else:
            replicas = len(group.shards[0]["members"]) - 1
            next_number = max(int(sid) for sid in shard_ids) + 1
            while len(group.shards) < node_group_count:
                shard_id = f"{next_number:04d}"
                next_number += 1
                group.shards.append({"id": shard_id, "members": [group._member_id(shard_id, n) for n in range(1, replicas + 2)]})
        group._assign_slots()
        group._sync_members()
        group.pending = {"Resharding": {"SlotMigration": {"ProgressPercentage": 0.0}}}
        group.begin("modifying")
        self.add_event(group.replication_group_id, "replication-group", f"Resharding to {node_group_count} node groups started")
        return group

    def delete_replication_group(self, replication_group_id: str, retain_primary_cluster: bool | None, final_snapshot_identifier: str | None = None) -> ReplicationGroup:  # type: ignore[override]
        group = self.get_replication_group(replication_group_id)
        if group.deleted_at is not None:
            raise InvalidReplicationGroupState(f"Replication group {group.replication_group_id} is already being deleted.")
        if group.status in ("creating", "modifying"):
            raise InvalidReplicationGroupState(f"Replication group {group.replication_group_id} is not in available state (current state: {group.status}).")
        if final_snapshot_identifier:
            if final_snapshot_identifier in self.snapshots:
                raise SnapshotAlreadyExists(final_snapshot_identifier)
            snapshot = self.create_snapshot(final_snapshot_identifier, group.replication_group_id, None, group.kms_key_id, [])
            snapshot.snapshot_source = "manual"
            snapshot.engine_version = group.engine_version
            snapshot.cache_parameter_group_name = group.cache_parameter_group_name
            snapshot.num_node_groups = len(group.shards)
        group.deleted_at = time.time() + async_delays.get("elasticache", "deleting")
        self.add_event(group.replication_group_id, "replication-group", "Replication group deletion started")
        if async_delays.get("elasticache", "deleting") <= 0:
            # Still answered with status `deleting`, as AWS does, but gone from the next describe.
            del self.replication_groups[group.replication_group_id]
        self._link_user_groups()
        return group

    def create_snapshot(self, snapshot_name: str, replication_group_id: str | None, cache_cluster_id: str | None, kms_key_id: str | None, tags: list[dict[str, str]] | None) -> Any:
        if replication_group_id:
            group = self.get_replication_group(replication_group_id)
            if not group.is_available():
                raise InvalidReplicationGroupState(f"Replication group {group.replication_group_id} is not in available state (current state: {group.status}).")
            replication_group_id = group.replication_group_id
        return super().create_snapshot(snapshot_name, replication_group_id, cache_cluster_id, kms_key_id, tags)

    def describe_snapshots(self, replication_group_id: str | None = None, *args: Any, **kwargs: Any) -> list[Any]:  # type: ignore[override]
        self._purge_deleted()
        if replication_group_id and replication_group_id not in self.replication_groups:
            # A deleted group's snapshots (e.g. its final snapshot) stay listed, as in AWS.
            snapshots = [s for s in self.snapshots.values() if s.replication_group_id == replication_group_id]
            if snapshots:
                return snapshots
        return super().describe_snapshots(replication_group_id, *args, **kwargs)

    def member_clusters(self, show_node_info: bool) -> list[MemberCacheCluster]:
        self._purge_deleted()
        views = []
        for group in self.replication_groups.values():
            assert isinstance(group, GamectlReplicationGroup)
            for member in group.members():
                views.append(MemberCacheCluster(group, member, group.cache_parameter_group_name, show_node_info))
        return views

    def describe_cache_clusters_with_members(self, cache_cluster_id: str | None, show_node_info: bool) -> list[Any]:
        clusters: list[Any] = list(self.cache_clusters.values()) + self.member_clusters(show_node_info)  # type: ignore[arg-type]
        if cache_cluster_id:
            matches = [cluster for cluster in clusters if cluster.cache_cluster_id == cache_cluster_id.lower() or cluster.cache_cluster_id == cache_cluster_id]
            if not matches:
                raise CacheClusterNotFound(cache_cluster_id)
            return matches
        return clusters

    # Parameter groups ----------------------------------------------------------------------------

    def create_cache_parameter_group(self, name: str, family: str, description: str, tags: list[dict[str, str]]) -> CacheParameterGroup:
        if not name:
            raise InvalidParameterValueException("The parameter CacheParameterGroupName must be provided and must not be blank.")
        if not description:
            raise InvalidParameterValueException("The parameter Description must be provided and must not be blank.")
        if family not in catalog.FAMILIES:
            raise InvalidParameterValueException(f"The parameter CacheParameterGroupFamily is not a valid family: {family}. Valid families: {', '.join(catalog.FAMILIES)}")
        if name.lower().startswith("default."):
            raise InvalidParameterValueException("Parameter group names starting with 'default.' are reserved.")
        name = name.lower()
        if name in self.cache_parameter_groups:
            raise CacheParameterGroupAlreadyExists(name)
        group = CacheParameterGroup(self.account_id, self.region_name, name, family, description)
        if tags:
            self.tagging_service.tag_resource(group.arn, tags)
        self.cache_parameter_groups[name] = group
        self.add_event(name, "cache-parameter-group", "Cache parameter group created")
        return group

    def describe_cache_parameter_groups(self, name: str | None) -> list[CacheParameterGroup]:
        if name:
            return [self.resolve_parameter_group(name.lower())]
        return list(self.cache_parameter_groups.values())

    def _modifiable_group(self, name: str) -> CacheParameterGroup:
        group = self.resolve_parameter_group((name or "").lower())
        if group.is_default:
            raise InvalidParameterValueException(f"Cannot modify a default parameter group: {group.cache_parameter_group_name}")
        return group

    def modify_cache_parameter_group(self, name: str, parameter_values: list[dict[str, Any]]) -> CacheParameterGroup:
        group = self._modifiable_group(name)
        if not parameter_values:
            raise InvalidParameterValueException("The parameter ParameterNameValues must be provided and must not be empty.")
        if len(parameter_values) > 20:
            raise InvalidParameterCombinationException("Cannot modify more than 20 parameters in a single request")
        staged = {}
        for entry in parameter_values:
            parameter_name = entry.get("ParameterName")
            value = entry.get("ParameterValue")
            parameter = group.defaults.get(parameter_name or "")
            if parameter is None:
                raise InvalidParameterValueException(f"Unrecognized parameter: {parameter_name}")
            if not parameter["IsModifiable"]:
                raise InvalidParameterValueException(f"The parameter {parameter_name} cannot be modified.")
            if value is None or not catalog.value_is_allowed(parameter, str(value)):
                raise InvalidParameterValueException(f"Invalid value for parameter {parameter_name}: {value}. Allowed values: {parameter['AllowedValues']}")
            staged[parameter_name] = str(value)
        self._refuse_cluster_mode_change(group, staged.get("cluster-enabled"))
        group.values.update(staged)
        self.add_event(group.cache_parameter_group_name, "cache-parameter-group", f"Cache parameter group modified: {', '.join(staged)}")
        return group

    def reset_cache_parameter_group(self, name: str, reset_all: bool, parameter_values: list[dict[str, Any]]) -> CacheParameterGroup:
        group = self._modifiable_group(name)
        if reset_all and parameter_values:
            raise InvalidParameterCombinationException("ResetAllParameters and ParameterNameValues cannot both be specified.")
        if reset_all:
            self._refuse_cluster_mode_change(group, group.defaults["cluster-enabled"]["ParameterValue"] if "cluster-enabled" in group.defaults else None)
            group.values.clear()
        else:
            if not parameter_values:
                raise InvalidParameterValueException("Either ResetAllParameters or ParameterNameValues must be specified.")
            for entry in parameter_values:
                parameter_name = entry.get("ParameterName") or ""
                if parameter_name not in group.defaults:
                    raise InvalidParameterValueException(f"Unrecognized parameter: {parameter_name}")
                if parameter_name == "cluster-enabled":
                    self._refuse_cluster_mode_change(group, group.defaults[parameter_name]["ParameterValue"])
            for entry in parameter_values:
                group.values.pop(entry.get("ParameterName") or "", None)
        return group

    def _refuse_cluster_mode_change(self, group: CacheParameterGroup, new_value: str | None) -> None:
        """Cluster mode is fixed for a replication group's life, so its group's cluster-enabled cannot
        flip under it (conservative: AWS documents the parameter as one that must match on a group switch)."""
        if new_value is None or new_value == group.value("cluster-enabled"):
            return
        self._purge_deleted()
        users = [g.replication_group_id for g in self.replication_groups.values() if g.cache_parameter_group_name == group.cache_parameter_group_name]
        if users:
            raise InvalidCacheParameterGroupState(
                f"The parameter cluster-enabled of parameter group {group.cache_parameter_group_name} cannot be changed while replication groups use it: {', '.join(sorted(users))}."
            )

    def delete_cache_parameter_group(self, name: str) -> None:
        group = self.resolve_parameter_group((name or "").lower())
        if group.is_default:
            raise InvalidCacheParameterGroupState(f"Default parameter group {group.cache_parameter_group_name} cannot be deleted.")
        self._purge_deleted()
        users = [g.replication_group_id for g in self.replication_groups.values() if g.cache_parameter_group_name == group.cache_parameter_group_name]
        if users:
            raise InvalidCacheParameterGroupState(
                f"One or more cache clusters are still members of parameter group {group.cache_parameter_group_name}, so the group cannot be deleted."
            )
        del self.cache_parameter_groups[group.cache_parameter_group_name]

    # Subnet groups -------------------------------------------------------------------------------

    def _check_subnets(self, subnet_ids: list[str] | None) -> None:
        # moto invents an availability zone for an unknown subnet; AWS refuses it.
        from moto.ec2.models import ec2_backends

        ec2 = ec2_backends[self.account_id][self.region_name]
        for subnet_id in subnet_ids or []:
            try:
                ec2.get_subnet(subnet_id)
            except Exception:
                raise InvalidSubnet(subnet_id) from None

    def create_cache_subnet_group(self, cache_subnet_group_name: str, cache_subnet_group_description: str, subnet_ids: list[str], tags: list[dict[str, str]] | None) -> CacheSubnetGroup:
        if not subnet_ids:
            raise InvalidParameterValueException("The parameter SubnetIds must be provided and must not be empty.")
        self._check_subnets(subnet_ids)
        return super().create_cache_subnet_group(cache_subnet_group_name, cache_subnet_group_description, subnet_ids, tags)

    def modify_cache_subnet_group(self, name: str, description: str | None, subnet_ids: list[str] | None) -> CacheSubnetGroup:
        if name not in self.cache_subnet_groups:
            raise CacheSubnetGroupNotFound(name)
        self._check_subnets(subnet_ids)
        current = self.cache_subnet_groups[name]
        replacement = CacheSubnetGroup(
            account_id=self.account_id,
            region_name=self.region_name,
            cache_subnet_group_name=name,
            cache_subnet_group_description=description if description is not None else current.cache_subnet_group_description,
            subnet_ids=subnet_ids if subnet_ids else current.subnet_ids,
            tags=current.tags,
        )
        self.cache_subnet_groups[name] = replacement
        return replacement

    def delete_cache_subnet_group(self, name: str) -> None:
        if name not in self.cache_subnet_groups:
            raise CacheSubnetGroupNotFound(name)
        self._purge_deleted()
        in_use = [g for g in self.replication_groups.values() if g.cache_subnet_group_name == name]
        in_use += [c for c in self.cache_clusters.values() if getattr(c, "cache_subnet_group_name", None) == name]
        if in_use:
            raise CacheSubnetGroupInUse(name)
        del self.cache_subnet_groups[name]

    # Users and user groups -----------------------------------------------------------------------

    def create_user(self, user_id: str, *args: Any, **kwargs: Any) -> User:  # type: ignore[override]
        if user_id in self.users:
            raise UserAlreadyExistsFault(user_id)
        if kwargs.get("authentication_type") == "iam" and kwargs.get("user_name") != user_id:
            raise InvalidParameterValueException("IAM authentication requires the user name to equal the user id.")
        return super().create_user(user_id, *args, **kwargs)

    def modify_user(self, user_id: str, params: dict[str, Any]) -> User:
        user = self.users.get(user_id)
        if user is None:
            raise UserNotFound(user_id)
        if user.status != "active":
            raise InvalidUserState(f"User {user_id} is not in active state.")
        changes = {key: value for key, value in params.items() if key != "UserId" and value is not None}
        if not changes:
            raise InvalidParameterCombinationException("No modifications were requested.")
        if "AccessString" in changes and "AppendAccessString" in changes:
            raise InvalidParameterCombinationException("AccessString and AppendAccessString cannot be specified together.")
        mode = changes.get("AuthenticationMode") or {}
        if mode.get("Type") == "iam" and user.name != user.id:
            raise InvalidParameterValueException("IAM authentication requires the user name to equal the user id.")
        passwords = changes.get("Passwords") or []
        if passwords and mode.get("Passwords"):
            raise InvalidParameterCombinationException("Passwords provided via multiple arguments. Use only one argument")
        passwords = passwords or mode.get("Passwords") or []
        if any(not 16 <= len(password) <= 128 for password in passwords):
            raise InvalidParameterValueException("Passwords length must be between 16-128 characters.")
        if mode:
            kind = mode.get("Type")
            if kind not in ("password", "no-password-required", "iam"):
                raise InvalidParameterValueException(f"Input Authentication type: {kind} is not in the allowed list: [password,no-password-required,iam]")
            if kind == "password" and not passwords:
                raise InvalidParameterCombinationException("A user with Authentication Mode: password, must have at least one password")
            if kind != "password" and passwords:
                raise InvalidParameterCombinationException(f"Password field is not allowed with authentication type: {kind}")
            user.authentication_type = kind
            user.no_password_required = kind == "no-password-required"
            user.passwords = list(passwords)
        elif passwords:
            user.authentication_type = "password"
            user.no_password_required = False
            user.passwords = list(passwords)
        if changes.get("NoPasswordRequired") is not None and not mode:
            user.no_password_required = bool(changes["NoPasswordRequired"])
            if user.no_password_required:
                user.authentication_type, user.passwords = "no-password-required", []
        if "AccessString" in changes:
            user.access_string = changes["AccessString"]
        if "AppendAccessString" in changes:
            user.access_string = f"{user.access_string} {changes['AppendAccessString']}".strip()
        return user

    def delete_user(self, user_id: str) -> User:
        user = self.users.get(user_id)
        if user is None:
            raise UserNotFound(user_id)
        if user_id == "default":
            if any("default" in group.user_ids for group in self.user_groups.values()):
                raise DefaultUserAssociatedToUserGroup("The default user is associated with a user group and cannot be deleted.")
            raise InvalidParameterValueException("The default user cannot be deleted.")
        for group in self.user_groups.values():
            if user_id in group.user_ids:
                group.user_ids.remove(user_id)
        del self.users[user_id]
        user.status = "deleting"
        self._link_user_groups()
        return user

    def describe_users(self, user_id: str | None) -> list[User]:
        if user_id:
            if user_id not in self.users:
                raise UserNotFound(user_id)
            return [self.users[user_id]]
        return list(self.users.values())

    def _check_group_members(self, engine: str, user_ids: list[str]) -> None:
        names: set[str] = set()
        for user_id in user_ids:
            user = self.users.get(user_id)
            if user is None:
                raise UserNotFound(user_id)
            if user.name in names:
                raise DuplicateUserName(user.name)
            names.add(user.name)
        if engine == "redis" and "default" not in names:
            raise DefaultUserRequired()

    def create_user_group(self, user_group_id: str, engine: str, user_ids: list[str], tags: list[dict[str, str]]) -> UserGroup:
        if not user_group_id:
            raise InvalidParameterValueException("The parameter UserGroupId must be provided and must not be blank.")
        if user_group_id in self.user_groups:
            raise UserGroupAlreadyExists(user_group_id)
        engine = (engine or "").lower()
        if engine not in ("redis", "valkey"):
            raise InvalidParameterValueException(f"Unknown parameter for Engine: {engine}, must be one of: redis, valkey")
        self._check_group_members(engine, user_ids)
        group = UserGroup(self.account_id, self.region_name, user_group_id, engine, list(user_ids))
        if tags:
            self.tagging_service.tag_resource(group.arn, tags)
        self.user_groups[user_group_id] = group
        self._link_user_groups()
        return group

    def get_user_group(self, user_group_id: str) -> UserGroup:
        group = self.user_groups.get(user_group_id)
        if group is None:
            raise UserGroupNotFound(user_group_id)
        return group

    def modify_user_group(self, user_group_id: str, to_add: list[str], to_remove: list[str]) -> UserGroup:
        group = self.get_user_group(user_group_id)
        if not to_add and not to_remove:
            raise InvalidParameterValueException("At least one of UserIdsToAdd or UserIdsToRemove must be provided.")
        for user_id in to_remove:
            if user_id not in group.user_ids:
                raise UserNotFound(user_id)
        user_ids = [uid for uid in group.user_ids if uid not in to_remove] + [uid for uid in to_add if uid not in group.user_ids]
        self._check_group_members(group.engine, user_ids)
        group.user_ids = user_ids
        self._link_user_groups()
        return group

    def delete_user_group(self, user_group_id: str) -> UserGroup:
        group = self.get_user_group(user_group_id)
        self._link_user_groups()
        if group.replication_groups:
            raise InvalidUserGroupState(f"User group {user_group_id} is associated with replication group(s) {', '.join(group.replication_groups)} and cannot be deleted.")
        del self.user_groups[user_group_id]
        group.status = "deleting"
        self._link_user_groups()
        return group

    def _link_user_groups(self) -> None:
        for group in self.user_groups.values():
            group.replication_groups = [rg.replication_group_id for rg in self.replication_groups.values() if group.user_group_id in (rg.user_group_ids or [])]
        for user in self.users.values():
            user.user_group_ids = [group.user_group_id for group in self.user_groups.values() if user.id in group.user_ids]

    # Tags: AWS answers NotFound for a resource that does not exist --------------------------------

    def _require_resource(self, arn: str) -> None:
        if not self.arn_regex.match(arn or ""):
            raise InvalidARNFault(arn)
        kind = arn.split(":")[5]
        name = arn.split(":", 6)[6]
        self._purge_deleted()
        checks: dict[str, tuple[Any, Any]] = {
            "replicationgroup": (self.replication_groups, ReplicationGroupNotFound),
            "parametergroup": (self.cache_parameter_groups, CacheParameterGroupNotFound),
            "subnetgroup": (self.cache_subnet_groups, CacheSubnetGroupNotFound),
            "user": (self.users, UserNotFound),
            "usergroup": (self.user_groups, UserGroupNotFound),
            "snapshot": (self.snapshots, SnapshotNotFound),
        }
        if kind in checks:
            registry, error = checks[kind]
            if name not in registry:
                raise error(name)
        elif kind == "cluster":
            members = {member.cache_cluster_id for member in self.member_clusters(False)}
            if name not in self.cache_clusters and name not in members:
                raise CacheClusterNotFound(name)

    def list_tags_for_resource(self, arn: str) -> dict[str, list[dict[str, str]]]:
        self._require_resource(arn)
        return self.tagging_service.list_tags_for_resource(arn)

    def add_tags_to_resource(self, arn: str, tags: list[dict[str, str]]) -> None:
        self._require_resource(arn)
        super().add_tags_to_resource(arn, tags)

    def remove_tags_from_resource(self, arn: str, tags: list[str]) -> None:
        self._require_resource(arn)
        super().remove_tags_from_resource(arn, tags)

    # Events --------------------------------------------------------------------------------------

    def describe_events(self, source_identifier: str | None, source_type: str | None, start: datetime | None, end: datetime | None, duration: int | None) -> list[dict[str, Any]]:
        if source_identifier and not source_type:
            raise InvalidParameterCombinationException("SourceType must be specified when SourceIdentifier is specified.")
        now = utcnow()
        if start is None:
            start = (end or now) - timedelta(minutes=duration or 60)
        end = end or now
        start, end = _aware(start), _aware(end)
        events = [
            event
            for event in self.events
            if (not source_identifier or event["SourceIdentifier"] == source_identifier)
            and (not source_type or event["SourceType"] == source_type)
            and start <= _aware(event["Date"]) <= end
        ]
        return list(reversed(events))


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _validate_window(window: str | None) -> None:
    if window is not None and not _MAINTENANCE_WINDOW.match(str(window).lower()):
        raise InvalidParameterValueException(f"Invalid PreferredMaintenanceWindow {window}: expected ddd:hh24:mi-ddd:hh24:mi, e.g. sun:05:00-sun:06:00")


def _validate_retention(limit: int | None) -> None:
    if limit is not None and not 0 <= int(limit) <= 35:
        raise InvalidParameterValueException(f"SnapshotRetentionLimit must be between 0 and 35, got {limit}")


def _validate_auth_token(token: str) -> None:
    if not 16 <= len(token) <= 128 or any(ch in token for ch in "\"/@ ") or not token.isprintable():
        raise InvalidParameterValueException("Invalid AuthToken: it must be 16-128 printable characters and must not contain \", /, @ or spaces.")


# --- responses -------------------------------------------------------------------------------------


class GamectlElastiCacheResponse(ElastiCacheResponse):
    @property
    def elasticache_backend(self) -> GamectlElastiCacheBackend:  # type: ignore[override]
        return elasticache_backends[self.current_account][self.region]  # type: ignore[return-value]

    def _params(self) -> dict[str, Any]:
        return dict(self._get_params())

    # Replication groups
    def delete_replication_group(self) -> ActionResult:
        group = self.elasticache_backend.delete_replication_group(
            self._get_param("ReplicationGroupId"),
            self._get_bool_param("RetainPrimaryCluster"),
            self._get_param("FinalSnapshotIdentifier"),
        )
        return ActionResult({"ReplicationGroup": group})

    def describe_replication_groups(self) -> ActionResult:
        groups = self.elasticache_backend.describe_replication_groups(self._get_param("ReplicationGroupId"))
        return ActionResult({"ReplicationGroups": groups})

    def modify_replication_group(self) -> ActionResult:
        params = self._params()
        group = self.elasticache_backend.modify_replication_group(params.get("ReplicationGroupId", ""), params)
        return ActionResult({"ReplicationGroup": group})

    def increase_replica_count(self) -> ActionResult:
        group = self.elasticache_backend.increase_replica_count(
            self._get_param("ReplicationGroupId"),
            self._get_int_param("NewReplicaCount"),
            self._get_param("ReplicaConfiguration"),
            bool(self._get_bool_param("ApplyImmediately")),
        )
        return ActionResult({"ReplicationGroup": group})

    def decrease_replica_count(self) -> ActionResult:
        group = self.elasticache_backend.decrease_replica_count(
            self._get_param("ReplicationGroupId"),
            self._get_int_param("NewReplicaCount"),
            self._get_param("ReplicaConfiguration"),
            self._get_param("ReplicasToRemove"),
            bool(self._get_bool_param("ApplyImmediately")),
        )
        return ActionResult({"ReplicationGroup": group})

    def modify_replication_group_shard_configuration(self) -> ActionResult:
        group = self.elasticache_backend.modify_replication_group_shard_configuration(
            self._get_param("ReplicationGroupId"),
            self._get_int_param("NodeGroupCount"),
            bool(self._get_bool_param("ApplyImmediately")),
            self._get_param("NodeGroupsToRemove"),
            self._get_param("NodeGroupsToRetain"),
        )
        return ActionResult({"ReplicationGroup": group})

    def describe_cache_clusters(self) -> ActionResult:
        clusters = self.elasticache_backend.describe_cache_clusters_with_members(self._get_param("CacheClusterId"), bool(self._get_bool_param("ShowCacheNodeInfo")))
        return ActionResult({"CacheClusters": clusters})

    # Parameter groups
    def create_cache_parameter_group(self) -> ActionResult:
        group = self.elasticache_backend.create_cache_parameter_group(
            self._get_param("CacheParameterGroupName"),
            self._get_param("CacheParameterGroupFamily"),
            self._get_param("Description"),
            self._get_param("Tags", []),
        )
        return ActionResult({"CacheParameterGroup": group})

    def describe_cache_parameter_groups(self) -> ActionResult:
        groups = self.elasticache_backend.describe_cache_parameter_groups(self._get_param("CacheParameterGroupName"))
        return ActionResult({"CacheParameterGroups": groups})

    def modify_cache_parameter_group(self) -> ActionResult:
        group = self.elasticache_backend.modify_cache_parameter_group(self._get_param("CacheParameterGroupName"), self._get_param("ParameterNameValues", []))
        return ActionResult({"CacheParameterGroupName": group.cache_parameter_group_name})

    def reset_cache_parameter_group(self) -> ActionResult:
        group = self.elasticache_backend.reset_cache_parameter_group(
            self._get_param("CacheParameterGroupName"),
            bool(self._get_bool_param("ResetAllParameters")),
            self._get_param("ParameterNameValues", []),
        )
        return ActionResult({"CacheParameterGroupName": group.cache_parameter_group_name})

    def describe_cache_parameters(self) -> ActionResult:
        source = self._get_param("Source")
        if source is not None and source not in ("user", "system", "engine-default"):
            raise InvalidParameterValueException(f"Invalid Source {source}: expected user, system or engine-default")
        group = self.elasticache_backend.resolve_parameter_group((self._get_param("CacheParameterGroupName") or "").lower())
        return ActionResult({"Parameters": group.parameters(source), "CacheNodeTypeSpecificParameters": []})

    def delete_cache_parameter_group(self) -> ActionResult:
        self.elasticache_backend.delete_cache_parameter_group(self._get_param("CacheParameterGroupName"))
        return EmptyResult()

    # Subnet groups
    def modify_cache_subnet_group(self) -> ActionResult:
        group = self.elasticache_backend.modify_cache_subnet_group(
            self._get_param("CacheSubnetGroupName"), self._get_param("CacheSubnetGroupDescription"), self._get_param("SubnetIds")
        )
        return ActionResult({"CacheSubnetGroup": group})

    def delete_cache_subnet_group(self) -> ActionResult:
        self.elasticache_backend.delete_cache_subnet_group(self._get_param("CacheSubnetGroupName"))
        return EmptyResult()

    # Engine versions and events
    def describe_cache_engine_versions(self) -> ActionResult:
        engine = self._get_param("Engine")
        version = self._get_param("EngineVersion")
        family = self._get_param("CacheParameterGroupFamily")
        versions = [
            v
            for v in catalog.engine_versions()
            if (not engine or v["Engine"] == engine) and (not version or v["EngineVersion"] == version) and (not family or v["CacheParameterGroupFamily"] == family)
        ]
        if self._get_bool_param("DefaultOnly"):
            versions = [v for v in versions if v["EngineVersion"] == catalog.DEFAULT_ENGINE_VERSION.get(v["Engine"])]
        return ActionResult({"CacheEngineVersions": versions})

    def describe_events(self) -> ActionResult:
        duration = self._get_int_param("Duration")
        if duration is not None and not 0 <= duration <= 20160:
            raise InvalidParameterValueException("Duration must be between 0 and 20160 minutes.")
        events = self.elasticache_backend.describe_events(
            self._get_param("SourceIdentifier"), self._get_param("SourceType"), self._get_param("StartTime"), self._get_param("EndTime"), duration
        )
        return ActionResult({"Events": events})

    # Users and user groups
    def create_user(self) -> ActionResult:
        user_id = self._get_param("UserId")
        if user_id in self.elasticache_backend.users:
            raise UserAlreadyExistsFault(user_id)
        return super().create_user()

    def modify_user(self) -> ActionResult:
        params = self._params()
        return ActionResult(self.elasticache_backend.modify_user(params.get("UserId", ""), params))

    def create_user_group(self) -> ActionResult:
        group = self.elasticache_backend.create_user_group(
            self._get_param("UserGroupId"), self._get_param("Engine"), self._get_param("UserIds", []), self._get_param("Tags", [])
        )
        return ActionResult(group)

    def describe_user_groups(self) -> ActionResult:
        user_group_id = self._get_param("UserGroupId")
        backend = self.elasticache_backend
        backend._link_user_groups()
        groups = [backend.get_user_group(user_group_id)] if user_group_id else list(backend.user_groups.values())
        return ActionResult({"UserGroups": groups})

    def modify_user_group(self) -> ActionResult:
        group = self.elasticache_backend.modify_user_group(self._get_param("UserGroupId"), self._get_param("UserIdsToAdd", []), self._get_param("UserIdsToRemove", []))
        return ActionResult(group)

    def delete_user_group(self) -> ActionResult:
        return ActionResult(self.elasticache_backend.delete_user_group(self._get_param("UserGroupId")))


_endpoint_override: dict[str, str | None] = {"address": None}


def endpoint_address(made_up: str) -> str:
    """The address ElastiCache reports: moto's made-up name, or the one a test mapped every endpoint to."""
    return _endpoint_override["address"] or made_up


def admin_endpoint(method: str, body: Any) -> Any:
    """`POST /_gamectl/elasticache/endpoint {"address": "127.0.0.1"}`: every replication group and cache
    node reports that address (with the port it was created with), so outputs and task definitions point
    at a real local redis-server. `DELETE` goes back to moto's names."""
    if method == "GET":
        return dict(_endpoint_override)
    if method == "DELETE":
        _endpoint_override["address"] = None
        return dict(_endpoint_override)
    if method != "POST":
        raise ValueError("use POST with {\"address\": \"127.0.0.1\"}, GET or DELETE")
    if not isinstance(body, dict) or not isinstance(body.get("address"), str) or not body["address"]:
        raise ValueError('body needs {"address": "<host or IP every endpoint reports>"}')
    _endpoint_override["address"] = body["address"]
    return dict(_endpoint_override)


def admin_add_event(method: str, body: Any) -> Any:
    """`POST /_gamectl/elasticache/events`: records an event, e.g. an AWS-side rollback to observe."""
    if method != "POST":
        raise ValueError("use POST with {\"sourceIdentifier\", \"sourceType\", \"message\"}")
    if not isinstance(body, dict) or not all(isinstance(body.get(key), str) and body.get(key) for key in ("sourceIdentifier", "sourceType", "message")):
        raise ValueError("body needs string fields sourceIdentifier, sourceType (e.g. replication-group) and message")
    backend = elasticache_backends[body.get("accountId", DEFAULT_ACCOUNT_ID)][body.get("region", "us-east-1")]
    backend.add_event(body["sourceIdentifier"], body["sourceType"], body["message"])
    return {"recorded": True}


def install() -> None:
    elasticache_backends.backend = GamectlElastiCacheBackend
    elasticache_urls.url_paths = {"{0}/$": GamectlElastiCacheResponse.dispatch}

"""Reference data for the ElastiCache extensions: engine versions and default parameters per family.

Values follow the ElastiCache documentation for Redis OSS 6.x/7 and Valkey 7/8 parameter groups
(a representative subset: the parameters operators actually tune, not all two hundred).
"""

from typing import Any

# (engine, version, family, is engine default)
ENGINE_VERSIONS: list[tuple[str, str, str]] = [
    ("redis", "6.0", "redis6.x"),
    ("redis", "6.2", "redis6.x"),
    ("redis", "7.0", "redis7"),
    ("redis", "7.1", "redis7"),
    ("valkey", "7.2", "valkey7"),
    ("valkey", "8.0", "valkey8"),
    ("valkey", "8.1", "valkey8"),
]
DEFAULT_ENGINE_VERSION = {"redis": "7.1", "valkey": "8.1"}

FAMILIES = [
    "memcached1.4", "memcached1.5", "memcached1.6", "redis2.6", "redis2.8", "redis3.2",
    "redis4.0", "redis5.0", "redis6.x", "redis7", "valkey7", "valkey8",
]
DEFAULT_GROUP_FAMILIES = ["redis6.x", "redis7", "valkey7", "valkey8"]

EVICTION_POLICIES = "volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction"

# name, default value, data type, allowed values, modifiable, change type, minimum engine version, description
_BASE_PARAMETERS: list[tuple[str, str, str, str, bool, str, str, str]] = [
    ("activedefrag", "no", "string", "yes,no", True, "immediate", "4.0.9", "Enabled active memory defragmentation"),
    ("active-defrag-cycle-max", "75", "integer", "1-75", True, "immediate", "4.0.9", "Maximal effort for defrag in CPU percentage"),
    ("active-defrag-cycle-min", "5", "integer", "1-75", True, "immediate", "4.0.9", "Minimal effort for defrag in CPU percentage"),
    ("appendfsync", "everysec", "string", "always,everysec,no", True, "immediate", "2.8.22", "fsync policy for AOF persistence"),
    ("appendonly", "no", "string", "yes,no", True, "immediate", "2.8.22", "Enable Redis persistence."),
    ("client-output-buffer-limit-pubsub-hard-limit", "33554432", "integer", "0-", True, "immediate", "2.8.24", "Pub/sub client output buffer hard limit in bytes."),
    ("close-on-replica-write", "yes", "string", "yes,no", True, "immediate", "5.0.0", "If enabled, clients who attempt to write to a read-only replica will be disconnected."),
    ("cluster-allow-reads-when-down", "no", "string", "yes,no", True, "immediate", "6.0.0", "Allow reads while the cluster is down."),
    # Modifiable in a custom group, as AWS documents; the backend refuses changing it under a replication group.
    ("cluster-enabled", "no", "string", "yes,no", True, "requires-reboot", "3.2.4", "Enable cluster mode"),
    ("databases", "16", "integer", "1-1200000", True, "requires-reboot", "2.8.24", "Set the number of databases."),
    ("lazyfree-lazy-eviction", "no", "string", "yes,no", True, "immediate", "4.0.10", "Perform an asynchronous delete on evictions"),
    ("lazyfree-lazy-expire", "no", "string", "yes,no", True, "immediate", "4.0.10", "Perform an asynchronous delete on expired keys"),
    ("lfu-decay-time", "1", "integer", "0-", True, "immediate", "4.0.10", "The amount of time in minutes to decrement the key counter for LFU eviction policy"),
    ("lfu-log-factor", "10", "integer", "1-", True, "immediate", "4.0.10", "The log factor for incrementing key counter for LFU eviction policy"),
    ("lua-time-limit", "5000", "integer", "5000", False, "immediate", "2.8.24", "Max execution time of a Lua script in milliseconds. 0 for unlimited execution without warnings."),
    ("maxclients", "65000", "integer", "1-65000", False, "immediate", "2.8.24", "The maximum number of Redis clients."),
    ("maxmemory-policy", "volatile-lru", "string", EVICTION_POLICIES, True, "immediate", "2.8.24", "Max memory policy."),
    ("maxmemory-samples", "3", "integer", "1-", True, "immediate", "2.8.24", "Max memory samples."),
    ("notify-keyspace-events", "", "string", "", True, "immediate", "2.8.24", "The keyspace events for Redis to notify Pub/Sub clients about. By default all notifications are disabled"),
    ("repl-backlog-size", "1048576", "integer", "16384-", True, "immediate", "2.8.24", "The replication backlog size in bytes for PSYNC."),
    ("reserved-memory-percent", "25", "integer", "0-100", True, "immediate", "2.8.24", "The percent of memory reserved for non-cache memory usage. You may want to increase this parameter for nodes with read replicas, AOF enabled, etc, to reduce swap usage."),
    ("slowlog-log-slower-than", "10000", "integer", "0-", True, "immediate", "2.8.24", "The execution time, in microseconds, to exceed in order for the command to get logged. Note that a negative number disables the slow log, while a value of zero forces the logging of every command."),
    ("slowlog-max-len", "128", "integer", "0-", True, "immediate", "2.8.24", "The length of the slow log. There is no limit to this length. Just be aware that it will consume memory. You can reclaim memory used by the slow log with SLOWLOG RESET."),
    ("tcp-keepalive", "300", "integer", "0-", True, "immediate", "2.8.24", "If non-zero, send ACKs every given number of seconds."),
    ("timeout", "0", "integer", "0,20-", True, "immediate", "2.8.24", "Close connection if client is idle for a given number of seconds, or never if 0."),
]
_REDIS7_PARAMETERS = [
    ("latency-tracking", "no", "string", "yes,no", True, "immediate", "7.0.0", "Enables tracking of per command latency metrics."),
    ("cluster-allow-pubsubshard-when-down", "yes", "string", "yes,no", True, "immediate", "7.0.0", "Allow shard pubsub while the cluster is down."),
]


def default_parameters(family: str, cluster_on: bool = False) -> dict[str, dict[str, Any]]:
    rows = list(_BASE_PARAMETERS)
    if family in ("redis7", "valkey7", "valkey8"):
        rows += _REDIS7_PARAMETERS
    parameters: dict[str, dict[str, Any]] = {}
    for name, value, data_type, allowed, modifiable, change_type, minimum, description in rows:
        if name == "cluster-enabled" and cluster_on:
            value = "yes"
        parameters[name] = {
            "ParameterName": name,
            "ParameterValue": value,
            "Description": description,
            "Source": "system",
            "DataType": data_type,
            "AllowedValues": allowed,
            "IsModifiable": modifiable,
            "MinimumEngineVersion": minimum,
            "ChangeType": change_type,
        }
    return parameters


def value_is_allowed(parameter: dict[str, Any], value: str) -> bool:
    allowed = parameter["AllowedValues"]
    if not allowed:
        return True
    if parameter["DataType"] == "integer":
        try:
            number = int(value)
        except ValueError:
            return False
        for part in allowed.split(","):
            low, _, high = part.partition("-")
            if "-" not in part:
                if number == int(part):
                    return True
            elif number >= int(low) and (high == "" or number <= int(high)):
                return True
        return False
    return value in allowed.split(",")


def family_for(engine: str, version: str) -> str:
    major = version.split(".")[0]
    if engine == "valkey":
        return f"valkey{major}"
    if major == "6":
        return "redis6.x"
    if major in ("2", "3", "4", "5"):
        return f"redis{version[:3]}"
    return f"redis{major}"


def known_engine_major(engine: str, version: str) -> bool:
    major = version.split(".")[0]
    return any(e == engine and v.split(".")[0] == major for e, v, _ in ENGINE_VERSIONS)


def engine_versions() -> list[dict[str, str]]:
    return [
        {
            "Engine": engine,
            "EngineVersion": version,
            "CacheParameterGroupFamily": family,
            "CacheEngineDescription": "Valkey" if engine == "valkey" else "Redis",
            "CacheEngineVersionDescription": f"{'Valkey' if engine == 'valkey' else 'Redis'} {version}",
        }
        for engine, version, family in ENGINE_VERSIONS
    ]

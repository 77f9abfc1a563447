"""`launcher.py --self-check`: drives the extensions in-process, without Node, and reports.

A quick way to tell on a new machine whether moto and the extensions load and answer, before
blaming a test.
"""

import json
from typing import Any

from werkzeug.test import Client

_AUTH = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0"


def run(app: Any) -> bool:
    client = Client(app)

    def query(service: str, body: str) -> tuple[int, str]:
        response = client.post("/", data=body, content_type="application/x-www-form-urlencoded", headers={"Authorization": _AUTH.format(service=service)})
        return response.status_code, response.get_data(as_text=True)

    def admin(method: str, path: str, body: Any = None) -> tuple[int, Any]:
        response = client.open(path, method=method, data=json.dumps(body) if body is not None else None, content_type="application/json")
        return response.status_code, response.get_json()

    checks: list[tuple[str, bool]] = []
    status, text = query("elasticache", "Action=CreateCacheParameterGroup&Version=2015-02-02&CacheParameterGroupName=selfcheck&CacheParameterGroupFamily=redis7&Description=d")
    checks.append(("ElastiCache CreateCacheParameterGroup", status == 200))
    status, text = query("elasticache", "Action=DescribeCacheParameters&Version=2015-02-02&CacheParameterGroupName=selfcheck")
    checks.append(("ElastiCache default maxmemory-policy is volatile-lru", status == 200 and "volatile-lru" in text))
    status, text = query(
        "elasticache",
        "Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=selfcheck&ReplicationGroupDescription=d&NumCacheClusters=2&CacheNodeType=cache.t4g.micro",
    )
    checks.append(("ElastiCache NumCacheClusters honoured", status == 200 and "selfcheck-002" in text))
    status, text = query(
        "elasticache",
        "Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=selfcheck-sharded&ReplicationGroupDescription=d&NumNodeGroups=2"
        "&CacheNodeType=cache.t4g.micro&CacheParameterGroupName=selfcheck",
    )
    checks.append(("ElastiCache two node groups need cluster-enabled yes", status == 400 and "<Code>InvalidParameterCombination</Code>" in text))
    status, _ = query(
        "elasticache",
        "Action=ModifyCacheParameterGroup&Version=2015-02-02&CacheParameterGroupName=selfcheck"
        "&ParameterNameValues.ParameterNameValue.1.ParameterName=cluster-enabled&ParameterNameValues.ParameterNameValue.1.ParameterValue=yes",
    )
    checks.append(("ElastiCache cluster-enabled is modifiable in a custom group", status == 200))
    status, text = query(
        "elasticache",
        "Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=selfcheck-one&ReplicationGroupDescription=d&NumNodeGroups=1"
        "&CacheNodeType=cache.t4g.micro&CacheParameterGroupName=selfcheck",
    )
    checks.append(("ElastiCache a cluster-enabled group with one node group is cluster mode", status == 200 and "<ClusterEnabled>true</ClusterEnabled>" in text))
    admin("POST", "/_gamectl/faults", {"rate": 1, "kinds": ["throttle"]})
    status, text = query("elasticache", "Action=DescribeReplicationGroups&Version=2015-02-02")
    checks.append(("fault injection answers Throttling", status == 400 and "<Code>Throttling</Code>" in text))
    admin("DELETE", "/_gamectl/faults")
    _, recorded = admin("GET", "/_gamectl/requests")
    checks.append(("requests recorded with params", any(r["operation"] == "CreateReplicationGroup" and r["params"].get("NumCacheClusters") == 2 for r in recorded)))
    status, _ = admin("POST", "/moto-api/reset")
    _, recorded = admin("GET", "/_gamectl/requests")
    checks.append(("reset clears the recording", status == 200 and recorded == []))
    for name, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {name}")
    return all(passed for _, passed in checks)

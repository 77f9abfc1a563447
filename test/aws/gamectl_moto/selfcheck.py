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
    admin("POST", "/_gamectl/elasticache/endpoint", {"address": "127.0.0.1"})
    status, text = query("elasticache", "Action=DescribeReplicationGroups&Version=2015-02-02&ReplicationGroupId=selfcheck")
    checks.append(("ElastiCache endpoints mapped to a test address", status == 200 and "<Address>127.0.0.1</Address>" in text))
    status, _ = admin("POST", "/moto-api/reset")
    _, recorded = admin("GET", "/_gamectl/requests")
    checks.append(("reset clears the recording", status == 200 and recorded == []))
    from .events import delivery_allowed

    queue, rule = "arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:events:us-east-1:123456789012:rule/r"
    statement = {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": queue}
    checks.append(("EventBridge delivers to SQS only under a queue policy allowing the rule", not delivery_allowed(None, queue, rule, "123456789012")
                   and delivery_allowed(json.dumps({"Statement": [{**statement, "Condition": {"ArnEquals": {"aws:SourceArn": rule}}}]}), queue, rule, "123456789012")
                   and not delivery_allowed(json.dumps({"Statement": [{**statement, "Condition": {"ArnEquals": {"aws:SourceArn": rule + "-other"}}}]}), queue, rule, "123456789012")))
    for name, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {name}")
    return all(passed for _, passed in checks)


def run_enforced(app: Any) -> bool:
    """--enforce-iam: the bootstrap admin may do anything, a task role only what its policy names."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    client = Client(app)

    def admin(method: str, path: str) -> tuple[int, Any]:
        response = client.open(path, method=method)
        return response.status_code, response.get_json()

    def call(keys: dict[str, str], service: str, target: str, body: Any, json_version: str = "1.0") -> tuple[int, Any]:
        data = json.dumps(body)
        headers = {"Content-Type": f"application/x-amz-json-{json_version}", "X-Amz-Target": target, "Host": "localhost"}
        request = AWSRequest(method="POST", url="http://localhost/", data=data, headers=headers)
        credentials = Credentials(keys["AccessKeyId"], keys["SecretAccessKey"], keys.get("Token"))
        SigV4Auth(credentials, service, "us-east-1").add_auth(request)
        response = client.post("/", data=data, headers=dict(request.headers.items()))
        return response.status_code, response.get_json(silent=True) or response.get_data(as_text=True)

    def query(keys: dict[str, str], service: str, body: str) -> tuple[int, str]:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Host": "localhost"}
        request = AWSRequest(method="POST", url="http://localhost/", data=body, headers=headers)
        SigV4Auth(Credentials(keys["AccessKeyId"], keys["SecretAccessKey"], keys.get("Token")), service, "us-east-1").add_auth(request)
        signed = dict(request.headers.items())
        response = client.post("/", data=body.encode(), content_type=signed.pop("Content-Type"), headers=signed)
        return response.status_code, response.get_data(as_text=True)

    checks: list[tuple[str, bool]] = []
    _, boot = admin("GET", "/_gamectl/iam/bootstrap")
    root = {"AccessKeyId": boot["accessKeyId"], "SecretAccessKey": boot["secretAccessKey"]}
    status, _ = call({"AccessKeyId": "AKIAUNKNOWN000000000", "SecretAccessKey": "x"}, "dynamodb", "DynamoDB_20120810.ListTables", {})
    checks.append(("unknown keys are refused", status in (400, 403)))
    table = {"TableName": "t", "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}
    status, _ = call(root, "dynamodb", "DynamoDB_20120810.CreateTable", table)
    checks.append(("bootstrap admin creates a table", status == 200))
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/t"}]})
    from urllib.parse import urlencode

    query(root, "iam", urlencode({"Action": "CreateRole", "Version": "2010-05-08", "RoleName": "task", "AssumeRolePolicyDocument": trust}))
    query(root, "iam", urlencode({"Action": "PutRolePolicy", "Version": "2010-05-08", "RoleName": "task", "PolicyName": "p", "PolicyDocument": policy}))
    status, task = admin("GET", "/_gamectl/ecs/credentials/task")
    checks.append(("ECS credentials for a role trusting ecs-tasks", status == 200 and task["AccessKeyId"].startswith("ASIA")))
    status, _ = call(task, "dynamodb", "DynamoDB_20120810.GetItem", {"TableName": "t", "Key": {"k": {"S": "a"}}})
    checks.append(("task role: GetItem on its table ARN allowed", status == 200))
    status, body = call(task, "dynamodb", "DynamoDB_20120810.PutItem", {"TableName": "t", "Item": {"k": {"S": "a"}}})
    checks.append(("task role: PutItem denied as AccessDeniedException", status == 400 and "AccessDeniedException" in str(body)))
    status, body = call(task, "dynamodb", "DynamoDB_20120810.TransactWriteItems", {"TransactItems": [{"Put": {"TableName": "t", "Item": {"k": {"S": "b"}}}}]})
    checks.append(("task role: TransactWriteItems needs PutItem per item", status == 400 and "dynamodb:PutItem" in str(body)))
    query(root, "iam", urlencode({"Action": "CreateRole", "Version": "2010-05-08", "RoleName": "other", "AssumeRolePolicyDocument": trust.replace("ecs-tasks", "lambda")}))
    status, _ = admin("GET", "/_gamectl/ecs/credentials/other")
    checks.append(("no ECS credentials for a role not trusting ecs-tasks (403)", status == 403))
    allowed = client.post("/_gamectl/iam/authorize", json={"accessKeyId": task["AccessKeyId"], "action": "dynamodb:GetItem", "resources": ["arn:aws:dynamodb:us-east-1:123456789012:table/t"]}).get_json()
    refused = client.post("/_gamectl/iam/authorize", json={"accessKeyId": task["AccessKeyId"], "action": "elasticache:Connect", "resources": ["arn:aws:elasticache:us-east-1:123456789012:user:u"]}).get_json()
    checks.append(("authorize route evaluates a key's policies", allowed["allowed"] is True and refused["allowed"] is False))
    logs_policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/game:*"}]})
    query(root, "iam", urlencode({"Action": "CreateRole", "Version": "2010-05-08", "RoleName": "exec", "AssumeRolePolicyDocument": trust}))
    query(root, "iam", urlencode({"Action": "PutRolePolicy", "Version": "2010-05-08", "RoleName": "exec", "PolicyName": "logs", "PolicyDocument": logs_policy}))
    call(root, "logs", "Logs_20140328.CreateLogGroup", {"logGroupName": "/ecs/game"}, "1.1")
    call(root, "logs", "Logs_20140328.CreateLogGroup", {"logGroupName": "/ecs/other"}, "1.1")
    _, execution = admin("GET", "/_gamectl/ecs/credentials/exec")
    stream = call(execution, "logs", "Logs_20140328.CreateLogStream", {"logGroupName": "/ecs/game", "logStreamName": "game/game/1"}, "1.1")[0]
    put = call(execution, "logs", "Logs_20140328.PutLogEvents", {"logGroupName": "/ecs/game", "logStreamName": "game/game/1", "logEvents": [{"timestamp": 1, "message": "m"}]}, "1.1")[0]
    other = call(execution, "logs", "Logs_20140328.CreateLogStream", {"logGroupName": "/ecs/other", "logStreamName": "s"}, "1.1")[0]
    checks.append(("logs: a stream in the granted group (log-group:<name>:*) allowed, another group denied", (stream, put, other) == (200, 200, 400)))
    _, recorded = admin("GET", "/_gamectl/requests")
    checks.append(("denials recorded with their error code", any(r["operation"] == "PutItem" and r["error"] == "AccessDeniedException" for r in recorded)))
    for name, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {name}")
    return all(passed for _, passed in checks)

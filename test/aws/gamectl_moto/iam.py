"""`--enforce-iam`: moto's request authentication and authorization, with the resources and condition
keys AWS uses for the calls the game server, the ECS agent and the controller make.

moto 5.2 checks signatures and identity policies once `INITIAL_NO_AUTH_ACTION_COUNT` is reached, but
it authorizes most services against the resource `"*"`, so a policy that names a table ARN denies
everything; it has no IAM action per item of a DynamoDB transaction (AWS has no action named
TransactWriteItems: it authorizes PutItem, UpdateItem, DeleteItem and ConditionCheckItem on each
item's table); and it evaluates conditions without request context, where a condition on a missing
key passes. Here:

- every request is authorized for each (action, resource) pair AWS would check, from `_authorizations`;
  services without an entry keep moto's own resource (usually `"*"`), so a policy naming specific
  ARNs for them is denied, never wrongly allowed;
- conditions are evaluated with the keys in `_condition_context`; a key the request does not carry
  makes the condition false, as in AWS (an Allow with it does not apply; a Deny with an operator this
  module does not know applies, so the result is never more permissive than AWS);
- DynamoDB and the other JSON services answer `AccessDeniedException` (HTTP 400, JSON), as AWS does;
  query services keep moto's `AccessDenied` (HTTP 403, XML).

Also: the bootstrap administrator (`GET /_gamectl/iam/bootstrap`), ECS task-role credentials
(`GET /_gamectl/ecs/credentials/<role>`) and the secret of a key moto issued
(`GET /_gamectl/iam/keys/<access key id>`, for a test-side SigV4 check such as ElastiCache IAM auth).
"""

import datetime
import json
import re
import threading
from typing import Any

from moto import settings
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.exceptions import InvalidClientTokenIdError, JsonRESTError
from moto.iam.access_control import IAMPolicy, IAMRequest
from moto.iam.models import iam_backends
from moto.sts.models import sts_backends

PARTITION = "aws"
ADMIN_USER = "gamectl-admin"
ADMIN_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
ECS_TASKS_PRINCIPAL = "ecs-tasks.amazonaws.com"
# Services whose AWS protocol is JSON: their SDKs expect AccessDeniedException as a JSON body.
JSON_SERVICES = {"dynamodb", "secretsmanager", "logs", "ecs", "monitoring", "ssm", "kms", "sqs"}

# Where a SigV4 signing name differs from the IAM action prefix (moto uses the signing name for both).
IAM_PREFIX = {"monitoring": "cloudwatch"}

_state = {"enforcing": False}
_lock = threading.Lock()


def enable() -> None:
    """Turns authentication and authorization on for every request from now on (moto's own switch)."""
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    ActionAuthenticatorMixin.request_count = 0
    _state["enforcing"] = True


def enforcing() -> bool:
    return bool(_state["enforcing"])


def install() -> None:
    """Replaces moto's authorization step for every service (a no-op until `enable`)."""
    ActionAuthenticatorMixin._authenticate_and_authorize_normal_action = _authorize  # type: ignore[method-assign]


# --- Authorization -------------------------------------------------------------------------------


def _authorize(self: Any, resource: str = "*") -> None:
    if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
        ActionAuthenticatorMixin.request_count += 1
        return
    if "Authorization" not in self.headers:
        # moto would fail with a KeyError (HTTP 500); AWS refuses an unsigned call.
        raise _MissingAuthenticationToken()
    service = _signing_service(self.headers)
    operation = self._get_action()
    request = _ContextRequest(
        account_id=self.current_account, method=self.method, path=_path(self.uri), data=self.data,
        body=self.raw_body, headers=self.headers, action=operation,
    )
    request.check_signature()
    params = _params(self)
    prefix = IAM_PREFIX.get(service, service)
    checks = _authorizations(service, operation, params, self.region, self.current_account) or [(f"{prefix}:{operation}", resource)]
    context = _condition_context(service, operation, params, self.region, self.current_account)
    try:
        for action, arn in checks:
            request.check(action, arn, context)
            if arn == resource and request._is_assuming_role_operation(resource):
                # sts:AssumeRole on a role: moto's own check adds the role's trust policy.
                request.check_action_permitted(resource)
    except Exception as error:
        if service in JSON_SERVICES and getattr(error, "error_type", "") == "AccessDenied":
            raise JsonRESTError("AccessDeniedException", str(getattr(error, "message", error))) from None
        raise


class _MissingAuthenticationToken(InvalidClientTokenIdError):
    """moto's authentication error, with AWS's code for a call that carries no signature at all."""

    code = 403

    def __init__(self) -> None:
        super(InvalidClientTokenIdError, self).__init__("MissingAuthenticationToken", "Request is missing Authentication Token")


def _signing_service(headers: Any) -> str:
    scope = re.search(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/aws4_request", headers.get("Authorization", ""))
    return scope.group(1) if scope else ""


def _path(uri: str) -> str:
    from urllib.parse import urlparse

    parsed = urlparse(uri)
    return parsed.path + ("?" + parsed.query if parsed.query else "")


def _params(response: Any) -> dict[str, Any]:
    """The request's parameters however this response class parsed them (JSON services: the body)."""
    parsed = getattr(response, "params", None)
    if isinstance(parsed, dict) and parsed:
        return parsed
    body = getattr(response, "body", None)
    if isinstance(body, dict):
        return body
    if isinstance(body, (str, bytes)) and body:
        try:
            loaded = json.loads(body)
            if isinstance(loaded, dict):
                return loaded
        except ValueError:
            pass
    query = getattr(response, "querystring", {}) or {}
    return {key: value[0] if isinstance(value, list) and len(value) == 1 else value for key, value in query.items()}


def _authorizations(service: str, operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    """The (action, resource) pairs AWS authorizes for this call; [] means "moto's default"."""
    if service == "dynamodb":
        return _dynamodb(operation, params, region, account)
    if service == "secretsmanager":
        secret = params.get("SecretId") or params.get("Name")
        if operation in ("ListSecrets", "GetRandomPassword", "BatchGetSecretValue") or not secret:
            return [(f"secretsmanager:{operation}", "*")]
        return [(f"secretsmanager:{operation}", _secret_arn(str(secret), region, account))]
    if service == "logs":
        return _logs(operation, params, region, account)
    if service == "ecs":
        return _ecs(operation, params, region, account)
    return []


def _logs(operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    """Log groups are authorized as `log-group:<name>:*` and streams as `log-group:<name>:log-stream:<stream>`,
    so a policy naming `log-group:<name>` without `:*` is denied, as on AWS."""
    base = f"arn:{PARTITION}:logs:{region}:{account}:log-group:"
    group = params.get("logGroupName")
    stream = params.get("logStreamName")
    if operation in ("TagResource", "UntagResource", "ListTagsForResource") and params.get("resourceArn"):
        return [(f"logs:{operation}", str(params["resourceArn"]))]
    if group and stream and operation in ("PutLogEvents", "GetLogEvents", "DeleteLogStream"):
        return [(f"logs:{operation}", f"{base}{group}:log-stream:{stream}")]
    if group:
        return [(f"logs:{operation}", f"{base}{group}:*")]
    return [(f"logs:{operation}", "*")]


def _ecs_cluster(params: dict[str, Any], region: str, account: str, key: str = "cluster") -> tuple[str, str]:
    cluster = str(params.get(key) or "default")
    if cluster.startswith("arn:"):
        return cluster, cluster.rsplit("/", 1)[-1]
    return f"arn:{PARTITION}:ecs:{region}:{account}:cluster/{cluster}", cluster


def _ecs(operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    """Services as `service/<cluster>/<name>`, clusters as `cluster/<name>`; task definitions and lists
    are authorized on `*` (AWS scopes ListServices with the ecs:cluster condition key, supplied below)."""
    action = f"ecs:{operation}"
    cluster_arn, cluster_name = _ecs_cluster(params, region, account)

    def service_arn(name: str) -> str:
        return name if name.startswith("arn:") else f"arn:{PARTITION}:ecs:{region}:{account}:service/{cluster_name}/{name}"

    if operation == "CreateService" and params.get("serviceName"):
        return [(action, service_arn(str(params["serviceName"])))]
    if operation in ("UpdateService", "DeleteService") and params.get("service"):
        return [(action, service_arn(str(params["service"])))]
    if operation == "DescribeServices":
        return [(action, service_arn(str(name))) for name in params.get("services") or []] or [(action, "*")]
    if operation == "CreateCluster":
        return [(action, f"arn:{PARTITION}:ecs:{region}:{account}:cluster/{params.get('clusterName') or 'default'}")]
    if operation in ("DeleteCluster", "UpdateCluster", "PutClusterCapacityProviders"):
        return [(action, cluster_arn)]
    if operation == "DescribeClusters":
        clusters = params.get("clusters") or ["default"]
        return [(action, _ecs_cluster({"cluster": name}, region, account)[0]) for name in clusters]
    if operation in ("TagResource", "UntagResource", "ListTagsForResource") and params.get("resourceArn"):
        return [(action, str(params["resourceArn"]))]
    return [(action, "*")]


def _table_arn(name: str, region: str, account: str) -> str:
    return name if name.startswith("arn:") else f"arn:{PARTITION}:dynamodb:{region}:{account}:table/{name}"


_TRANSACT_WRITE_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem"}


def _dynamodb(operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    if operation == "TransactWriteItems":
        checks = []
        for item in params.get("TransactItems") or []:
            for kind, action in _TRANSACT_WRITE_ACTIONS.items():
                if isinstance(item, dict) and kind in item:
                    checks.append((f"dynamodb:{action}", _table_arn(str(item[kind].get("TableName", "")), region, account)))
        return checks
    if operation == "TransactGetItems":
        return [(f"dynamodb:GetItem", _table_arn(str(item["Get"].get("TableName", "")), region, account)) for item in params.get("TransactItems") or [] if isinstance(item, dict) and "Get" in item]
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [(f"dynamodb:{operation}", _table_arn(str(table), region, account)) for table in (params.get("RequestItems") or {})]
    if operation in ("TagResource", "UntagResource", "ListTagsOfResource") and params.get("ResourceArn"):
        return [(f"dynamodb:{operation}", str(params["ResourceArn"]))]
    table = params.get("TableName")
    if not table:
        return [(f"dynamodb:{operation}", "*")]
    arn = _table_arn(str(table), region, account)
    if operation in ("Query", "Scan") and params.get("IndexName"):
        arn = f"{arn}/index/{params['IndexName']}"
    return [(f"dynamodb:{operation}", arn)]


def _secret_arn(secret_id: str, region: str, account: str) -> str:
    if secret_id.startswith("arn:"):
        return secret_id
    from moto.secretsmanager.models import secretsmanager_backends

    try:
        return str(secretsmanager_backends[account][region].secrets[secret_id].arn)
    except (KeyError, AttributeError):
        # Not created yet (CreateSecret) or unknown: AWS's ARN has a random suffix after the name.
        return f"arn:{PARTITION}:secretsmanager:{region}:{account}:secret:{secret_id}"


def _condition_context(service: str, operation: str, params: dict[str, Any], region: str, account: str) -> dict[str, str]:
    context = {"aws:RequestedRegion": region}
    if service == "monitoring" and operation == "PutMetricData" and params.get("Namespace"):
        context["cloudwatch:namespace"] = str(params["Namespace"])
    if service == "ecs" and operation in ("ListServices", "ListTasks", "CreateService", "UpdateService", "DeleteService", "DescribeServices"):
        context["ecs:cluster"] = _ecs_cluster(params, region, account)[0]
    return context


class _ContextRequest(IAMRequest):
    """moto's IAMRequest, evaluated per (action, resource) with a condition context."""

    def check(self, action: str, resource: str, context: dict[str, str]) -> None:
        if action == "sts:GetCallerIdentity":
            return
        self._action = action
        if not _permitted(self._access_key.collect_policies(), action, resource, context):
            self._raise_access_denied()


def _documents(policy: Any) -> list[dict[str, Any]]:
    document = IAMPolicy(policy)._policy_json
    statements = document.get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _permitted(policies: list[Any], action: str, resource: str, context: dict[str, str]) -> bool:
    allowed = False
    for policy in policies:
        for statement in _documents(policy):
            if not _statement_matches(statement, action, resource):
                continue
            deny = statement.get("Effect") == "Deny"
            if "Condition" in statement and not _conditions_hold(statement["Condition"], context, deny):
                continue
            if deny:
                return False
            allowed = True
    return allowed


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _wildcard(pattern: str, value: str, ignore_case: bool = False) -> bool:
    regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.fullmatch(regex, value, re.IGNORECASE if ignore_case else 0) is not None


def _statement_matches(statement: dict[str, Any], action: str, resource: str) -> bool:
    if "Action" in statement:
        if not any(_wildcard(p, action, ignore_case=True) for p in _as_list(statement["Action"])):
            return False
    elif "NotAction" in statement:
        if any(_wildcard(p, action, ignore_case=True) for p in _as_list(statement["NotAction"])):
            return False
    if "Resource" in statement:
        return any(_wildcard(p, resource) for p in _as_list(statement["Resource"]))
    if "NotResource" in statement:
        return not any(_wildcard(p, resource) for p in _as_list(statement["NotResource"]))
    return False


def _conditions_hold(conditions: dict[str, Any], context: dict[str, str], deny: bool) -> bool:
    for operator, keys in conditions.items():
        if_exists = operator.endswith("IfExists")
        base = operator.removesuffix("IfExists")
        for key, expected in keys.items():
            actual = context.get(key) if key in context else next((v for k, v in context.items() if k.lower() == key.lower()), None)
            if base == "Null":
                if (actual is None) != (str(expected).lower() == "true"):
                    return False
                continue
            if actual is None:
                if if_exists:
                    continue
                return False
            test = _OPERATORS.get(base)
            if test is None:
                # Unknown operator: a Deny applies, an Allow does not; never more permissive than AWS.
                return deny
            if not test(_as_list(expected), actual):
                return False
    return True


_OPERATORS = {
    "StringEquals": lambda expected, actual: actual in expected,
    "StringNotEquals": lambda expected, actual: actual not in expected,
    "StringEqualsIgnoreCase": lambda expected, actual: actual.lower() in [e.lower() for e in expected],
    "StringLike": lambda expected, actual: any(_wildcard(e, actual) for e in expected),
    "StringNotLike": lambda expected, actual: not any(_wildcard(e, actual) for e in expected),
    "ArnEquals": lambda expected, actual: actual in expected,
    "ArnLike": lambda expected, actual: any(_wildcard(e, actual) for e in expected),
    "Bool": lambda expected, actual: actual.lower() in [e.lower() for e in expected],
}


# --- Admin routes --------------------------------------------------------------------------------


def bootstrap(method: str, _body: Any) -> dict[str, Any]:
    """`GET /_gamectl/iam/bootstrap`: the administrator's keys, created through moto's IAM backend
    (not HTTP, which would need credentials first). Idempotent; made again after a moto reset."""
    if method != "GET":
        raise ValueError("use GET /_gamectl/iam/bootstrap")
    backend = iam_backends[DEFAULT_ACCOUNT_ID][PARTITION]
    with _lock:
        try:
            user = backend.get_user(ADMIN_USER)
        except Exception:
            user = backend.create_user("us-east-1", ADMIN_USER)
            backend.put_user_policy(ADMIN_USER, "administrator", ADMIN_POLICY)
        if not user.access_keys:
            backend.create_access_key(ADMIN_USER)
        key = user.access_keys[0]
    return {"enforcing": enforcing(), "userName": ADMIN_USER, "arn": user.arn, "accessKeyId": key.access_key_id, "secretAccessKey": key.secret_access_key}


def _trusts_ecs_tasks(document: Any) -> bool:
    """Whether a role's trust policy lets ECS tasks assume it: an Allow of sts:AssumeRole for the
    `ecs-tasks.amazonaws.com` service principal, without a condition (ECS supplies only
    aws:SourceAccount/aws:SourceArn, which this launcher does not model) and no matching Deny."""
    policy = json.loads(document) if isinstance(document, str) else document
    statements = policy.get("Statement", [])
    allowed = False
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = _as_list(statement.get("Action", []))
        if not any(_wildcard(a, "sts:AssumeRole", ignore_case=True) for a in actions):
            continue
        principal = statement.get("Principal", {})
        services = _as_list(principal.get("Service", [])) if isinstance(principal, dict) else ([] if principal != "*" else ["*"])
        if ECS_TASKS_PRINCIPAL not in services and "*" not in services:
            continue
        if statement.get("Effect") == "Deny":
            return False
        if "Condition" not in statement:
            allowed = True
    return allowed


def ecs_credentials(role_name: str, region: str = "us-east-1") -> tuple[int, dict[str, Any]]:
    """What the ECS agent serves a task at AWS_CONTAINER_CREDENTIALS_FULL_URI: STS credentials for the
    task role, minted from moto's STS backend (its AssumeRole API answers 500 on a trust policy with only
    a service principal). 403 when the role does not trust ecs-tasks.amazonaws.com: ECS would not start the task."""
    iam = iam_backends[DEFAULT_ACCOUNT_ID][PARTITION]
    try:
        role = iam.get_role(role_name)
    except Exception:
        return 404, {"error": f"no IAM role named {role_name!r}; create it (the controller's iam.taskRole) before starting the task"}
    if not _trusts_ecs_tasks(role.assume_role_policy_document):
        return 403, {"error": f"role {role_name!r} does not trust {ECS_TASKS_PRINCIPAL} to sts:AssumeRole (without conditions); ECS cannot start a task with it. Fix its AssumeRolePolicyDocument."}
    sts = sts_backends[DEFAULT_ACCOUNT_ID][PARTITION]
    assumed = sts.assume_role(region_name=region, role_session_name=f"ecs-task-{role_name}"[:64], role_arn=role.arn, policy="", duration=3600, external_id="")
    expiration = assumed.expiration if isinstance(assumed.expiration, datetime.datetime) else datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return 200, {
        "AccessKeyId": assumed.access_key_id,
        "SecretAccessKey": assumed.secret_access_key,
        "Token": assumed.session_token,
        "Expiration": expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "RoleArn": role.arn,
    }


def _policies_of(access_key_id: str) -> list[Any] | None:
    from moto.iam.access_control import AssumedRoleAccessKey, IAMUserAccessKey

    for cls, prefix in ((IAMUserAccessKey, "AKIA"), (AssumedRoleAccessKey, "ASIA")):
        if not access_key_id.startswith(prefix):
            continue
        try:
            headers = {"X-Amz-Security-Token": ""} if cls is AssumedRoleAccessKey else {}
            key = cls(account_id=DEFAULT_ACCOUNT_ID, partition=PARTITION, access_key_id=access_key_id, headers=headers)
        except Exception:
            # AssumedRoleAccessKey checks the token we do not have: look the role up ourselves.
            for assumed in sts_backends[DEFAULT_ACCOUNT_ID][PARTITION].assumed_roles:
                if assumed.access_key_id == access_key_id:
                    iam = iam_backends[DEFAULT_ACCOUNT_ID][PARTITION]
                    role = assumed.role_arn.split("/")[-1]
                    inline = [iam.get_role_policy(role, name)[1] for name in iam.list_role_policies(role)]
                    attached, _ = iam.list_attached_role_policies(role)
                    return [*inline, *attached]
            return None
        return list(key.collect_policies())
    return None


def authorize(method: str, body: Any) -> dict[str, Any]:
    """`POST /_gamectl/iam/authorize {"accessKeyId", "action", "resources": [...]}`: whether the key's identity
    policies allow the action on every resource, as a service that authorizes outside moto would ask IAM
    (e.g. ElastiCache's elasticache:Connect for an IAM auth token)."""
    if method != "POST":
        raise ValueError('use POST with {"accessKeyId", "action", "resources": [...]}')
    if not isinstance(body, dict) or not isinstance(body.get("accessKeyId"), str) or not isinstance(body.get("action"), str) or not isinstance(body.get("resources"), list):
        raise ValueError('body needs {"accessKeyId": "...", "action": "elasticache:Connect", "resources": ["arn:..."]}')
    policies = _policies_of(body["accessKeyId"])
    if policies is None:
        return {"allowed": False, "denied": list(body["resources"]), "reason": f"no access key {body['accessKeyId']} issued by this launcher"}
    context = {"aws:RequestedRegion": str(body.get("region", "us-east-1"))}
    denied = [str(r) for r in body["resources"] if not _permitted(policies, body["action"], str(r), context)]
    return {"allowed": not denied, "denied": denied}


def key_secret(access_key_id: str) -> tuple[int, dict[str, Any]]:
    """The secret of an access key moto issued (a user's or an assumed role's), for test-side SigV4 checks."""
    for assumed in sts_backends[DEFAULT_ACCOUNT_ID][PARTITION].assumed_roles:
        if assumed.access_key_id == access_key_id:
            return 200, {"accessKeyId": access_key_id, "secretAccessKey": assumed.secret_access_key, "sessionToken": assumed.session_token, "arn": assumed.arn}
    iam = iam_backends[DEFAULT_ACCOUNT_ID][PARTITION]
    for user in iam.list_users("/", None, None):
        for key in user.access_keys:
            if key.access_key_id == access_key_id:
                return 200, {"accessKeyId": access_key_id, "secretAccessKey": key.secret_access_key, "arn": user.arn}
    return 404, {"error": f"no access key {access_key_id} issued by this launcher"}

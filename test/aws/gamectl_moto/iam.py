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
- Cognito user pools (Service Authorization Reference): a call naming a pool (UserPoolId, or ResourceArn for
  the tag calls) is authorized on the pool's ARN with aws:ResourceTag from the pool's tags, so app-client,
  domain and admin-user calls count the pool's ownership; CreateUserPool and UpdateUserPool carry
  aws:RequestTag and aws:TagKeys from UserPoolTags; ListUserPools, CreateUserPool and DescribeUserPoolDomain
  are authorized on "*". The operations of a public app client and of a player's own tokens (SignUp,
  InitiateAuth, GlobalSignOut...) are not IAM-authorized in AWS, signed or not: no policy is evaluated.

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
JSON_SERVICES = {"dynamodb", "secretsmanager", "logs", "ecs", "monitoring", "ssm", "kms", "sqs", "tagging", "cognito-idp"}

# Where a SigV4 signing name differs from the IAM action prefix (moto uses the signing name for both).
IAM_PREFIX = {"monitoring": "cloudwatch", "tagging": "tag"}

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


# Cognito user-pool operations AWS does not authorize with IAM: a public app client's sign-up and sign-in, and what a
# player's own access token authorizes. Signed or not, no policy is evaluated for them (moto skips only a few).
_COGNITO_PUBLIC_OPERATIONS = {
    "SignUp", "ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword", "ConfirmForgotPassword", "InitiateAuth",
    "RespondToAuthChallenge", "RevokeToken", "GetTokensFromRefreshToken", "GetUser", "UpdateUserAttributes", "DeleteUser",
    "DeleteUserAttributes", "ChangePassword", "GlobalSignOut", "AssociateSoftwareToken", "VerifySoftwareToken",
    "SetUserMFAPreference", "SetUserSettings", "GetUserAttributeVerificationCode", "VerifyUserAttribute", "ConfirmDevice",
    "ForgetDevice", "GetDevice", "ListDevices", "UpdateDeviceStatus", "UpdateAuthEventFeedback",
}


def _authorize(self: Any, resource: str = "*") -> None:
    if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
        ActionAuthenticatorMixin.request_count += 1
        return
    service_name, _, target_operation = str(self.headers.get("X-Amz-Target", "")).partition(".")
    if service_name == "AWSCognitoIdentityProviderService" and target_operation in _COGNITO_PUBLIC_OPERATIONS:
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
    checks = checks + _implied_tagging(service, operation, checks, _request_tags(self, params) is not None)
    context = _condition_context(service, operation, params, self.region, self.current_account)
    context.update(_request_tag_context(self, params))
    context.update(_iam_boundary_context(service, operation, params))
    resource_tags = _resource_tags(service, operation, params, self.region, self.current_account)
    if resource_tags is not None:
        context.update({f"aws:ResourceTag/{key}": value for key, value in resource_tags.items()})
    try:
        for action, arn in checks:
            request.check(action, arn, {**context, **_passed_to_service(action, operation)})
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
    if service == "iam":
        return _iam(operation, params, account)
    if service == "monitoring":
        return _cloudwatch(operation, params, region, account)
    if service == "sns":
        return _sns(operation, params, region, account)
    if service == "elasticache":
        return _elasticache(operation, params, region, account)
    if service == "elasticloadbalancing":
        return _elbv2(operation, params, region, account)
    if service == "cognito-idp":
        return [(f"cognito-idp:{operation}", _user_pool_arn(params, region, account) or "*")]
    return []


def _listed(params: dict[str, Any], key: str) -> list[str]:
    """A list parameter in either protocol: JSON sends a list, the query protocol `Key.member.N`."""
    listed = params.get(key) if isinstance(params.get(key), list) else []
    return [str(v) for v in listed] + [str(v) for k, v in params.items() if re.fullmatch(rf"{key}\.member\.\d+", k)]


def _cloudwatch(operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    """Alarms as `alarm:<name>`, dashboards as the account-wide `dashboard/<name>` (AWS's ARN formats for
    CloudWatch's resource-level permissions); anything else on `*`."""
    action = f"cloudwatch:{operation}"
    if operation in ("TagResource", "UntagResource", "ListTagsForResource") and params.get("ResourceARN"):
        return [(action, str(params["ResourceARN"]))]
    if operation in ("PutMetricAlarm", "DeleteAlarms"):
        names = [str(params["AlarmName"])] if params.get("AlarmName") else _listed(params, "AlarmNames")
        return [(action, f"arn:{PARTITION}:cloudwatch:{region}:{account}:alarm:{name}") for name in names]
    if operation in ("PutDashboard", "GetDashboard", "DeleteDashboards"):
        names = [str(params["DashboardName"])] if params.get("DashboardName") else _listed(params, "DashboardNames")
        return [(action, f"arn:{PARTITION}:cloudwatch::{account}:dashboard/{name}") for name in names]
    return []


def _sns(operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    """Topics by ARN; CreateTopic on the ARN the new topic gets."""
    action = f"sns:{operation}"
    if operation == "CreateTopic" and params.get("Name"):
        return [(action, f"arn:{PARTITION}:sns:{region}:{account}:{params['Name']}")]
    arn = params.get("TopicArn") or params.get("ResourceArn")
    return [(action, str(arn))] if arn else []


# The identifier of the resource an ElastiCache call acts on, in the order that picks the call's own resource when it
# also names others (CreateReplicationGroup names its subnet and parameter groups; CreateUserGroup its users).
_ELASTICACHE_RESOURCES = (("ReplicationGroupId", "replicationgroup"), ("CacheParameterGroupName", "parametergroup"),
                          ("CacheSubnetGroupName", "subnetgroup"), ("UserGroupId", "usergroup"), ("UserId", "user"))


def _elasticache(operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    """The call's own resource as `<kind>:<id>`; reads, snapshots and anything unnamed on `*`. AWS also authorizes
    a create on the resources it references (the subnet, parameter and user groups a replication group uses): not
    modelled, so for those a call is judged on its own resource alone."""
    action = f"elasticache:{operation}"
    if params.get("ResourceName"):
        return [(action, str(params["ResourceName"]))]
    if operation.startswith("Describe") or "Snapshot" in operation:
        return []
    base = f"arn:{PARTITION}:elasticache:{region}:{account}:"
    for key, kind in _ELASTICACHE_RESOURCES:
        if params.get(key):
            return [(action, f"{base}{kind}:{params[key]}")]
    return []


# The id a new load balancer, target group or listener is authorized with. AWS authorizes a create on the ARN of the
# resource being created, before the resource (and its random 16-hex id) exists: a policy scopes such creates by name,
# `.../<name>/*`. "unassigned" is not hex, so it can never equal a real id: a policy naming one existing resource's
# exact ARN never authorizes creating another under the same name.
_ELB_NEW_ID = "unassigned"
_ELB_TYPES = {"application": "app", "network": "net", "gateway": "gwy"}


def _elbv2(operation: str, params: dict[str, Any], region: str, account: str) -> list[tuple[str, str]]:
    """ELBv2 per the Service Authorization Reference: CreateLoadBalancer on `loadbalancer/<app|net|gwy>/<name>/<id>`,
    CreateTargetGroup on `targetgroup/<name>/<id>` (the ARN being created), CreateListener on its load balancer,
    AddTags/RemoveTags on each ResourceArns entry, and the Modify/Set/Delete/Register calls on the resource they name
    (listener `listener/app/<lb name>/<lb id>/<id>`). Describe* have no resource type: `*`."""
    action = f"elasticloadbalancing:{operation}"
    base = f"arn:{PARTITION}:elasticloadbalancing:{region}:{account}:"
    if operation.startswith("Describe"):
        return [(action, "*")]
    if operation == "CreateLoadBalancer" and params.get("Name"):
        kind = _ELB_TYPES.get(str(params.get("Type") or "application"), "app")
        return [(action, f"{base}loadbalancer/{kind}/{params['Name']}/{_ELB_NEW_ID}")]
    if operation == "CreateTargetGroup" and params.get("Name"):
        return [(action, f"{base}targetgroup/{params['Name']}/{_ELB_NEW_ID}")]
    if operation in ("AddTags", "RemoveTags"):
        return [(action, arn) for arn in _listed(params, "ResourceArns")]
    # A listener call also names target groups inside its actions (DefaultActions.member.N...), never as a top-level key.
    for key in ("ListenerArn", "TargetGroupArn", "LoadBalancerArn"):
        if params.get(key):
            return [(action, str(params[key]))]
    return []


def _new_listener_arn(load_balancer_arn: str) -> str:
    """The ARN a listener gets on this load balancer: `listener/app/<lb name>/<lb id>/<id>`."""
    return load_balancer_arn.replace(":loadbalancer/", ":listener/", 1) + f"/{_ELB_NEW_ID}"


def _user_pool_arn(params: dict[str, Any], region: str, account: str) -> str | None:
    """The user pool a call acts on: AWS authorizes app-client, domain, user and tag calls on their pool's ARN.
    ListUserPools, CreateUserPool and DescribeUserPoolDomain name no pool (resource "*")."""
    if params.get("ResourceArn"):
        return str(params["ResourceArn"])
    if params.get("UserPoolId"):
        return f"arn:{PARTITION}:cognito-idp:{region}:{account}:userpool/{params['UserPoolId']}"
    return None


# IAM actions on a role, authorized on the role's ARN (with its path, as AWS does). AWS also checks
# iam:TagRole when CreateRole carries tags: the tags are an authorization of their own.
_ROLE_ACTIONS = {
    "CreateRole", "GetRole", "DeleteRole", "TagRole", "UntagRole", "ListRoleTags", "UpdateRole", "UpdateRoleDescription",
    "UpdateAssumeRolePolicy", "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies",
    "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
}


def _role(name: str) -> Any:
    try:
        return iam_backends[DEFAULT_ACCOUNT_ID][PARTITION].get_role(name)
    except Exception:
        return None


def _role_arn(name: str, account: str, path: str | None = None) -> str:
    role = _role(name) if path is None else None
    if role is not None:
        return str(role.arn)
    return f"arn:{PARTITION}:iam::{account}:role{path or '/'}{name}"


def _iam(operation: str, params: dict[str, Any], account: str) -> list[tuple[str, str]]:
    name = params.get("RoleName")
    if operation not in _ROLE_ACTIONS or not name:
        return []
    if operation == "CreateRole":
        arn = _role_arn(str(name), account, str(params.get("Path") or "/"))
        checks = [("iam:CreateRole", arn)]
        if any(key.startswith("Tags.member.") for key in params):
            checks.append(("iam:TagRole", arn))
        return checks
    return [(f"iam:{operation}", _role_arn(str(name), account))]


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

    if operation == "RegisterTaskDefinition":
        # Handing a role to ECS is an iam:PassRole on it, checked with iam:PassedToService.
        roles = [str(params[key]) for key in ("taskRoleArn", "executionRoleArn") if params.get(key)]
        return [(action, "*"), *[("iam:PassRole", role) for role in roles]]
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


# Creates that AWS authorizes twice when they carry tags: the create action and the service's tagging action,
# on the new resource (IAM's CreateRole is handled in `_iam`).
_TAG_ON_CREATE = {
    ("secretsmanager", "CreateSecret"): "secretsmanager:TagResource",
    ("logs", "CreateLogGroup"): "logs:TagResource",
    ("ecs", "CreateCluster"): "ecs:TagResource",
    ("ecs", "CreateService"): "ecs:TagResource",
    ("ecs", "RegisterTaskDefinition"): "ecs:TagResource",
    ("elasticloadbalancing", "CreateLoadBalancer"): "elasticloadbalancing:AddTags",
    ("elasticloadbalancing", "CreateTargetGroup"): "elasticloadbalancing:AddTags",
    # CreateListener is authorized on its load balancer; its tags go on the new listener (`_tagged_resource`).
    ("elasticloadbalancing", "CreateListener"): "elasticloadbalancing:AddTags",
    # Not Cognito's CreateUserPool: the Service Authorization Reference lists no dependent action for it; its
    # UserPoolTags are authorized on cognito-idp:CreateUserPool itself, as aws:RequestTag and aws:TagKeys.
}


def _implied_tagging(service: str, operation: str, checks: list[tuple[str, str]], tagged: bool) -> list[tuple[str, str]]:
    tag_action = _TAG_ON_CREATE.get((service, operation))
    if not tagged or not tag_action:
        return []
    return [(tag_action, _tagged_resource(operation, arn)) for action, arn in checks if action == f"{service}:{operation}"]


def _tagged_resource(operation: str, authorized_arn: str) -> str:
    """The resource a create's tags go on: the created resource, which for ELB's CreateListener is not the resource
    the create itself is authorized on (its load balancer)."""
    return _new_listener_arn(authorized_arn) if operation == "CreateListener" else authorized_arn


def _passed_to_service(action: str, operation: str) -> dict[str, str]:
    """Keys of one check rather than the whole call: the service a role is passed to, and ECS's
    ecs:CreateAction and ELB's elasticloadbalancing:CreateAction on the tagging a create implies."""
    if action == "iam:PassRole" and operation == "RegisterTaskDefinition":
        return {"iam:PassedToService": ECS_TASKS_PRINCIPAL}
    if action == "ecs:TagResource" and operation != "TagResource":
        return {"ecs:CreateAction": operation}
    if action == "elasticloadbalancing:AddTags" and operation != "AddTags":
        return {"elasticloadbalancing:CreateAction": operation}
    return {}


def _request_tags(response: Any, params: dict[str, Any]) -> dict[str, str] | None:
    """The tags a request asks for, in each protocol's shape; None when it carries no tags."""
    # UserPoolTags: Cognito's CreateUserPool and UpdateUserPool, which AWS authorizes with aws:RequestTag and aws:TagKeys.
    for key in ("Tags", "tags", "UserPoolTags"):
        value = params.get(key)
        if isinstance(value, dict):
            return {str(k): str(v) for k, v in value.items()}
        if isinstance(value, list):
            out = {}
            for tag in value:
                if isinstance(tag, dict):
                    k = tag.get("Key", tag.get("key"))
                    if k is not None:
                        out[str(k)] = str(tag.get("Value", tag.get("value", "")))
            return out
    # Query protocols: Tags.member.N.Key (IAM, ELB, SNS, CloudWatch), Tags.Tag.N.Key (ElastiCache),
    # TagSpecification.N.Tag.M.Key and Tag.N.Key (EC2).
    flat = dict(getattr(response, "querystring", {}) or {})
    flat.update({k: [v] for k, v in params.items() if isinstance(v, str)})
    found: dict[str, str] = {}
    for key, value in flat.items():
        match = re.fullmatch(r"(.*\bTags?\b[^=]*?)\.Key", key)
        if not match:
            continue
        tag_key = value[0] if isinstance(value, list) else value
        tag_value = flat.get(f"{match.group(1)}.Value", [""])
        found[str(tag_key)] = str(tag_value[0] if isinstance(tag_value, list) else tag_value)
    return found or None


def _request_tag_context(response: Any, params: dict[str, Any]) -> dict[str, Any]:
    """aws:RequestTag/<key> per tag and aws:TagKeys (multivalued), as AWS supplies them for a call with tags."""
    tags = _request_tags(response, params)
    if tags is None:
        return {}
    return {**{f"aws:RequestTag/{k}": v for k, v in tags.items()}, "aws:TagKeys": sorted(tags)}


def _iam_boundary_context(service: str, operation: str, params: dict[str, Any]) -> dict[str, str]:
    """iam:PermissionsBoundary: on CreateRole and PutRolePermissionsBoundary the requested boundary; on other
    calls on a role the boundary the role has (AWS's semantics; missing when it has none)."""
    if service != "iam" or operation not in _ROLE_ACTIONS:
        return {}
    if operation in ("CreateRole", "PutRolePermissionsBoundary"):
        boundary = params.get("PermissionsBoundary")
        return {"iam:PermissionsBoundary": str(boundary)} if boundary else {}
    role = _role(str(params.get("RoleName", "")))
    boundary = getattr(role, "permissions_boundary_arn", None) if role is not None else None
    return {"iam:PermissionsBoundary": str(boundary)} if boundary else {}


def _tag_dict(tags: Any) -> dict[str, str]:
    if isinstance(tags, dict):
        return {str(k): str(v.get("Value", "") if isinstance(v, dict) else v) for k, v in tags.items()}
    out = {}
    for tag in tags or []:
        if isinstance(tag, dict):
            k = tag.get("Key", tag.get("key"))
            if k is not None:
                out[str(k)] = str(tag.get("Value", tag.get("value", "")))
    return out


def _common(tag_sets: list[dict[str, str]]) -> dict[str, str]:
    """The tags every resource of a multi-resource call has, with the same value: a key only some of them
    carry is missing for the call, so an Allow conditioned on it does not apply (never more permissive than AWS,
    which checks each resource)."""
    if not tag_sets:
        return {}
    common = dict(tag_sets[0])
    for tags in tag_sets[1:]:
        common = {k: v for k, v in common.items() if tags.get(k) == v}
    return common


def _resource_tags(service: str, operation: str, params: dict[str, Any], region: str, account: str) -> dict[str, str] | None:
    """The tags of the existing resource a call acts on (aws:ResourceTag/<key>); None when this module does not
    know the resource (then the key is missing, and a condition on it is false). Never raises."""
    try:
        return _lookup_resource_tags(service, operation, params, region, account)
    except Exception:
        return None


def _lookup_resource_tags(service: str, operation: str, params: dict[str, Any], region: str, account: str) -> dict[str, str] | None:
    if service == "iam":
        role = _role(str(params.get("RoleName", ""))) if operation in _ROLE_ACTIONS and operation != "CreateRole" else None
        return _tag_dict(role.tags) if role is not None else None
    if service == "dynamodb":
        from moto.dynamodb.models import dynamodb_backends

        name = params.get("TableName") or str(params.get("ResourceArn", "")).split("/")[-1]
        return _tag_dict(dynamodb_backends[account][region].get_table(str(name)).tags) if name and operation != "CreateTable" else None
    if service == "secretsmanager":
        from moto.secretsmanager.models import secretsmanager_backends

        secret = params.get("SecretId")
        return _tag_dict(secretsmanager_backends[account][region].secrets[str(secret)].tags) if secret else None
    if service == "logs":
        from moto.logs.models import logs_backends

        backend = logs_backends[account][region]
        group = params.get("logGroupName") or str(params.get("resourceArn", "")).split(":log-group:")[-1].removesuffix(":*")
        if not group or operation == "CreateLogGroup":
            return None
        return dict(backend.list_tags_for_resource(f"arn:{PARTITION}:logs:{region}:{account}:log-group:{group}"))
    if service == "ecs":
        from moto.ecs.models import ecs_backends

        backend = ecs_backends[account][region]
        if params.get("resourceArn"):
            return _tag_dict(backend.list_tags_for_resource(str(params["resourceArn"])))
        if operation in ("UpdateService", "DeleteService") and params.get("service"):
            services, _ = backend.describe_services(cluster_str=str(params.get("cluster") or "default"), service_names_or_arns=[str(params["service"])])
            return _tag_dict(services[0].tags) if services else None
        if operation == "DeleteCluster" and params.get("cluster"):
            return _tag_dict(backend._get_cluster(str(params["cluster"]).rsplit("/", 1)[-1]).tags)
        if operation == "DeregisterTaskDefinition" and params.get("taskDefinition"):
            return _tag_dict(backend.describe_task_definition(task_definition_str=str(params["taskDefinition"]).rsplit("/", 1)[-1]).tags)
        return None
    if service == "ec2":
        from moto.ec2.models import ec2_backends

        tags = ec2_backends[account][region].tags
        ids = [str(v) for k, v in params.items() if k == "GroupId" or re.fullmatch(r"(ResourceId|VpcEndpointId)(\.\d+)?", k)]
        return _common([dict(tags.get(i, {})) for i in ids]) if ids else None
    if service == "elasticache":
        from moto.elasticache.models import elasticache_backends

        backend = elasticache_backends[account][region]
        base = f"arn:{PARTITION}:elasticache:{region}:{account}:"
        if operation.startswith("Create") and operation != "CreateSnapshot":
            return None
        for key, kind in (("ResourceName", None), ("ReplicationGroupId", "replicationgroup"), ("CacheParameterGroupName", "parametergroup"),
                          ("CacheSubnetGroupName", "subnetgroup"), ("UserGroupId", "usergroup"), ("UserId", "user")):
            if params.get(key):
                arn = str(params[key]) if kind is None else f"{base}{kind}:{params[key]}"
                return dict(backend.tagging_service.get_tag_dict_for_resource(arn))
        return None
    if service == "elasticloadbalancing":
        from moto.elbv2.models import elbv2_backends

        backend = elbv2_backends[account][region]
        arns = [str(v) for k, v in params.items() if re.fullmatch(r"(LoadBalancerArn|TargetGroupArn|ListenerArn|ResourceArns\.member\.\d+)", k)]
        if operation == "CreateListener":
            # AWS authorizes a new listener on its load balancer: that is the resource whose tags count.
            arns = [str(params.get("LoadBalancerArn", ""))]
        return _common([dict(backend.tagging_service.get_tag_dict_for_resource(arn)) for arn in arns]) if arns else None
    if service == "monitoring":
        from moto.cloudwatch.models import cloudwatch_backends

        backend = cloudwatch_backends[account][region]
        # JSON (the current SDK) sends AlarmNames as a list; the query protocol as AlarmNames.member.N.
        listed = params.get("AlarmNames") if isinstance(params.get("AlarmNames"), list) else []
        names = [str(v) for v in listed] + [str(v) for k, v in params.items() if re.fullmatch(r"AlarmName|AlarmNames\.member\.\d+", k)]
        arns = [str(params["ResourceARN"])] if params.get("ResourceARN") else [f"arn:{PARTITION}:cloudwatch:{region}:{account}:alarm:{n}" for n in names]
        existing = [arn for arn in arns if arn.split(":alarm:")[-1] in backend.alarms]
        # PutMetricAlarm on a new alarm is a create: no resource yet.
        return _common([dict(backend.tagger.get_tag_dict_for_resource(arn)) for arn in existing]) if existing and len(existing) == len(arns) else None
    if service == "cognito-idp":
        from moto.cognitoidp.models import cognitoidp_backends

        pool_arn = _user_pool_arn(params, region, account)
        if pool_arn is None:
            return None
        backend = cognitoidp_backends[account][region]
        pool = backend.user_pools.get(pool_arn.rsplit("/", 1)[-1])
        return dict(pool.extended_config.get("UserPoolTags") or {}) if pool is not None else None
    if service == "sns":
        from moto.sns.models import sns_backends

        arn = params.get("TopicArn") or params.get("ResourceArn")
        return dict(sns_backends[account][region].topics[str(arn)]._tags) if arn else None
    return None


def _condition_context(service: str, operation: str, params: dict[str, Any], region: str, account: str) -> dict[str, str]:
    context = {"aws:RequestedRegion": region}
    if service == "monitoring" and operation == "PutMetricData" and params.get("Namespace"):
        context["cloudwatch:namespace"] = str(params["Namespace"])
    if service == "ecs" and operation in ("ListServices", "ListTasks", "CreateService", "UpdateService", "DeleteService", "DescribeServices"):
        context["ecs:cluster"] = _ecs_cluster(params, region, account)[0]
    return context


class _ContextRequest(IAMRequest):
    """moto's IAMRequest, evaluated per (action, resource) with a condition context."""

    def check(self, action: str, resource: str, context: dict[str, Any]) -> None:
        if action == "sts:GetCallerIdentity":
            return
        self._action = action
        if not _permitted(self._access_key.collect_policies(), action, resource, context):
            self._raise_access_denied()


def _documents(policy: Any) -> list[dict[str, Any]]:
    document = IAMPolicy(policy)._policy_json
    statements = document.get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _permitted(policies: list[Any], action: str, resource: str, context: dict[str, Any]) -> bool:
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


def _conditions_hold(conditions: dict[str, Any], context: dict[str, Any], deny: bool) -> bool:
    for operator, keys in conditions.items():
        if_exists = operator.endswith("IfExists")
        qualifier, _, unqualified = operator.rpartition(":")
        base = unqualified.removesuffix("IfExists")
        for key, expected in keys.items():
            actual = context.get(key) if key in context else next((v for k, v in context.items() if k.lower() == key.lower()), None)
            if qualifier in ("ForAllValues", "ForAnyValue"):
                # Set operators on a multivalued key (aws:TagKeys): ForAllValues holds for a missing or empty
                # key, as in AWS; ForAnyValue does not.
                test = _OPERATORS.get(base)
                if test is None:
                    return deny
                values = actual if isinstance(actual, list) else ([] if actual is None else [actual])
                results = [test(_as_list(expected), str(v)) for v in values]
                if not (all(results) if qualifier == "ForAllValues" else any(results)):
                    return False
                continue
            if qualifier or isinstance(actual, list):
                # An unknown qualifier, or a single-valued operator on a multivalued key: undefined here.
                return deny
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

"""Identifies an incoming AWS request on the wire: service, operation, protocol and decoded params.

Every service the drivers use speaks one of three protocols: `query` (form-encoded `Action=`),
`ec2` (query with EC2's error shape) or `json` (`X-Amz-Target`). Smithy RPCv2 CBOR is recognised
so that it can be reported, though the current SDK clients in this project do not send it.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

SIGNING_NAME_TO_SERVICE = {
    "monitoring": "cloudwatch",
    "elasticloadbalancing": "elbv2",
    "email": "ses",
    "states": "stepfunctions",
}

# X-Amz-Target prefixes, for unsigned requests.
TARGET_PREFIX_TO_SERVICE = {
    "DynamoDB": "dynamodb",
    "AmazonEC2ContainerServiceV20141113": "ecs",
    "secretsmanager": "secretsmanager",
    "GraniteServiceVersion20100801": "cloudwatch",
    "Logs_20140328": "logs",
    "AmazonSSM": "ssm",
}

_CREDENTIAL_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
_CBOR_PATH = re.compile(r"^/service/([^/]+)/operation/([^/?]+)")

DYNAMODB_DATA_OPERATIONS = {
    "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
    "BatchWriteItem", "TransactGetItems", "TransactWriteItems", "ExecuteStatement",
    "BatchExecuteStatement", "ExecuteTransaction",
}


@dataclass
class AwsRequest:
    service: str
    operation: str
    protocol: str  # query | ec2 | json | cbor | rest
    json_version: str = "1.0"
    region: str = "us-east-1"
    form: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""


_ACCESS_KEY_ID = re.compile(r"Credential=([^/,\s]+)/")


def access_key_id(environ: dict[str, Any]) -> str | None:
    """The access key ID a SigV4 request was signed with (None when unsigned)."""
    match = _ACCESS_KEY_ID.search(environ.get("HTTP_AUTHORIZATION", "") or "")
    return match.group(1) if match else None


def classify(environ: dict[str, Any], body: bytes) -> AwsRequest | None:
    headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    content_type = environ.get("CONTENT_TYPE", "") or ""
    path = environ.get("PATH_INFO", "") or ""
    service = ""
    region = "us-east-1"
    scope = _CREDENTIAL_SCOPE.search(headers.get("authorization", ""))
    if scope:
        region, service = scope.group(1), scope.group(2).lower()
    target = headers.get("x-amz-target", "")
    if target:
        prefix, _, operation = target.rpartition(".")
        if not service:
            service = next((name for key, name in TARGET_PREFIX_TO_SERVICE.items() if prefix.startswith(key)), prefix.lower())
        json_version = content_type.rsplit("-", 1)[-1] if content_type.startswith("application/x-amz-json-") else "1.0"
        return AwsRequest(_friendly(service, {}), operation, "json", json_version, region, body=body, content_type=content_type)
    cbor = _CBOR_PATH.match(path)
    if cbor and "smithy-protocol" in headers:
        prefix = cbor.group(1)
        if not service:
            service = TARGET_PREFIX_TO_SERVICE.get(prefix, prefix.lower())
        return AwsRequest(_friendly(service, {}), cbor.group(2), "cbor", region=region, body=body, content_type=content_type)
    form: dict[str, str] = {}
    if content_type.startswith("application/x-www-form-urlencoded") and body:
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    if not form and environ.get("QUERY_STRING"):
        form = dict(parse_qsl(environ["QUERY_STRING"], keep_blank_values=True))
    action = form.get("Action")
    if action and service:
        protocol = "ec2" if service == "ec2" else "query"
        return AwsRequest(_friendly(service, form), action, protocol, region=region, form=form, body=body, content_type=content_type)
    if service:
        # REST protocols (S3, Lambda, ...): not used by the drivers; recorded by method and path.
        return AwsRequest(_friendly(service, form), f"{environ.get('REQUEST_METHOD', 'GET')} {path}", "rest", region=region, body=body, content_type=content_type)
    return None


def _friendly(signing_name: str, form: dict[str, str]) -> str:
    if signing_name == "elasticloadbalancing" and form.get("Version") == "2012-06-01":
        return "elb"
    return SIGNING_NAME_TO_SERVICE.get(signing_name, signing_name)


def decode_params(request: AwsRequest) -> Any:
    """The request's parameters as the SDK caller wrote them (nested lists and structures)."""
    if request.protocol == "json":
        try:
            return json.loads(request.body or b"{}")
        except ValueError:
            return {"_raw": request.body.decode("utf-8", "replace")}
    if request.protocol in ("query", "ec2"):
        try:
            return _parse_with_model(request)
        except Exception:  # an operation the model does not know: keep the flat form
            return {key: value for key, value in request.form.items() if key not in ("Action", "Version")}
    if request.protocol == "cbor":
        return {"_cbor_bytes": len(request.body)}
    return {}


def _parse_with_model(request: AwsRequest) -> Any:
    from werkzeug.wrappers import Request

    from moto.core.parse import PROTOCOL_PARSERS
    from moto.core.utils import get_service_model

    service_model = get_service_model(request.service)
    operation_model = service_model.operation_model(request.operation)
    werkzeug_request = Request.from_values(method="POST", data=request.body, content_type=request.content_type)
    parser = PROTOCOL_PARSERS[request.protocol](operation_model, map_type=dict)
    return parser.parse(
        {
            "method": "POST",
            "values": werkzeug_request.values,
            "headers": werkzeug_request.headers,
            "body": werkzeug_request.data,
            "url_path": "/",
            "url_params": {},
        }
    )

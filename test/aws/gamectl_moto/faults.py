"""Fault injection: a chosen fraction of AWS calls fail the way AWS fails under load.

Each error is rendered in the wire shape of the request's protocol, so the SDK classifies it
exactly as it would a real one: throttles by error code, 5xx by status code.
"""

import json
import random
import threading
import uuid
from typing import Any

from .wire import DYNAMODB_DATA_OPERATIONS, AwsRequest

FAULT_KINDS = ("throttle", "5xx")


class FaultSpec:
    def __init__(self, rate: float, kinds: list[str], operations: list[str] | None, services: list[str] | None, seed: int | None) -> None:
        self.rate = rate
        self.kinds = kinds
        self.operations = operations
        self.services = services
        self.seed = seed

    @staticmethod
    def parse(body: Any) -> "FaultSpec":
        if not isinstance(body, dict):
            raise ValueError('body must be a JSON object like {"rate": 0.3, "kinds": ["throttle", "5xx"]}')
        unknown = set(body) - {"rate", "kinds", "operations", "services", "seed"}
        if unknown:
            raise ValueError(f"unknown field(s) {sorted(unknown)}; allowed: rate, kinds, operations, services, seed")
        rate = body.get("rate", 1.0)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            raise ValueError(f"rate must be a number between 0 and 1, got {rate!r}")
        kinds = body.get("kinds", ["throttle"])
        if not isinstance(kinds, list) or not kinds or any(kind not in FAULT_KINDS for kind in kinds):
            raise ValueError(f"kinds must be a non-empty list drawn from {list(FAULT_KINDS)}, got {kinds!r}")
        operations = _optional_names(body, "operations")
        services = _optional_names(body, "services")
        seed = body.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ValueError(f"seed must be an integer, got {seed!r}")
        return FaultSpec(float(rate), list(kinds), operations, services, seed)

    def to_json(self) -> dict[str, Any]:
        return {"rate": self.rate, "kinds": self.kinds, "operations": self.operations, "services": self.services, "seed": self.seed}


def _optional_names(body: dict[str, Any], key: str) -> list[str] | None:
    names = body.get(key)
    if names is None:
        return None
    if not isinstance(names, list) or any(not isinstance(name, str) for name in names):
        raise ValueError(f"{key} must be a list of strings, got {names!r}")
    return names


class FaultInjector:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spec: FaultSpec | None = None
        self._random = random.Random()
        self.injected = 0
        self.injected_by_kind: dict[str, int] = {kind: 0 for kind in FAULT_KINDS}
        self.considered = 0

    def configure(self, spec: FaultSpec) -> None:
        with self._lock:
            self._spec = spec
            self._random = random.Random(spec.seed)
            self.injected = 0
            self.considered = 0
            self.injected_by_kind = {kind: 0 for kind in FAULT_KINDS}

    def clear(self) -> None:
        with self._lock:
            self._spec = None
            self.injected = 0
            self.considered = 0
            self.injected_by_kind = {kind: 0 for kind in FAULT_KINDS}

    def status(self) -> dict[str, Any]:
        with self._lock:
            return {
                "active": self._spec is not None,
                "injected": self.injected,
                "injectedByKind": dict(self.injected_by_kind),
                "considered": self.considered,
                **(self._spec.to_json() if self._spec else {}),
            }

    def decide(self, request: AwsRequest) -> tuple[str, int] | None:
        """The fault (kind, variant) to inject into this request, or None to let it through."""
        with self._lock:
            spec = self._spec
            if spec is None:
                return None
            if spec.services is not None and request.service not in spec.services:
                return None
            if spec.operations is not None and request.operation not in spec.operations:
                return None
            self.considered += 1
            if self._random.random() >= spec.rate:
                return None
            kind = self._random.choice(spec.kinds)
            self.injected += 1
            self.injected_by_kind[kind] += 1
            return kind, self._random.randrange(2)


def render_fault(kind: str, variant: int, request: AwsRequest) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of an AWS-shaped error for this request's protocol."""
    request_id = str(uuid.uuid4())
    code, status, message = _error_for(kind, variant, request)
    if request.protocol == "ec2":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors>"
            f"<RequestID>{request_id}</RequestID></Response>"
        )
        return status, [("Content-Type", "text/xml;charset=UTF-8"), ("x-amzn-RequestId", request_id)], body.encode()
    if request.protocol in ("json", "cbor"):
        fault_type = "Sender" if status < 500 else "Receiver"
        headers = [
            ("Content-Type", f"application/x-amz-json-{request.json_version}"),
            ("x-amzn-RequestId", request_id),
            ("x-amzn-ErrorType", code),
        ]
        type_name = code
        if request.service == "dynamodb":
            type_name = f"com.amazonaws.dynamodb.v20120810#{code}"
        if request.service == "cloudwatch":
            # CloudWatch's JSON protocol is query-compatible: the SDK takes the code from this header.
            headers.append(("x-amzn-query-error", f"{code};{fault_type}"))
        body = json.dumps({"__type": type_name, "message": message}).encode()
        return status, headers, body
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<ErrorResponse><Error><Type>{'Sender' if status < 500 else 'Receiver'}</Type><Code>{code}</Code>"
        f"<Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
    )
    return status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body.encode()


def _error_for(kind: str, variant: int, request: AwsRequest) -> tuple[str, int, str]:
    if kind == "throttle":
        if request.protocol == "ec2":
            return "RequestLimitExceeded", 503, "Request limit exceeded."
        if request.service == "dynamodb":
            if request.operation in DYNAMODB_DATA_OPERATIONS:
                return (
                    "ProvisionedThroughputExceededException",
                    400,
                    "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
                )
            return "ThrottlingException", 400, "Rate of requests exceeds the allowed throughput."
        if request.protocol in ("json", "cbor") and request.service != "cloudwatch":
            return "ThrottlingException", 400, "Rate exceeded"
        return "Throttling", 400, "Rate exceeded"
    # 5xx: alternate between the two server-side failures AWS documents as retryable.
    if variant == 0:
        if request.service == "dynamodb":
            return "InternalServerError", 500, "Internal server error"
        if request.protocol == "ec2":
            return "InternalError", 500, "An internal error has occurred."
        return "InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure."
    if request.protocol == "ec2":
        return "Unavailable", 503, "The server is overloaded and can't handle the request."
    return "ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."

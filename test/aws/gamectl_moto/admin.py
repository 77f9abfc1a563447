"""The launcher's WSGI front: the `/_gamectl` admin endpoint, fault injection and request recording.

It wraps moto's own DomainDispatcherApplication, so every AWS request passes through here first.
Admin requests and moto's `/moto-api` are neither recorded nor subject to faults.
"""

import io
import json
import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from .faults import FaultInjector, FaultSpec, render_fault
from .recorder import RequestRecorder
from .state import async_delays
from .wire import access_key_id, classify

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

faults = FaultInjector()
recorder = RequestRecorder()
# The access key of a SigV4 Authorization header (unsigned calls, such as a public client's SignUp, have none).


class SimulatedLatency:
    """A fixed delay before every AWS request, standing in for the round trip to a real region.

    moto answers in microseconds of CPU; benchmarks that compare parallel with sequential calls
    need the waiting that real AWS imposes, or they only measure the Python interpreter.
    """

    def __init__(self) -> None:
        self.ms = 0.0

    def configure(self, body: Any) -> dict[str, float]:
        if not isinstance(body, dict) or not isinstance(body.get("ms"), (int, float)) or not 0 <= body["ms"] <= 10_000:
            raise AdminError(400, 'latency needs {"ms": N} with 0 <= N <= 10000')
        self.ms = float(body["ms"])
        return self.snapshot()

    def snapshot(self) -> dict[str, float]:
        return {"ms": self.ms}

    def wait(self) -> None:
        if self.ms > 0:
            time.sleep(self.ms / 1000)


latency = SimulatedLatency()


def reset_launcher_state() -> None:
    """The launcher's own state; moto's reset clears the backends (and the ElastiCache events in them)."""
    faults.clear()
    recorder.clear()
    async_delays.reset()
    latency.ms = 0.0
    from . import cognito
    from .elasticache import admin_endpoint

    admin_endpoint("DELETE", None)
    cognito.reset()


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class GamectlMiddleware:
    def __init__(
        self,
        moto_app: WsgiApp,
        extra_routes: dict[str, Callable[[str, Any], Any]] | None = None,
        prefix_routes: dict[str, Callable[[str, str, Any], tuple[int, Any]]] | None = None,
    ) -> None:
        self.moto_app = moto_app
        self.extra_routes = extra_routes or {}
        # Routes ending in a name (`/ecs/credentials/<role>`): handler(method, name, body) -> (status, body).
        self.prefix_routes = prefix_routes or {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or ""
        if path.startswith("/_gamectl"):
            return self._admin(environ, start_response, path)
        if path.startswith("/moto-api"):
            if path.rstrip("/") == "/moto-api/reset":
                reset_launcher_state()
            return self.moto_app(environ, start_response)
        body = _read_body(environ)
        request = classify(environ, body)
        if request is None:
            return self.moto_app(environ, start_response)
        entry = recorder.record(request, access_key_id(environ))
        latency.wait()
        fault = faults.decide(request)
        if fault is not None:
            status, headers, payload = render_fault(fault[0], fault[1], request)
            entry["status"] = status
            entry["fault"] = fault[0]
            start_response(f"{status} {_reason(status)}", headers + [("Content-Length", str(len(payload)))])
            return [payload]

        def recording_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            entry["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        answer = self.moto_app(environ, recording_start_response)
        if (entry["status"] or 0) < 400:
            return answer
        # Failed calls keep their AWS error code (AccessDenied, ValidationException, ...), so a test can
        # assert that a run under --enforce-iam saw no denial. Error bodies are small: buffer them.
        payload = b"".join(answer)
        if hasattr(answer, "close"):
            answer.close()
        entry["error"] = error_code(payload)
        return [payload]

    def _admin(self, environ: dict[str, Any], start_response: StartResponse, path: str) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        route = path[len("/_gamectl"):].rstrip("/") or "/"
        try:
            body = _json_body(environ) if method in ("POST", "PUT") else None
            for prefix, handler in self.prefix_routes.items():
                if route.startswith(prefix + "/") and len(route) > len(prefix) + 1:
                    status, result = handler(method, route[len(prefix) + 1:], body)
                    return _json_response(start_response, status, result)
            result = self._route(method, route, body)
            return _json_response(start_response, 200, result)
        except AdminError as error:
            return _json_response(start_response, error.status, {"error": str(error)})
        except ValueError as error:
            return _json_response(start_response, 400, {"error": str(error)})

    def _route(self, method: str, route: str, body: Any) -> Any:
        if route == "/faults":
            if method == "GET":
                return faults.status()
            if method in ("POST", "PUT"):
                faults.configure(FaultSpec.parse(body))
                return faults.status()
            if method == "DELETE":
                faults.clear()
                return faults.status()
        elif route == "/async":
            if method == "GET":
                return async_delays.snapshot()
            if method in ("POST", "PUT"):
                return async_delays.update(body)
            if method == "DELETE":
                async_delays.reset()
                return async_delays.snapshot()
        elif route == "/requests":
            if method == "GET":
                return recorder.entries()
            if method == "DELETE":
                recorder.clear()
                return {"cleared": True}
        elif route == "/latency":
            if method == "GET":
                return latency.snapshot()
            if method in ("POST", "PUT"):
                return latency.configure(body)
        elif route == "/reset" and method == "POST":
            reset_launcher_state()
            return {"status": "ok"}
        elif route in self.extra_routes:
            return self.extra_routes[route](method, body)
        else:
            raise AdminError(404, f"no admin route {route}; known: /faults, /async, /requests, /latency, /reset, {', '.join([*self.extra_routes, *(p + '/<name>' for p in self.prefix_routes)])}")
        raise AdminError(405, f"method {method} not allowed on /_gamectl{route}")


def error_code(payload: bytes) -> str | None:
    """The AWS error code in an error body: JSON `__type` (after any `#`) or XML `<Code>`."""
    text = payload.decode("utf-8", "replace")
    try:
        parsed = json.loads(text)
        if isinstance(parsed, dict):
            kind = parsed.get("__type") or parsed.get("code") or parsed.get("Code")
            if isinstance(kind, str):
                return kind.rsplit("#", 1)[-1]
    except ValueError:
        pass
    match = re.search(r"<Code>([^<]+)</Code>", text)
    return match.group(1) if match else None


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    body = stream.read(length) if length > 0 else b""
    if not length and environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
        body = stream.read()
        environ["CONTENT_LENGTH"] = str(len(body))
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def _json_body(environ: dict[str, Any]) -> Any:
    raw = _read_body(environ)
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError as error:
        raise ValueError(f"request body is not valid JSON: {error}") from None


def _json_response(start_response: StartResponse, status: int, payload: Any) -> Iterable[bytes]:
    body = json.dumps(payload, default=str).encode()
    start_response(f"{status} {_reason(status)}", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _reason(status: int) -> str:
    return {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error", 503: "Service Unavailable"}.get(status, "Error")

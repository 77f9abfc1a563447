"""Keeps every AWS request the launcher receives, in order, with its decoded parameters.

Parameters are decoded when the list is read, not when the request arrives, to keep the
recording off the hot path of a benchmark that never reads it.
"""

import threading
import time
from typing import Any

from .wire import AwsRequest, decode_params

MAX_RECORDED = 20_000


class RequestRecorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[tuple[AwsRequest, dict[str, Any]]] = []

    def record(self, request: AwsRequest, access_key_id: str | None = None) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "service": request.service,
            "operation": request.operation,
            "region": request.region,
            # Whose keys signed it, as CloudTrail's userIdentity.accessKeyId: tells apart several clients of one account.
            "accessKeyId": access_key_id,
            "time": time.time(),
            "status": None,
            "fault": None,
            "error": None,
        }
        with self._lock:
            self._entries.append((request, entry))
            if len(self._entries) > MAX_RECORDED:
                del self._entries[: len(self._entries) - MAX_RECORDED]
        return entry

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            recorded = list(self._entries)
        listed = []
        for request, entry in recorded:
            if "params" not in entry:
                entry["params"] = decode_params(request)
            listed.append({"service": entry["service"], "operation": entry["operation"], "params": entry["params"], **{k: v for k, v in entry.items() if k not in ("service", "operation", "params")}})
        return listed

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

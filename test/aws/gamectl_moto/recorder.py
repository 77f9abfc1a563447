"""Keeps every AWS request the launcher receives, in order, with its decoded parameters."""

import threading
import time
from typing import Any

from .wire import AwsRequest, decode_params

MAX_RECORDED = 20_000


class RequestRecorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []

    def record(self, request: AwsRequest) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "service": request.service,
            "operation": request.operation,
            "params": decode_params(request),
            "region": request.region,
            "time": time.time(),
            "status": None,
            "fault": None,
        }
        with self._lock:
            self._entries.append(entry)
            if len(self._entries) > MAX_RECORDED:
                del self._entries[: len(self._entries) - MAX_RECORDED]
        return entry

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(entry) for entry in self._entries]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

"""Runtime settings shared by the launcher's extensions: simulated asynchronous-state durations.

AWS takes minutes to create or modify a replication group or a table; tests configure how many
seconds the launcher keeps a resource in each transitional state. Statuses are computed from
timestamps when read, so no background thread is needed.
"""

import threading
import time
from typing import Any

DEFAULT_DELAYS: dict[str, dict[str, float]] = {
    "elasticache": {"creating": 0.0, "modifying": 0.0, "deleting": 0.0},
    "dynamodb": {"creating": 0.0, "updating": 0.0, "deleting": 0.0},
}


class AsyncDelays:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._delays = {service: dict(states) for service, states in DEFAULT_DELAYS.items()}

    def get(self, service: str, state: str) -> float:
        with self._lock:
            return self._delays[service][state]

    def until(self, service: str, state: str) -> float:
        """Epoch second at which a resource entering `state` now leaves it."""
        return time.time() + self.get(service, state)

    def snapshot(self) -> dict[str, dict[str, float]]:
        with self._lock:
            return {service: dict(states) for service, states in self._delays.items()}

    def update(self, spec: Any) -> dict[str, dict[str, float]]:
        """Validates the whole spec before applying any of it; raises ValueError naming the field."""
        if not isinstance(spec, dict):
            raise ValueError('body must be a JSON object like {"elasticache": {"creating": 3}}')
        staged = self.snapshot()
        for service, states in spec.items():
            if service not in staged:
                raise ValueError(f"unknown service {service!r}; expected one of {sorted(staged)}")
            if not isinstance(states, dict):
                raise ValueError(f"{service} must be an object of state -> seconds")
            for state, seconds in states.items():
                if state not in staged[service]:
                    raise ValueError(f"unknown state {service}.{state}; expected one of {sorted(staged[service])}")
                if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
                    raise ValueError(f"{service}.{state} must be a number of seconds >= 0, got {seconds!r}")
                staged[service][state] = float(seconds)
        with self._lock:
            self._delays = staged
        return self.snapshot()

    def reset(self) -> None:
        with self._lock:
            self._delays = {service: dict(states) for service, states in DEFAULT_DELAYS.items()}


async_delays = AsyncDelays()


class Transition:
    """A transitional status (e.g. `modifying`) that holds until a deadline."""

    def __init__(self, state: str, until: float) -> None:
        self.state = state
        self.until = until

    def active(self) -> bool:
        return time.time() < self.until

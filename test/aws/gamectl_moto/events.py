"""EventBridge delivering to SQS as AWS does.

moto 5.2 sent every matching event to an SQS target whatever the queue's policy said. AWS sends as
the service principal `events.amazonaws.com`, so the queue's resource policy must allow it
`sqs:SendMessage` (usually only for the rule, with `aws:SourceArn`); otherwise the invocation fails
and the event never reaches the queue. Here a delivery happens only when the policy allows it:
an Allow statement for that principal (or `*`), action and queue ARN, whose conditions hold for the
keys `aws:SourceArn` (the rule) and `aws:SourceAccount` with the ARN and String operators; a
condition on any other key or operator keeps the Allow from applying, and a matching Deny wins.

The delivered envelope also carries `account`, as AWS's does (moto left it out of SQS deliveries).
"""

import fnmatch
import json
from typing import Any

from moto.events.models import Rule

_original_send_to_sqs_queue = Rule._send_to_sqs_queue

_OPERATORS = {
    "ArnEquals": lambda value, pattern: value == pattern,
    "StringEquals": lambda value, pattern: value == pattern,
    "ArnLike": lambda value, pattern: fnmatch.fnmatchcase(value, pattern),
    "StringLike": lambda value, pattern: fnmatch.fnmatchcase(value, pattern),
}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _principal_matches(principal: Any) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, dict):
        return "events.amazonaws.com" in _as_list(principal.get("Service", [])) or "*" in _as_list(principal.get("AWS", []))
    return False


def _action_matches(action: Any) -> bool:
    return any(fnmatch.fnmatchcase("sqs:sendmessage", str(a).lower()) for a in _as_list(action))


def _resource_matches(resource: Any, queue_arn: str) -> bool:
    return any(fnmatch.fnmatchcase(queue_arn, str(r)) for r in _as_list(resource))


def _conditions_hold(conditions: Any, context: dict[str, str]) -> bool:
    if not conditions:
        return True
    if not isinstance(conditions, dict):
        return False
    for operator, entries in conditions.items():
        compare = _OPERATORS.get(operator)
        if compare is None or not isinstance(entries, dict):
            return False
        for key, patterns in entries.items():
            value = context.get(key.lower() if isinstance(key, str) else key)
            if value is None or not any(compare(value, str(p)) for p in _as_list(patterns)):
                return False
    return True


def delivery_allowed(policy_text: str | None, queue_arn: str, rule_arn: str, account_id: str) -> bool:
    """Whether the queue's policy lets EventBridge send this rule's events to it."""
    if not policy_text:
        return False
    try:
        policy = json.loads(policy_text)
    except ValueError:
        return False
    context = {"aws:sourcearn": rule_arn, "aws:sourceaccount": account_id}
    allowed = False
    for statement in _as_list(policy.get("Statement", [])):
        if not isinstance(statement, dict):
            continue
        applies = (
            _principal_matches(statement.get("Principal"))
            and _action_matches(statement.get("Action", []))
            and _resource_matches(statement.get("Resource", []), queue_arn)
        )
        if not applies:
            continue
        holds = _conditions_hold(statement.get("Condition"), context)
        if statement.get("Effect") == "Deny" and holds:
            return False
        if statement.get("Effect") == "Allow" and holds:
            allowed = True
    return allowed


def _send_to_sqs_queue(self: Rule, resource_id: str, event: dict[str, Any], group_id: str | None = None) -> None:
    from moto.sqs import sqs_backends

    queue = sqs_backends[self.account_id][self.region_name].get_queue(resource_id)
    if not delivery_allowed(queue.policy, queue.queue_arn, self.arn, self.account_id):
        # AWS counts a FailedInvocation for the rule; nothing reaches the queue.
        return
    event.setdefault("account", self.account_id)
    _original_send_to_sqs_queue(self, resource_id, event, group_id)


def install() -> None:
    Rule._send_to_sqs_queue = _send_to_sqs_queue  # type: ignore[method-assign]

"""DynamoDB: tables and GSIs pass through CREATING / UPDATING / DELETING like AWS.

moto reports every table ACTIVE at once. Here a new table stays CREATING, an updated table
UPDATING and a new GSI CREATING (a deleted one DELETING) for the configured seconds, and the
control plane rejects what AWS rejects meanwhile: UpdateTable and DeleteTable on a table that
is not ACTIVE, more than one GSI create/delete per call, and a switch to PROVISIONED billing that
does not carry throughput for the table and every GSI.
"""

import threading
import time
from typing import Any

from moto.dynamodb import urls as dynamodb_urls
from moto.dynamodb.exceptions import MockValidationException, ResourceInUseException
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.table import GlobalSecondaryIndex, Table

from .state import async_delays


_PARTICIPLE = {"CREATING": "created", "UPDATING": "updated", "DELETING": "deleted", "ACTIVE": "used"}


class TimedIndex(GlobalSecondaryIndex):
    """A GSI whose IndexStatus is read from a deadline."""

    creating_until: float = 0.0
    deleting_until: float | None = None

    def current_status(self) -> str:
        now = time.time()
        if self.deleting_until is not None:
            return "DELETING"
        return "CREATING" if now < self.creating_until else "ACTIVE"

    def describe(self) -> dict[str, Any]:
        described = super().describe()
        described["IndexStatus"] = self.current_status()
        if described["IndexStatus"] == "CREATING":
            described["Backfilling"] = False
        return described


def _timed(index: GlobalSecondaryIndex, creating_until: float = 0.0) -> TimedIndex:
    index.__class__ = TimedIndex
    assert isinstance(index, TimedIndex)
    index.creating_until = creating_until
    index.deleting_until = None
    return index


class TimedTable(Table):
    """A table whose TableStatus is read from deadlines set at create and update."""

    busy_state: str = "ACTIVE"
    busy_until: float = 0.0

    def current_status(self) -> str:
        self.drop_deleted_indexes()
        if time.time() < self.busy_until:
            return self.busy_state
        if any(isinstance(i, TimedIndex) and i.current_status() != "ACTIVE" for i in self.global_indexes):
            return "UPDATING"
        return "ACTIVE"

    def drop_deleted_indexes(self) -> None:
        now = time.time()
        self.global_indexes = [i for i in self.global_indexes if not (isinstance(i, TimedIndex) and i.deleting_until is not None and now >= i.deleting_until)]

    def describe(self, base_key: str = "TableDescription") -> dict[str, Any]:
        status = self.current_status()
        described = super().describe(base_key)
        described[base_key]["TableStatus"] = status
        if not described[base_key]["GlobalSecondaryIndexes"]:
            del described[base_key]["GlobalSecondaryIndexes"]
        if not described[base_key]["LocalSecondaryIndexes"]:
            del described[base_key]["LocalSecondaryIndexes"]
        if self.billing_mode == "PAY_PER_REQUEST":
            described[base_key]["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] = self.created_at
        return described


# The launcher's server is threaded, and moto's data plane is not safe under it: two conditional writes to one item
# both pass their condition, and a failed TransactWriteItems rolls its tables back to a copy taken before it began,
# undoing writes other threads made meanwhile. DynamoDB serializes conditional writes and transactions per item, and
# reads never see half a transaction: one lock over the data plane gives the same answers (at moto's speed).
_DATA_PLANE = threading.RLock()


def _serialized(name: str) -> Any:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        with _DATA_PLANE:
            return getattr(super(GamectlDynamoDBBackend, self), name)(*args, **kwargs)

    method.__name__ = name
    return method


class GamectlDynamoDBBackend(DynamoDBBackend):
    put_item = _serialized("put_item")
    update_item = _serialized("update_item")
    delete_item = _serialized("delete_item")
    transact_write_items = _serialized("transact_write_items")
    transact_get_items = _serialized("transact_get_items")
    get_item = _serialized("get_item")
    query = _serialized("query")
    scan = _serialized("scan")

    @property
    def _url_module(self) -> Any:
        return dynamodb_urls

    def create_table(self, name: str, **params: Any) -> Table:
        self._purge_deleted()
        table = super().create_table(name, **params)
        table.__class__ = TimedTable
        assert isinstance(table, TimedTable)
        delay = async_delays.get("dynamodb", "creating")
        table.busy_state, table.busy_until = "CREATING", time.time() + delay
        table.global_indexes = [_timed(index, time.time() + delay) for index in table.global_indexes]
        return table

    def tag_resource(self, table_arn: str, tags: list[dict[str, str]]) -> None:
        # AWS overwrites the value of a key that is already there; moto appended a second tag.
        for table in self.tables.values():
            if table.table_arn == table_arn:
                incoming = {tag["Key"]: tag["Value"] for tag in tags}
                table.tags = [tag for tag in table.tags if tag["Key"] not in incoming] + [{"Key": k, "Value": v} for k, v in incoming.items()]

    def _purge_deleted(self) -> None:
        now = time.time()
        for name in [n for n, t in self.tables.items() if isinstance(t, TimedTable) and t.busy_state == "DELETING" and now >= t.busy_until]:
            del self.tables[name]

    def get_table(self, table_name: str) -> Table:
        self._purge_deleted()
        return super().get_table(table_name)

    def list_tables(self, limit: int, exclusive_start_table_name: str) -> tuple[list[str], str | None]:
        self._purge_deleted()
        return super().list_tables(limit, exclusive_start_table_name)

    def delete_table(self, name: str) -> Table:
        table = self.get_table(name)
        if isinstance(table, TimedTable) and table.current_status() != "ACTIVE":
            raise ResourceInUseException(f"Attempt to change a resource which is still in use: Table is being {_PARTICIPLE[table.current_status()]}: {name}")
        delay = async_delays.get("dynamodb", "deleting")
        if delay <= 0 or not isinstance(table, TimedTable) or table.deletion_protection_enabled:
            # (super() raises DeletionProtectedException for a protected table.)
            deleted = super().delete_table(name)
            if isinstance(deleted, TimedTable):
                deleted.busy_state, deleted.busy_until = "DELETING", time.time() + 3600
            return deleted
        table.busy_state, table.busy_until = "DELETING", time.time() + delay
        return table

    def update_table(self, name: str, **params: Any) -> Table:  # type: ignore[override]
        table = self.get_table(name)
        if isinstance(table, TimedTable):
            status = table.current_status()
            if status != "ACTIVE":
                raise ResourceInUseException(f"Attempt to change a resource which is still in use: Table is being {_PARTICIPLE[status]}: {name}")
        updates = params.get("global_index") or []
        creates_or_deletes = [u for u in updates if u.get("Create") or u.get("Delete")]
        if len(creates_or_deletes) > 1:
            raise MockValidationException("Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table")
        billing_mode = params.get("billing_mode")
        if billing_mode == "PROVISIONED" and table.billing_mode == "PAY_PER_REQUEST":
            if not params.get("throughput"):
                raise MockValidationException("One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
            updated_throughput = {u["Update"]["IndexName"] for u in updates if u.get("Update", {}).get("ProvisionedThroughput")}
            for index in table.global_indexes:
                if index.name not in updated_throughput:
                    raise MockValidationException(
                        f"One or more parameter values were invalid: ProvisionedThroughput must be specified for index: {index.name}"
                    )
        if billing_mode == "PAY_PER_REQUEST" and params.get("throughput"):
            raise MockValidationException("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        existing = {index.name for index in table.global_indexes}
        deleted = [u["Delete"]["IndexName"] for u in updates if u.get("Delete")]
        for index_name in deleted:
            if index_name not in existing:
                raise MockValidationException(f"Requested resource not found: Index: {index_name} not found for table: {name}")
        for update in updates:
            created = update.get("Create")
            if created and created["IndexName"] in existing:
                raise MockValidationException(f"One or more parameter values were invalid: Index already exists: {created['IndexName']}")
        # moto drops deleted indexes at once; keep them, DELETING, for the configured time.
        kept = {index.name: index for index in table.global_indexes}
        result = super().update_table(name, **params)
        if billing_mode == "PAY_PER_REQUEST":
            result.throughput = {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0, "NumberOfDecreasesToday": 0}
            for index in result.global_indexes:
                index.throughput = {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}
        if isinstance(result, TimedTable):
            delay = async_delays.get("dynamodb", "updating")
            now = time.time()
            indexes = []
            for index in result.global_indexes:
                indexes.append(index if isinstance(index, TimedIndex) else _timed(index, now + delay))
            for index_name in deleted:
                if delay > 0:
                    gone = _timed(kept[index_name])
                    gone.deleting_until = now + delay
                    indexes.append(gone)
            result.global_indexes = indexes
            # Deletion protection alone applies at once; capacity, billing, index and stream changes take time.
            reshaping = any(params.get(key) for key in ("global_index", "throughput", "billing_mode", "stream_spec", "warm_throughput"))
            if delay > 0 and reshaping:
                result.busy_state, result.busy_until = "UPDATING", now + delay
        return result


def install() -> None:
    dynamodb_backends.backend = GamectlDynamoDBBackend

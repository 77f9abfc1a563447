"""CloudWatch: a metric is its namespace, name and exact set of dimensions, as in AWS.

moto 5.2's GetMetricData matched a query without dimensions against every series of that name
(whatever their dimensions), and a query with dimensions against any namespace. An alarm on a
series nothing publishes (no dimensions, while the server's EMF lines carry some) therefore read
data in moto that AWS would never show it. Here a MetricStat query reads only the datapoints whose
namespace, name and dimension set equal the query's; dimension order does not matter.
"""

from datetime import datetime, timedelta
from typing import Any, SupportsFloat

from moto.cloudwatch import urls as cloudwatch_urls
from moto.cloudwatch.exceptions import ValidationError
from moto.cloudwatch.models import CloudWatchBackend, MetricDatumBase, Statistics, cloudwatch_backends


def _identity(namespace: str, name: str, dimensions: list[tuple[str | None, str | None]]) -> tuple[Any, ...]:
    return (namespace, name, frozenset(dimensions))


def _datum_identity(datum: MetricDatumBase) -> tuple[Any, ...]:
    return _identity(datum.namespace, datum.name, [(d.name, d.value) for d in datum.dimensions])


class GamectlCloudWatchBackend(CloudWatchBackend):
    @property
    def _url_module(self) -> Any:
        return cloudwatch_urls

    def get_metric_data(self, queries: list[dict[str, Any]], start_time: datetime, end_time: datetime, scan_by: str = "TimestampAscending") -> list[dict[str, Any]]:
        # Metric math reads other queries' results: moto's own evaluation handles those requests.
        if any("MetricStat" not in query for query in queries):
            return super().get_metric_data(queries, start_time, end_time, scan_by)
        start_time = start_time.replace(microsecond=0)
        end_time = end_time.replace(microsecond=0)
        if start_time > end_time:
            raise ValidationError("The parameter EndTime must be greater than StartTime.")
        if start_time == end_time:
            raise ValidationError("The parameter StartTime must not equal parameter EndTime.")
        in_range = [datum for datum in self.get_all_metrics() if start_time <= datum.timestamp < end_time]
        results = []
        for query in queries:
            metric_stat = query["MetricStat"]
            metric = metric_stat["Metric"]
            wanted = _identity(metric["Namespace"], metric["MetricName"], [(d["Name"], d["Value"]) for d in metric.get("Dimensions", [])])
            unit = metric_stat.get("Unit")
            series = [datum for datum in in_range if _datum_identity(datum) == wanted and (not unit or datum.unit == unit)]
            values: list[SupportsFloat] = []
            timestamps: list[datetime] = []
            period = timedelta(seconds=int(metric_stat["Period"]))
            period_start = start_time
            while period_start <= end_time:
                bucket = [datum for datum in series if period_start <= datum.timestamp < period_start + period]
                if bucket:
                    stats = Statistics([metric_stat["Stat"]], period_start)
                    stats.metric_data = bucket
                    values.append(stats.get_statistics_for_type(metric_stat["Stat"]))  # type: ignore[arg-type]
                    timestamps.append(stats.timestamp)
                period_start += period
            if scan_by == "TimestampDescending":
                values.reverse()
                timestamps.reverse()
            if query.get("ReturnData", True):
                results.append({
                    "id": query["Id"], "label": query.get("Label") or f"{metric['MetricName']} {metric_stat['Stat']}",
                    "values": values, "timestamps": timestamps, "status_code": "Complete",
                })
        return results


def install() -> None:
    cloudwatch_backends.backend = GamectlCloudWatchBackend

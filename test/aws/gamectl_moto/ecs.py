"""ECS and CloudWatch Logs as the game-server drivers meet them in AWS.

moto 5.2 drops or allows what AWS keeps or refuses:
- CreateService dropped `deploymentConfiguration`, `enableExecuteCommand` and
  `healthCheckGracePeriodSeconds`, so DescribeServices never returned the circuit breaker a
  controller sets. They are kept and returned (UpdateService already stored them).
- DescribeTaskDefinition of a family name returned the newest revision even when deregistered;
  AWS returns the latest ACTIVE revision, and `ClientException` when the family has none.
- DeleteCluster marked a cluster INACTIVE while services still ran in it; AWS answers
  `ClusterContainsServicesException` until every service is deleted (INACTIVE).
- A cluster created without tags made the tagging API's GetResources fail with HTTP 500 for every
  caller of the account (moto iterated its `None` tags); such a cluster simply has no tags.
- PutRetentionPolicy accepted any number; CloudWatch Logs allows only its fixed list of days
  (`InvalidParameterException` otherwise).
"""

from typing import Any

from moto.ecs import urls as ecs_urls
from moto.ecs.exceptions import ECSException, TaskDefinitionNotFoundException
from moto.ecs.models import EC2ContainerServiceBackend, TaskDefinition, ecs_backends
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.logs import urls as logs_urls
from moto.logs.exceptions import InvalidParameterException
from moto.logs.models import LogsBackend, logs_backends

# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
RETENTION_DAYS = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}


class ClusterContainsServicesException(ECSException):
    def __init__(self) -> None:
        super().__init__("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.")


class GamectlECSBackend(EC2ContainerServiceBackend):
    @property
    def _url_module(self) -> Any:
        return ecs_urls

    def create_cluster(self, *args: Any, **kwargs: Any) -> Any:
        cluster = super().create_cluster(*args, **kwargs)
        if cluster.tags is None:
            cluster.tags = []
        return cluster

    def describe_task_definition(self, task_definition_str: str) -> TaskDefinition:
        name = task_definition_str.split("/")[-1]
        if ":" in name:
            return super().describe_task_definition(task_definition_str)
        active = [revision for revision, definition in self.task_definitions.get(name, {}).items() if definition.status == "ACTIVE"]
        if not active:
            raise TaskDefinitionNotFoundException()
        return self.task_definitions[name][max(active)]

    def delete_cluster(self, cluster_str: str) -> Any:
        cluster = self._get_cluster(cluster_str)
        if any(service.cluster_name == cluster.name and service.status in ("ACTIVE", "DRAINING") for service in self.services.values()):
            raise ClusterContainsServicesException()
        return super().delete_cluster(cluster_str)


class GamectlECSResponse(EC2ContainerServiceResponse):
    def create_service(self) -> Any:
        result = super().create_service()
        service = self.ecs_backend.services[f"{self._get_param('cluster', 'default').split('/')[-1]}:{self._get_param('serviceName')}"]
        # moto's ActionResult reads attributes by the snake_case of the API's member names.
        service.deployment_configuration = self._get_param("deploymentConfiguration") or {
            "deploymentCircuitBreaker": {"enable": False, "rollback": False}, "maximumPercent": 200, "minimumHealthyPercent": 100,
        }
        service.enable_execute_command = bool(self._get_param("enableExecuteCommand", False))
        grace = self._get_param("healthCheckGracePeriodSeconds")
        if grace is not None:
            service.health_check_grace_period_seconds = grace
        return result


class GamectlLogsBackend(LogsBackend):
    @property
    def _url_module(self) -> Any:
        return logs_urls

    def put_retention_policy(self, log_group_name: str, retention_in_days: str) -> None:
        if int(retention_in_days) not in RETENTION_DAYS:
            raise InvalidParameterException(
                constraint=f"Member must satisfy enum value set: [{', '.join(str(d) for d in sorted(RETENTION_DAYS))}]",
                parameter="retentionInDays",
                value=retention_in_days,
            )
        super().put_retention_policy(log_group_name, retention_in_days)


def install() -> None:
    ecs_backends.backend = GamectlECSBackend
    ecs_urls.url_paths = {"{0}/$": GamectlECSResponse.dispatch}
    logs_backends.backend = GamectlLogsBackend

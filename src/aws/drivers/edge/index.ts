import type { ResourceDriver } from "../../driver.ts";
import { MetricAlarmDriver, SnsTopicDriver } from "./alarm.ts";
import { EcsServiceAttachmentDriver } from "./ecs.ts";
import { VpcEndpointDriver } from "./endpoints.ts";
import { ListenerDriver, LoadBalancerDriver, TargetGroupDriver } from "./load-balancer.ts";

export function edgeDrivers(): ResourceDriver[] {
  return [new VpcEndpointDriver(), new LoadBalancerDriver(), new TargetGroupDriver(), new ListenerDriver(), new SnsTopicDriver(), new MetricAlarmDriver(), new EcsServiceAttachmentDriver()];
}

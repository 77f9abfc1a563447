import { targetGroupLogicalName } from "../../kinds/elbv2/names.ts";
import type { DesiredResource } from "../types.ts";
import { ref } from "../values.ts";
import type { ResourceFamily } from "./family.ts";

export const alarmName = "alarm/session-creation-latency";
export const ecsAttachmentName = "ecs/service";

export const loadBalancerFamily: ResourceFamily = {
  name: "load-balancer",
  desired(env) {
    const spec = env.manifest.spec;
    const lb = spec.loadBalancer;
    if (!lb) return [];
    const targetGroup = targetGroupLogicalName(env.names.targetGroupName);
    const out: DesiredResource[] = [];
    const ecs = spec.gameServer.ecs;
    if (ecs) {
      out.push({
        kind: "EcsServiceAttachment", name: ecsAttachmentName, component: ecsAttachmentName, physicalName: `${ecs.cluster}/${ecs.service}`,
        properties: { loadBalancers: [{ targetGroupArn: ref(targetGroup, "arn"), containerName: ecs.containerName, containerPort: spec.gameServer.port }] },
        tags: {}, external: true,
      });
    }
    return out;
  },
  outputs(env, lookup, _observed, outputs) {
    // With an existing role the IAM family may not know its ARN; the ECS service's task definition does.
    const serviceTaskRole = env.manifest.spec.iam?.taskRole.existingRoleName ? lookup(ecsAttachmentName, "taskRoleArn") : undefined;
    if (serviceTaskRole && !outputs.taskRoleArn) outputs.taskRoleArn = serviceTaskRole;
  },
};

/** The load balancer and the ECS service wiring (VPC endpoints, the alarm and its topic are kinds of their own). */
export const edgeFamilies: readonly ResourceFamily[] = [loadBalancerFamily];

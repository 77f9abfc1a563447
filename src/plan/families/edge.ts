import { listenerName, loadBalancerName, targetGroupLogicalName } from "../../kinds/elbv2/names.ts";
import { defaultSslPolicy } from "../../spec/known-values.ts";
import type { DesiredResource, DesiredValue } from "../types.ts";
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
    const httpsPort = lb.listeners.find((l) => l.protocol === "HTTPS")?.port;
    for (const listener of lb.listeners) {
      const name = listenerName(listener.port);
      const defaultAction: DesiredValue = listener.redirectToHttps && httpsPort
        ? { type: "redirect", protocol: "HTTPS", port: String(httpsPort), statusCode: "HTTP_301" }
        : { type: "forward", targetGroupArn: ref(targetGroup, "arn") };
      out.push({
        kind: "Listener", name, component: name, physicalName: `${env.names.albName}:${listener.port}`,
        properties: {
          loadBalancerArn: ref(loadBalancerName, "arn"), port: listener.port, protocol: listener.protocol, defaultAction,
          ...(listener.protocol === "HTTPS" ? { certificates: [listener.certificateArn ?? ""], sslPolicy: listener.sslPolicy ?? defaultSslPolicy } : {}),
        },
        // Listeners are owned through their load balancer; they carry no tags of their own.
        tags: {},
      });
    }
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

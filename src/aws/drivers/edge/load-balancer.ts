import { CreateListenerCommand, DeleteListenerCommand, DescribeListenersCommand, ModifyListenerCommand, type Action } from "@aws-sdk/client-elastic-load-balancing-v2";
import { describeLoadBalancers } from "../../../kinds/elbv2/common.ts";
import { listenerName } from "../../../kinds/elbv2/names.ts";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../../plan/types.ts";
import { OWNERSHIP_TAGS } from "../../../spec/names.ts";
import { errorIs, orUndefined } from "../../clients.ts";
import { strings, type DriverContext, type DriverResult, type ResolvedResource, type ResourceDriver } from "../../driver.ts";
import { ownedBy, tagList } from "../tags.ts";

/** The ownership tags alone (no spec tags): what a listener carries so the controller's policy lets it change it. */
function ownershipTags(environmentKey: string, component: string): Record<string, string> {
  return { [OWNERSHIP_TAGS.managedBy]: "gamectl", [OWNERSHIP_TAGS.environment]: environmentKey, [OWNERSHIP_TAGS.component]: component };
}

function actionOf(actions: readonly Action[] | undefined): JsonValue {
  const action = actions?.[0];
  if (!action) return null;
  if (action.Type === "redirect") {
    const r = action.RedirectConfig;
    return { type: "redirect", protocol: r?.Protocol ?? "#{protocol}", port: r?.Port ?? "#{port}", statusCode: r?.StatusCode ?? "HTTP_301" };
  }
  const targetGroupArn = action.TargetGroupArn ?? action.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn ?? "";
  return { type: action.Type ?? "forward", targetGroupArn };
}

function actionInput(value: JsonValue | undefined): Action[] {
  const a = (value ?? {}) as Record<string, JsonValue>;
  if (a.type === "redirect") {
    return [{ Type: "redirect", RedirectConfig: { Protocol: String(a.protocol), Port: String(a.port), StatusCode: a.statusCode === "HTTP_302" ? "HTTP_302" : "HTTP_301" } }];
  }
  return [{ Type: "forward", TargetGroupArn: String(a.targetGroupArn) }];
}

/** Listeners of the environment's load balancer, one per port; the default action is compared and restored. */
export class ListenerDriver implements ResourceDriver {
  readonly kind = "Listener";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const loadBalancerNames = [...new Set(desired.map((d) => d.physicalName.split(":")[0] ?? ""))].filter(Boolean);
    const { balancers: all, tags: lbTags } = await describeLoadBalancers(ctx, loadBalancerNames);
    const balancers = all.filter((lb) => loadBalancerNames.includes(lb.LoadBalancerName ?? "") || loadBalancerNames.length === 0);
    if (balancers.length === 0) return [];
    const perBalancer = await Promise.all(balancers.map(async (lb) => {
      const listeners = (await ctx.aws.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners ?? [];
      // Listeners belong to their load balancer: they are ours when it is.
      const owned = ownedBy(lbTags.get(lb.LoadBalancerArn ?? "") ?? {}, ctx.environment.key);
      return listeners.map((l): ObservedResource => {
        const https = l.Protocol === "HTTPS";
        return {
          kind: this.kind, name: listenerName(l.Port ?? 0), id: l.ListenerArn ?? "", owned, state: "available", tags: {},
          properties: {
            loadBalancerArn: lb.LoadBalancerArn ?? "", port: l.Port ?? 0, protocol: l.Protocol ?? "HTTP", defaultAction: actionOf(l.DefaultActions),
            ...(https ? { certificates: (l.Certificates ?? []).map((c) => c.CertificateArn ?? ""), sslPolicy: l.SslPolicy ?? "" } : {}),
          },
          attributes: { id: l.ListenerArn ?? "", arn: l.ListenerArn ?? "" },
        };
      });
    }));
    return perBalancer.flat();
  }

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const p = resource.properties;
    const https = p.protocol === "HTTPS";
    try {
      const created = await ctx.aws.elbv2.send(new CreateListenerCommand({
        LoadBalancerArn: String(p.loadBalancerArn), Port: Number(p.port), Protocol: https ? "HTTPS" : "HTTP", DefaultActions: actionInput(p.defaultAction),
        ...(https ? { Certificates: strings(p.certificates).map((CertificateArn) => ({ CertificateArn })), SslPolicy: String(p.sslPolicy) } : {}),
        // AWS authorizes ModifyListener and DeleteListener on the listener's own tags: the controller's policy
        // lets it change only listeners that carry the ownership tags (ownership stays with the load balancer).
        Tags: tagList(ownershipTags(ctx.environment.key, resource.component)),
      }));
      const arn = created.Listeners?.[0]?.ListenerArn ?? "";
      return { attributes: { id: arn, arn } };
    } catch (error) {
      // One listener per port: created before a crash with other settings, the next pass updates it.
      if (errorIs(error, "DuplicateListener")) return { requeueAfterMs: 1_000, message: "already exists" };
      throw error;
    }
  }

  /** Sends only what changed; a switch to HTTPS carries the certificate and policy it needs. */
  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const https = p.protocol === "HTTPS";
    const protocolChanged = changed.has("protocol");
    await ctx.aws.elbv2.send(new ModifyListenerCommand({
      ListenerArn: observed.id,
      ...(protocolChanged ? { Protocol: https ? "HTTPS" as const : "HTTP" as const } : {}),
      ...(changed.has("defaultAction") ? { DefaultActions: actionInput(p.defaultAction) } : {}),
      ...(https && (protocolChanged || changed.has("certificates")) ? { Certificates: strings(p.certificates).map((CertificateArn) => ({ CertificateArn })) } : {}),
      ...(https && (protocolChanged || changed.has("sslPolicy")) ? { SslPolicy: String(p.sslPolicy) } : {}),
    }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await orUndefined(ctx.aws.elbv2.send(new DeleteListenerCommand({ ListenerArn: observed.id })), "ListenerNotFoundException");
    return {};
  }
}

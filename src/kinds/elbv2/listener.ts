import { CreateListenerCommand, DeleteListenerCommand, DescribeListenersCommand, ModifyListenerCommand, type Action } from "@aws-sdk/client-elastic-load-balancing-v2";
import { errorIs, orUndefined } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { ownedBy, tagList } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import { defaultSslPolicy } from "../../spec/known-values.ts";
import { OWNERSHIP_TAGS } from "../../spec/names.ts";
import type { Desired, DesiredResourceOf, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwnedUnderTheInstallationPrefix, installationArns, loadBalancerTagAtCreate, readEverything } from "../permissions.ts";
import { describeLoadBalancers } from "./common.ts";
import { listenerName, loadBalancerName, targetGroupLogicalName } from "./names.ts";
import { elbv2Service } from "./service.ts";

/** What a listener does with a request: forward it to the target group, or redirect it (HTTP to HTTPS). */
export type ListenerAction =
  | { type: "redirect"; protocol: string; port: string; statusCode: "HTTP_301" | "HTTP_302" }
  | { type: "forward"; targetGroupArn: string };

/** One listener of the game's load balancer, in the shape both the builder and the driver use. */
export type ListenerProperties = {
  loadBalancerArn: string;
  port: number;
  protocol: "HTTP" | "HTTPS";
  defaultAction: ListenerAction;
  /** HTTPS only. */
  certificates?: string[];
  /** HTTPS only. */
  sslPolicy?: string;
};

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

function actionInput(action: ListenerAction): Action[] {
  if (action.type === "redirect") {
    return [{ Type: "redirect", RedirectConfig: { Protocol: action.protocol, Port: action.port, StatusCode: action.statusCode } }];
  }
  return [{ Type: "forward", TargetGroupArn: action.targetGroupArn }];
}

const certificateList = (arns: readonly string[] | undefined) => (arns ?? []).map((CertificateArn) => ({ CertificateArn }));

/** The ownership tags alone (no spec tags): what a listener carries so the controller's policy lets it change it. */
function ownershipTags(environmentKey: string, component: string): Record<string, string> {
  return { [OWNERSHIP_TAGS.managedBy]: "gamectl", [OWNERSHIP_TAGS.environment]: environmentKey, [OWNERSHIP_TAGS.component]: component };
}

/** Listeners of the environment's load balancer, one per port; the default action is compared and restored. */
class ListenerDriver implements KindDriver<ListenerProperties> {
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

  async create(ctx: DriverContext, resource: ResolvedResourceOf<ListenerProperties>): Promise<DriverResult> {
    const p = resource.properties;
    try {
      const created = await ctx.aws.elbv2.send(new CreateListenerCommand({
        LoadBalancerArn: p.loadBalancerArn, Port: p.port, Protocol: p.protocol, DefaultActions: actionInput(p.defaultAction),
        ...(p.protocol === "HTTPS" ? { Certificates: certificateList(p.certificates), SslPolicy: p.sslPolicy } : {}),
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
  async update(ctx: DriverContext, resource: ResolvedResourceOf<ListenerProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const https = p.protocol === "HTTPS";
    const protocolChanged = changed.has("protocol");
    await ctx.aws.elbv2.send(new ModifyListenerCommand({
      ListenerArn: observed.id,
      ...(protocolChanged ? { Protocol: p.protocol } : {}),
      ...(changed.has("defaultAction") ? { DefaultActions: actionInput(p.defaultAction) } : {}),
      ...(https && (protocolChanged || changed.has("certificates")) ? { Certificates: certificateList(p.certificates) } : {}),
      ...(https && (protocolChanged || changed.has("sslPolicy")) ? { SslPolicy: p.sslPolicy } : {}),
    }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await orUndefined(ctx.aws.elbv2.send(new DeleteListenerCommand({ ListenerArn: observed.id })), "ListenerNotFoundException");
    return {};
  }
}

export const listener: ResourceKind<"Listener", ListenerProperties> = {
  name: "Listener",
  service: elbv2Service,
  taggingType: "elasticloadbalancing",
  catalog: {
    title: "listener",
    dataHolding: false,
    tier: 3,
    fields: {
      loadBalancerArn: { semantics: "replace", reason: "a listener belongs to one load balancer" },
      port: { semantics: "replace", reason: "a listener is identified by its port" },
      certificates: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env) {
    const lb = env.manifest.spec.loadBalancer;
    if (!lb) return [];
    const httpsPort = lb.listeners.find((l) => l.protocol === "HTTPS")?.port;
    return lb.listeners.map((spec): DesiredResourceOf<"Listener", ListenerProperties> => {
      const name = listenerName(spec.port);
      const defaultAction: Desired<ListenerAction> = spec.redirectToHttps && httpsPort
        ? { type: "redirect", protocol: "HTTPS", port: String(httpsPort), statusCode: "HTTP_301" }
        : { type: "forward", targetGroupArn: ref(targetGroupLogicalName(env.names.targetGroupName), "arn") };
      return {
        kind: "Listener", name, component: name, physicalName: `${env.names.albName}:${spec.port}`,
        properties: {
          loadBalancerArn: ref(loadBalancerName, "arn"), port: spec.port, protocol: spec.protocol, defaultAction,
          ...(spec.protocol === "HTTPS" ? { certificates: [spec.certificateArn ?? ""], sslPolicy: spec.sslPolicy ?? defaultSslPolicy } : {}),
        },
        // Listeners are owned through their load balancer; they carry no tags of their own.
        tags: {},
      };
    });
  },
  driver: new ListenerDriver(),
  permissions: [
    readEverything(["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags"]),
    loadBalancerTagAtCreate("CreateListener", installationArns.listener),
    // AWS authorizes CreateListener on the load balancer it is added to, so the ownership tag and the name checked are the load balancer's.
    changeOwnedUnderTheInstallationPrefix(["elasticloadbalancing:CreateListener"], [installationArns.loadBalancer]),
    changeOwnedUnderTheInstallationPrefix(["elasticloadbalancing:AddTags", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:DeleteListener"], [installationArns.listener]),
  ],
};

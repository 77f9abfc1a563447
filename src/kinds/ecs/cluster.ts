import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand, TagResourceCommand } from "@aws-sdk/client-ecs";
import { errorIs } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { ownedBy } from "../../aws/drivers/tags.ts";
import type { DesiredResource, ObservedResource } from "../../plan/types.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, ecsTagAtCreate, installationArns, readEverything, serviceLinkedRole } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { ecsTags, inventoried, tagsOf } from "./common.ts";
import { deploysGameServer } from "./game-server.ts";
import { ecsService } from "./service.ts";

/** The cluster's name: the one property of the kind (a change replaces it). */
export type EcsClusterProperties = { clusterName: string };

/** The cluster's logical name; the Fargate service depends on it when gamectl creates it. */
export const clusterName = "ecs/cluster";

/** The cluster the service runs in: gamectl's own unless the spec names an existing one. */
export function gameServerCluster(env: LoadedEnvironment): { name: string; created: boolean } {
  const existing = env.manifest.spec.gameServer.cluster?.name;
  return existing ? { name: existing, created: false } : { name: env.names.gameServerName, created: true };
}

/** The cluster gamectl creates for the game server. An existing cluster named in the spec is never a resource of this kind. */
class EcsClusterDriver implements KindDriver<EcsClusterProperties> {
  readonly kind = "EcsCluster";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const wanted = new Map(desired.map((d) => [d.physicalName, d.name]));
    for (const { arn, logical } of await inventoried(ctx, "cluster")) {
      const name = arn.split("/").pop() ?? "";
      if (!wanted.has(name)) wanted.set(name, logical);
    }
    if (wanted.size === 0) return [];
    const described = await ctx.aws.ecs.send(new DescribeClustersCommand({ clusters: [...wanted.keys()], include: ["TAGS"] }));
    // A deleted cluster stays visible as INACTIVE for a while: it is gone.
    return (described.clusters ?? []).filter((c) => c.status !== "INACTIVE" && wanted.has(c.clusterName ?? "")).map((c) => {
      const tags = tagsOf(c.tags);
      return {
        kind: this.kind, name: wanted.get(c.clusterName ?? "")!, id: c.clusterName ?? "", owned: ownedBy(tags, ctx.environment.key), state: c.status ?? "ACTIVE",
        properties: { clusterName: c.clusterName ?? "" }, attributes: { id: c.clusterName ?? "", arn: c.clusterArn ?? "" }, tags,
      };
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<EcsClusterProperties>): Promise<DriverResult> {
    // CreateCluster returns the existing cluster for the same name: a retry after a crash is safe.
    const created = await ctx.aws.ecs.send(new CreateClusterCommand({ clusterName: resource.physicalName, tags: ecsTags(resource.tags) }));
    return { attributes: { id: resource.physicalName, arn: created.cluster?.clusterArn ?? "" } };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<EcsClusterProperties>, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.ecs.send(new TagResourceCommand({ resourceArn: observed.attributes.arn ?? "", tags: ecsTags(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.ecs.send(new DeleteClusterCommand({ cluster: observed.id }));
    } catch (error) {
      // The service is deleted in the same pass; the cluster follows once ECS has let it go.
      if (errorIs(error, "ClusterContainsServicesException", "ClusterContainsTasksException")) return { requeueAfterMs: 5_000, message: "waiting for the cluster's services to be deleted" };
      if (errorIs(error, "ClusterNotFoundException")) return {};
      throw error;
    }
    return {};
  }
}

export const ecsCluster: ResourceKind<"EcsCluster", EcsClusterProperties> = {
  name: "EcsCluster",
  service: ecsService,
  taggingType: "ecs:cluster",
  catalog: {
    title: "ECS cluster",
    inventoryType: "ecs:cluster",
    dataHolding: false,
    tier: 0,
    fields: { clusterName: { semantics: "replace", reason: "an ECS cluster cannot be renamed" } },
    readiness: { states: ["ACTIVE"], noun: "cluster" },
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env) {
    // Deploy mode only, and only when the spec names no existing cluster.
    if (!deploysGameServer(env)) return [];
    const cluster = gameServerCluster(env);
    if (!cluster.created) return [];
    return [{ kind: "EcsCluster", name: clusterName, component: clusterName, physicalName: cluster.name, properties: { clusterName: cluster.name }, tags: tagsFor(env, clusterName) }];
  },
  driver: new EcsClusterDriver(),
  permissions: [
    readEverything(["ecs:DescribeClusters"]),
    createUnderTheInstallationPrefix(["ecs:CreateCluster"], [installationArns.ecsCluster]),
    ecsTagAtCreate("CreateCluster"),
    changeOwnedUnderTheInstallationPrefix(["ecs:TagResource", "ecs:DeleteCluster"], [installationArns.ecsCluster]),
    serviceLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS"),
  ],
};

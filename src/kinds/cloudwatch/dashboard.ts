import { DeleteDashboardsCommand, GetDashboardCommand, ListDashboardsCommand, PutDashboardCommand } from "@aws-sdk/client-cloudwatch";
import { orUndefined } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { dashboardWidgets } from "../observability.ts";
import type { DesiredResource, JsonValue, ObservedResource } from "../../plan/types.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { dashboardsByName, readEverything } from "../permissions.ts";
import { dashboardMarker } from "./dashboard-marker.ts";
import { cloudwatchService } from "./service.ts";

/** The dashboard's body: its widgets, the marker text widget first. */
export type DashboardProperties = { widgets: JsonValue[] };

/** The logical name of the environment's dashboard. */
export const dashboardName = "dashboard";

interface DashboardBody { widgets?: JsonValue[] }

function parseBody(text: string | undefined): DashboardBody {
  try {
    const parsed = JSON.parse(text ?? "{}") as unknown;
    return typeof parsed === "object" && parsed !== null ? parsed as DashboardBody : {};
  } catch {
    // A body that is not JSON cannot have been written by gamectl: it is observed with no widgets, so it differs.
    return {};
  }
}

/**
 * The environment's CloudWatch dashboard. Dashboards take no tags, so ownership is the marker text widget gamectl
 * writes first; a dashboard with gamectl's name but without the marker is not the environment's (adopt takes it over).
 */
class DashboardDriver implements KindDriver<DashboardProperties> {
  readonly kind = "Dashboard";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    // The desired names, and any dashboard under the environment's prefix (one left after the spec dropped it).
    const names = new Set(desired.map((d) => d.physicalName));
    let nextToken: string | undefined;
    do {
      const page = await ctx.aws.cloudwatch.send(new ListDashboardsCommand({ DashboardNamePrefix: ctx.environment.prefix, ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const entry of page.DashboardEntries ?? []) if (entry.DashboardName) names.add(entry.DashboardName);
      nextToken = page.NextToken;
    } while (nextToken);
    const marker = dashboardMarker(ctx.environment.key);
    const found = await Promise.all([...names].map(async (name): Promise<ObservedResource | undefined> => {
      const dashboard = await orUndefined(ctx.aws.cloudwatch.send(new GetDashboardCommand({ DashboardName: name })), "ResourceNotFound", "ResourceNotFoundException", "DashboardNotFoundError");
      if (!dashboard) return undefined;
      const widgets = parseBody(dashboard.DashboardBody).widgets ?? [];
      const owned = JSON.stringify(widgets[0] ?? null).includes(JSON.stringify(marker).slice(1, -1));
      const wanted = desired.find((d) => d.physicalName === name);
      // Another environment's dashboard that only shares the prefix is neither desired nor owned: leave it unseen.
      if (!wanted && !owned) return undefined;
      const arn = dashboard.DashboardArn ?? "";
      return { kind: this.kind, name: wanted?.name ?? `dashboard/${name}`, id: name, owned, state: "available", properties: { widgets }, attributes: { id: name, arn }, tags: {} };
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  private async put(ctx: DriverContext, resource: ResolvedResourceOf<DashboardProperties>): Promise<DriverResult> {
    const result = await ctx.aws.cloudwatch.send(new PutDashboardCommand({ DashboardName: resource.physicalName, DashboardBody: JSON.stringify({ widgets: resource.properties.widgets }) }));
    const problems = (result.DashboardValidationMessages ?? []).map((m) => `${m.DataPath ?? ""}: ${m.Message ?? ""}`);
    return { attributes: { id: resource.physicalName, arn: "" }, ...(problems.length > 0 ? { message: `CloudWatch accepted the dashboard with warnings: ${problems.join("; ")}` } : {}) };
  }

  create(ctx: DriverContext, resource: ResolvedResourceOf<DashboardProperties>): Promise<DriverResult> {
    return this.put(ctx, resource);
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<DashboardProperties>, observed: ObservedResource): Promise<DriverResult> {
    const result = await this.put(ctx, resource);
    return { ...result, attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await orUndefined(ctx.aws.cloudwatch.send(new DeleteDashboardsCommand({ DashboardNames: [observed.id] })), "ResourceNotFound", "ResourceNotFoundException", "DashboardNotFoundError");
    return {};
  }
}

export const dashboard: ResourceKind<"Dashboard", DashboardProperties> = {
  name: "Dashboard",
  service: cloudwatchService,
  taggingType: "cloudwatch",
  catalog: {
    title: "CloudWatch dashboard",
    dataHolding: false,
    tier: 1,
    // PutDashboard replaces the whole body: any difference (an edit by hand included) is one call.
    fields: {},
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env) {
    if (!env.manifest.spec.observability?.dashboard?.enabled) return [];
    // Dashboards take no tags: ownership is the marker widget (dashboardMarker), which the driver reads back.
    return [{ kind: "Dashboard", name: dashboardName, component: dashboardName, physicalName: env.names.dashboardName, properties: { widgets: dashboardWidgets(env) }, tags: {} }];
  },
  driver: new DashboardDriver(),
  permissions: [
    readEverything(["cloudwatch:GetDashboard", "cloudwatch:ListDashboards"]),
    dashboardsByName(["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"]),
  ],
};

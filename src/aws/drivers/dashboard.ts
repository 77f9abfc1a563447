import { DeleteDashboardsCommand, GetDashboardCommand, ListDashboardsCommand, PutDashboardCommand } from "@aws-sdk/client-cloudwatch";
import { dashboardMarker } from "../../kinds/cloudwatch/dashboard-marker.ts";
import type { DesiredResource, JsonValue, ObservedResource } from "../../plan/types.ts";
import { orUndefined } from "../clients.ts";
import type { DriverContext, DriverResult, ResolvedResource, ResourceDriver } from "../driver.ts";

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
export class DashboardDriver implements ResourceDriver {
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

  private async put(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const result = await ctx.aws.cloudwatch.send(new PutDashboardCommand({ DashboardName: resource.physicalName, DashboardBody: JSON.stringify({ widgets: resource.properties.widgets ?? [] }) }));
    const problems = (result.DashboardValidationMessages ?? []).map((m) => `${m.DataPath ?? ""}: ${m.Message ?? ""}`);
    return { attributes: { id: resource.physicalName, arn: "" }, ...(problems.length > 0 ? { message: `CloudWatch accepted the dashboard with warnings: ${problems.join("; ")}` } : {}) };
  }

  create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    return this.put(ctx, resource);
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource): Promise<DriverResult> {
    const result = await this.put(ctx, resource);
    return { ...result, attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await orUndefined(ctx.aws.cloudwatch.send(new DeleteDashboardsCommand({ DashboardNames: [observed.id] })), "ResourceNotFound", "ResourceNotFoundException", "DashboardNotFoundError");
    return {};
  }
}

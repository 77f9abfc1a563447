import { DashboardDriver } from "../../aws/drivers/dashboard.ts";
import { dashboardFamily } from "../../plan/families/observability.ts";
import type { ResourceKind } from "../kind.ts";
import { cloudwatchService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { dashboardsByName, readEverything } from "../permissions.ts";

export const dashboard: ResourceKind<"Dashboard"> = {
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
  build: familyBuilder("Dashboard", dashboardFamily),
  driver: new DashboardDriver(),
  permissions: [
    readEverything(["cloudwatch:GetDashboard", "cloudwatch:ListDashboards"]),
    dashboardsByName(["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"]),
  ],
};

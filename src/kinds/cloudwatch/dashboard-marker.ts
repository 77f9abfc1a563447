/** The first widget: says who manages the dashboard, for people and for the driver (dashboards take no tags). */
export function dashboardMarker(environmentKey: string): string {
  return `Managed by gamectl for environment \`${environmentKey}\`: edits made here are replaced at the next reconcile.`;
}

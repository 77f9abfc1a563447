/** Logical names the load balancer's kinds give their resources, shared by their builders and drivers. */
export const loadBalancerName = "alb/game";
export const targetGroupLogicalName = (physical: string) => `targetgroup/${physical}`;
export const listenerName = (port: number) => `listener/${port}`;

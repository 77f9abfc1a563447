import type { AwsServiceName } from "../plan/catalog.ts";
import type { PlanAction } from "../plan/types.ts";
import { Limiter } from "../util/limiter.ts";

/** How many actions run at once, overall and per AWS service. */
export class Limits {
  private readonly global: Limiter;
  private readonly perService = new Map<AwsServiceName, Limiter>();
  private readonly bound: (service: AwsServiceName) => number;

  /** `bound`: the concurrency of one service (the options' override, else the service's own). */
  constructor(concurrency: number, bound: (service: AwsServiceName) => number) {
    this.global = new Limiter(concurrency);
    this.bound = bound;
  }

  run<T>(service: AwsServiceName, work: () => Promise<T>): Promise<T> {
    let limiter = this.perService.get(service);
    if (!limiter) {
      limiter = new Limiter(this.bound(service));
      this.perService.set(service, limiter);
    }
    const serviceLimiter = limiter;
    return this.global.run(() => serviceLimiter.run(work));
  }
}

/** The outcomes of an action's dependencies, by name, once they have all run. */
export type Dependencies<Outcome> = () => Promise<ReadonlyArray<readonly [name: string, outcome: Outcome]>>;

/**
 * Runs every action of a plan once its dependencies have run. Dependencies always come earlier in the plan, so their
 * promises exist already. A removal (an action on something the spec no longer declares) waits for everything else
 * first: create before destroy, so a replacement target group is in place and the listeners have switched before the
 * old one goes. Among removals, the plan's dependencies order the deletes in the reverse of creation.
 */
export function schedule<Outcome>(
  actions: readonly PlanAction[], isRemoval: (action: PlanAction) => boolean, run: (action: PlanAction, dependencies: Dependencies<Outcome>) => Promise<Outcome>,
): Map<string, Promise<Outcome>> {
  const outcomes = new Map<string, Promise<Outcome>>();
  const forward: Array<Promise<Outcome>> = [];
  for (const action of actions) {
    const removal = isRemoval(action);
    const dependencies: Dependencies<Outcome> = () => Promise.all(action.dependsOn.filter((d) => outcomes.has(d)).map(async (d) => [d, await outcomes.get(d)!] as const));
    const promise = removal ? Promise.allSettled(forward).then(() => run(action, dependencies)) : run(action, dependencies);
    if (!removal) forward.push(promise);
    outcomes.set(action.name, promise);
  }
  return outcomes;
}

import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { kindService } from "../service.ts";

/** Elastic Load Balancing v2. */
export const elbv2Service = kindService({
  name: "elbv2",
  arnNamespace: "elasticloadbalancing",
  iamPrefix: "elasticloadbalancing",
  sdkPackage: "@aws-sdk/client-elastic-load-balancing-v2",
  client: ElasticLoadBalancingV2Client,
  concurrency: 3,
  // ELB user guide, "Request throttling for the ELB API": non-mutating (Describe*) bucket 40, refill 10/s;
  // mutating actions have smaller buckets, so the shared bucket keeps the read refill with a smaller burst.
  budget: { rate: 10, burst: 20 },
});

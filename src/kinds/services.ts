import { awsServices } from "./services.generated.ts";

export { awsServices };

/** The descriptor of any service gamectl calls, each with its own literal name and client type. */
export type AnyAwsService = (typeof awsServices)[number];

/** gamectl's name of every AWS service it calls: the key of `ctx.aws`, of the budget and of the metrics. */
export type AwsServiceName = AnyAwsService["name"];

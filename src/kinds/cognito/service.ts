import type { AwsService } from "../kind.ts";

/** Amazon Cognito user pools (the cognito-idp API). */
export const cognitoService: AwsService = { name: "cognito", arnNamespace: "cognito-idp", concurrency: 2 };

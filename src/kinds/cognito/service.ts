import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { kindService } from "../service.ts";

/** Amazon Cognito user pools (the cognito-idp API). */
export const cognitoService = kindService({
  name: "cognito",
  arnNamespace: "cognito-idp",
  iamPrefix: "cognito-idp",
  sdkPackage: "@aws-sdk/client-cognito-identity-provider",
  client: CognitoIdentityProviderClient,
  concurrency: 2,
  // Cognito user pools quotas: UserPoolRead (Describe*) 20 RPS and UserPoolUpdate/ClientUpdate 5-25 RPS, shared by the account's pools; 5/s.
  budget: { rate: 5, burst: 10 },
});

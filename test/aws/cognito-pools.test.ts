import {
  CreateUserPoolCommand, DeleteUserPoolCommand, DescribeUserPoolCommand, ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { beforeAll, describe, expect, it } from "vitest";
import { resetMoto } from "./admin.ts";
import { awsError } from "./sdk-helpers.ts";
import { aws } from "../env/index.ts";
import { cognitoClient } from "../support/cognito-pool.ts";

/** What the controller's Cognito kinds rely on, as AWS does it: tags, UpdateUserPool's resets, deletion protection. */
const target = () => aws();

beforeAll(async () => {
  await resetMoto(target().endpoint);
});

describe("Cognito user pools in the launcher, as the controller meets them", () => {
  it("keeps tags set at creation, by TagResource and UntagResource, and lists the pool in the tagging API", async () => {
    const cognito = cognitoClient(target());
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: "tagged", UserPoolTags: { team: "red", "gamectl.dev/environment": "games/tagged" } }))).UserPool!;
    await cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { stage: "prod" } }));
    await cognito.send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ["team"] }));
    const tags = (await cognito.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn }))).Tags;
    expect(tags).toEqual({ "gamectl.dev/environment": "games/tagged", stage: "prod" });
    expect((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!.UserPoolTags).toEqual(tags);

    const tagging = new ResourceGroupsTaggingAPIClient({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
    const listed = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ["cognito-idp:userpool"], TagFilters: [{ Key: "gamectl.dev/environment", Values: ["games/tagged"] }] }));
    expect(listed.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([pool.Arn]);
    const missing = await awsError(cognito.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn!.replace(pool.Id!, "us-east-1_Nope1234") })));
    expect(missing.name).toBe("ResourceNotFoundException");
    tagging.destroy();
    cognito.destroy();
  });

  it("keeps the sign-in attribute and tags through UpdateUserPool, and applies its MFA setting", async () => {
    const cognito = cognitoClient(target());
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: "update", UsernameAttributes: ["email"], UserPoolTags: { team: "red" } }))).UserPool!;
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, Policies: { PasswordPolicy: { MinimumLength: 12 } }, MfaConfiguration: "OPTIONAL" }));
    const updated = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    expect(updated.UsernameAttributes).toEqual(["email"]);
    expect(updated.UserPoolTags).toEqual({ team: "red" });
    expect(updated.MfaConfiguration).toBe("OPTIONAL");
    expect(updated.Policies?.PasswordPolicy?.MinimumLength).toBe(12);
    cognito.destroy();
  });

  it("refuses to delete a pool with deletion protection on, and deletes it once it is off", async () => {
    const cognito = cognitoClient(target());
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: "protected", DeletionProtection: "ACTIVE" }))).UserPool!;
    expect((await awsError(cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id })))).name).toBe("InvalidParameterException");
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, DeletionProtection: "INACTIVE" }));
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    expect((await awsError(cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id })))).name).toBe("ResourceNotFoundException");
    cognito.destroy();
  });
});

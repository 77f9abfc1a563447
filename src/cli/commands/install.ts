import { parseArgs } from "node:util";
import type { Command } from "../main.ts";
import { confirm } from "./apply.ts";
import { applyInstallation, installationIdentity, installClients, observeInstallation } from "../../runtime/events/install-aws.ts";
import { checkInstallationId, desiredInstallation, installationHasChanges, InstallationConflict, planInstallation, renderInstallation } from "../../runtime/events/installation.ts";

const help = `Usage: gamectl install [--installation-id default] [--region REGION] [--dry-run] [--auto-approve]

Creates or updates the controller's own AWS resources for event-driven drift detection, once per
account and region (idempotent: observe, plan, show, apply):
  - the SQS queue gamectl-events-<id>, which the controller long-polls (--events-queue URL);
  - its queue policy: only the rule below may send to it (events.amazonaws.com, aws:SourceArn);
  - the EventBridge rule gamectl-events-<id> on the default bus: "AWS API Call via CloudTrail" events
    of the services gamectl manages whose names say they write (Create*, Modify*, Revoke*, ...).
All three carry the tags gamectl.dev/managed-by=gamectl and gamectl.dev/installation=<id>; a queue or
rule of that name without them is refused. EventBridge receives these events only from a CloudTrail
trail that logs management events. IAM's events arrive in us-east-1 only.
Run it with an identity allowed sqs:CreateQueue/SetQueueAttributes/TagQueue and events:PutRule/
PutTargets/TagResource; the controller itself then needs only sqs:ReceiveMessage and sqs:DeleteMessage
on the queue (manifests/controller/iam-policy.json). Exit 0 done or up to date, 2 changes pending (--dry-run), 1 error.
`;

export const command: Command = {
  summary: "Create the controller's change-event queue and EventBridge rule (once per account and region)",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        "installation-id": { type: "string", default: "default" }, region: { type: "string" },
        "dry-run": { type: "boolean", default: false }, "auto-approve": { type: "boolean", default: false }, help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    const id = values["installation-id"] ?? "default";
    const invalid = checkInstallationId(id);
    if (invalid) {
      process.stderr.write(`error: ${invalid}\n`);
      return 1;
    }
    const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) {
      process.stderr.write("error: no region: pass --region REGION (or set AWS_REGION); the queue and rule live in the region whose events they carry\n");
      return 1;
    }
    const clients = installClients({ region, ...(process.env.AWS_ENDPOINT_URL ? { endpoint: process.env.AWS_ENDPOINT_URL } : {}) });
    try {
      const identity = await installationIdentity(clients, id, region);
      const desired = desiredInstallation(identity);
      const observed = await observeInstallation(clients, desired);
      const actions = planInstallation(desired, observed);
      process.stdout.write(renderInstallation(identity, actions));
      if (!installationHasChanges(actions)) {
        process.stdout.write(`\nqueue: ${observed.queue!.url}\nRun the controller with --events-queue ${observed.queue!.url}\n`);
        return 0;
      }
      if (values["dry-run"]) return 2;
      if (!values["auto-approve"] && !(await confirm(`\nDo you want to install "${id}" in ${identity.accountId} ${region}?`))) {
        process.stderr.write("not confirmed; nothing was changed (use --auto-approve in scripts)\n");
        return 1;
      }
      const { queueUrl } = await applyInstallation(clients, desired, observed, actions);
      process.stdout.write(`\nInstalled. queue: ${queueUrl}\nRun the controller with --events-queue ${queueUrl}\n`);
      return 0;
    } catch (error) {
      if (error instanceof InstallationConflict) {
        process.stderr.write(`error: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      clients.destroy();
    }
  },
};

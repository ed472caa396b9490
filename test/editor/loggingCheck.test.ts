// Check CloudWatch Logging Setup… in a real VS Code, on moto with IAM's managed policies: the seeded
// account's role does not exist; the checklist says so, Create the role makes it (trust policy and the
// managed policy) and sets it, and the check then passes it. Screenshots: test-results/screenshots/logging-check-*.png.
import * as assert from 'assert';
import { GetAccountCommand } from '@aws-sdk/client-api-gateway';
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { openView, quickInputTitle, quickInputType, quickPickLabels, quickPickSelect, runCommand, treeItem, waitUntil, waitVisible } from '../harness/workbench';
import { SAMPLE, sampleClient } from '../harness/seed';
import { useEditorEnv } from './env';

const ROLE = 'apigw-editor-logs';

describe('editor: Check CloudWatch Logging Setup…', function () {
  this.timeout(120_000);
  const env = useEditorEnv('logging-check', { iamManagedPolicies: true });

  it('from the palette: the missing role failed; Create the role, reviewed, makes it and sets it; the emulator\'s IAM and GetAccount show it', async () => {
    const { wb } = env;
    const account = sampleClient(env.emulator.endpoint);
    const iam = new IAMClient({ endpoint: env.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      assert.strictEqual((await account.send(new GetAccountCommand({}))).cloudwatchRoleArn, SAMPLE.cloudwatchRoleArn, 'seeded: a role ARN whose role does not exist');
      // The extension installed and its view up before the palette is asked for its command.
      await openView(wb, 'API Gateway', 'REST APIs');
      await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', 60_000);
      await runCommand(wb, 'API Gateway: Check CloudWatch Logging Setup…');
      await quickPickSelect(wb, 'PetStore');
      await quickPickSelect(wb, 'prod');
      await waitUntil(wb, 'the checklist shows', async () => (await quickPickLabels(wb)).some((l) => l.includes('The role exists')), 60_000);
      const rows = await wb.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
      assert.ok(rows.some((r) => /The role exists/.test(r) && /no role named APIGatewayPushToCloudWatchLogs/.test(r)), rows.join('\n---\n'));
      assert.strictEqual(await wb.page.locator('.quick-input-widget .monaco-list-row .codicon-error').count() >= 1, true, 'a failed row has the error icon');
      await wb.screenshot('checklist');

      await quickPickSelect(wb, 'The role exists');
      await quickPickSelect(wb, 'Create the role and set it…');
      // Typing before the name box shows would go to the pick before it.
      await waitUntil(wb, 'the role name is asked', async () => (await quickInputTitle(wb)).includes('create the role'));
      await quickInputType(wb, ROLE);
      // The review: its requests shown first (wait for them before typing into its filter).
      await waitUntil(wb, 'the review lists the requests', async () => (await quickPickLabels(wb)).includes(`CreateRole (IAM) ${ROLE}`), 30_000);
      const review = await quickPickLabels(wb);
      assert.ok(review.some((l) => l.startsWith('AttachRolePolicy (IAM)')) && review.some((l) => l.startsWith('UpdateAccount')), review.join('\n'));
      await wb.screenshot('review');
      await quickPickSelect(wb, `Create role ${ROLE} and set it`);

      // Checked again: the role now passes.
      await waitUntil(wb, 'the checklist shows again, the role passing', async () => {
        const texts = await wb.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts().catch(() => []);
        return texts.some((t) => /The role exists/.test(t) && t.includes(ROLE));
      }, 60_000);
      await wb.screenshot('checked-again');
      await wb.page.keyboard.press('Escape');

      const role = (await iam.send(new GetRoleCommand({ RoleName: ROLE }))).Role!;
      const trust = decodeURIComponent(role.AssumeRolePolicyDocument!);
      assert.match(trust, /"Service":"apigateway\.amazonaws\.com"/);
      assert.match(trust, /"Action":"sts:AssumeRole"/);
      const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: ROLE }))).AttachedPolicies?.map((p) => p.PolicyArn);
      assert.deepStrictEqual(attached, ['arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs']);
      assert.strictEqual((await account.send(new GetAccountCommand({}))).cloudwatchRoleArn, role.Arn);
    } finally {
      account.destroy();
      iam.destroy();
    }
  });
});

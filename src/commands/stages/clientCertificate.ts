// Set Client Certificate… (pick one of the region's, generate one, or remove the stage's) and Copy
// Client Certificate PEM (the public certificate backends use to check that API Gateway calls them).
import type * as vscode from 'vscode';
import type { ClientCertificate } from '../../aws/apiGateway';
import type { Ctx } from '../../context';
import { Notice } from '../../errors';
import { type CertificateChoice, certificateDescriptionProblem, certificatePlan, expiryOf } from '../../model/clientCertificate';
import type { TreeNode } from '../../tree/node';
import { confirmPlanModal, execute } from '../../stages/execute';
import { readStageNow } from '../../stages/readBeforeWrite';
import { knownStage, type StageState, stageSteps, stageTarget } from '../stageTarget';
import { filled, type PromptStep, runWizard } from '../wizard';
import { type ApiTarget, reportDone } from '../../stages/targets';

const TITLE = 'Set Client Certificate';

interface CertificateState extends StageState {
  /** The stage's certificate as the tree held it when the picker showed. */
  seen?: string;
  picked?: CertificateChoice | 'generate';
  description?: string;
}

type CertificateItem = vscode.QuickPickItem & { readonly choice: CertificateChoice | 'generate'; readonly certificate?: ClientCertificate };

/** Newest first, each with its id and expiry (warned within 30 days, expired marked); then Generate, and Remove when one is set. */
export function certificateItems(all: readonly ClientCertificate[], current: string | undefined, now = new Date()): CertificateItem[] {
  const sorted = [...all].sort((a, b) => (b.createdDate?.getTime() ?? 0) - (a.createdDate?.getTime() ?? 0));
  const items: CertificateItem[] = sorted.map((c) => {
    const expiry = expiryOf(c.expirationDate, now);
    return {
      label: `${expiry?.warn ? '$(warning) ' : ''}${c.description || c.clientCertificateId!}`,
      description: [c.clientCertificateId, c.clientCertificateId === current ? 'set now' : ''].filter(Boolean).join(' · '),
      detail: expiry?.text ?? 'no expiry date',
      choice: { kind: 'set', clientCertificateId: c.clientCertificateId! },
      certificate: c,
    };
  });
  items.push({ label: '$(add) Generate a new certificate…', description: 'GenerateClientCertificate, then set on the stage', choice: 'generate' });
  if (current) items.push({ label: '$(close) Remove the client certificate', description: `${current} is no longer sent to the backend`, choice: { kind: 'remove' } });
  return items;
}

export async function setClientCertificate(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const known = knownStage(from, stageName);
  const p = ctx.prompter;
  const steps: PromptStep<CertificateState>[] = [
    ...stageSteps(ctx, known),
    {
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName']);
        const seen = s.target.stages.get(s.stageName)?.clientCertificateId;
        s.seen = seen;
        const items = s.target.gateway.listClientCertificates().then((all) => certificateItems(all, seen));
        let placeholder = `Client certificate of stage "${s.stageName}" (now: ${seen ?? 'none'})`;
        for (;;) {
          const picked = await p.pick(items, { ...info, placeholder, matchOnDescription: true });
          if (picked.certificate && expiryOf(picked.certificate.expirationDate)?.expired) placeholder = `${picked.certificate.clientCertificateId} has expired: pick another, or generate one`;
          else if (picked.choice !== 'generate' && picked.choice.kind === 'set' && picked.choice.clientCertificateId === seen) placeholder = `Stage "${s.stageName}" already has ${seen}: pick another, generate one, or remove it`;
          else return void (s.picked = picked.choice);
        }
      },
    },
    {
      // Counted until the choice is known.
      when: (s) => s.picked === undefined || s.picked === 'generate',
      prompt: async (st, info) => {
        const s = filled(st, ['target', 'stageName']);
        s.description = await p.input({
          ...info,
          prompt: 'A description for the new certificate (AWS makes it valid for 365 days).',
          value: s.description ?? `Stage ${s.stageName} of ${s.target.apiName}`,
          validate: certificateDescriptionProblem,
        });
      },
    },
  ];
  const s = await runWizard(TITLE, { ...known } as CertificateState, steps, ['target', 'stageName', 'picked']);
  const { target, stageName: name, seen } = s;
  const choice: CertificateChoice = s.picked === 'generate' ? { kind: 'generate', description: filled(s, ['description']).description } : s.picked;

  // Read before write: the certificate the stage has now.
  const now = (await readStageNow(target, name)).clientCertificateId;
  if (choice.kind === 'set' && choice.clientCertificateId === now) throw new Notice(`Stage "${name}" has client certificate ${now} already (set meanwhile).`);
  if (choice.kind === 'remove' && !now) throw new Notice(`Stage "${name}" has no client certificate now (removed meanwhile): nothing to do.`);
  const plan = certificatePlan(target.restApiId, name, choice);
  const what = choice.kind === 'set' ? `client certificate ${choice.clientCertificateId}` : choice.kind === 'generate' ? 'a new client certificate' : 'no client certificate';
  await confirmPlanModal(p, choice.kind === 'remove' ? `Remove client certificate ${now} from stage "${name}" of ${target.apiName}?` : `Set ${what} on stage "${name}" of ${target.apiName}?`, plan, choice.kind === 'remove' ? 'Remove' : 'Set Certificate', [
    `Now: ${now ?? 'none'}.${now !== seen ? ' (Changed meanwhile.)' : ''}`,
    choice.kind === 'remove' ? 'API Gateway then calls the backend without a client certificate.' : 'API Gateway presents it to the backend on every call; a backend that checks it needs its PEM (Copy Client Certificate PEM).',
  ]);
  const result = await execute(ctx, target, plan, { busy: { stage: name }, busyLabel: 'Setting the certificate…', progressTitle: `Setting ${what} on stage "${name}"…` });
  const made = result.clientCertificate?.clientCertificateId;
  reportDone(ctx, target.connection, choice.kind === 'remove' ? `Stage ${name} has no client certificate now` : `Stage ${name} now has client certificate ${made ?? (choice.kind === 'set' ? choice.clientCertificateId : '')}`);
}

export async function copyClientCertificatePem(ctx: Ctx, from?: TreeNode | ApiTarget, stageName?: unknown): Promise<void> {
  const { target, stageName: name } = await stageTarget(ctx, 'Copy Client Certificate PEM', from, stageName);
  const id = target.stages.get(name)?.clientCertificateId ?? (await readStageNow(target, name)).clientCertificateId;
  if (!id) throw new Notice(`Stage "${name}" has no client certificate: Set Client Certificate… sets one.`);
  const certificate = await target.gateway.getClientCertificate(id);
  if (!certificate) throw new Notice(`Client certificate ${id} of stage "${name}" no longer exists (deleted?).`);
  if (!certificate.pemEncodedCertificate) throw new Notice(`The endpoint gave client certificate ${id} no PEM.`);
  await ctx.notifier.copy(certificate.pemEncodedCertificate);
  const expiry = expiryOf(certificate.expirationDate);
  void ctx.notifier.info(`Copied the PEM of client certificate ${id}${expiry ? ` (${expiry.text})` : ''}.`);
}

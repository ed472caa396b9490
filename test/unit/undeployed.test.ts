// What a stage's deployment lacks: GetDeployment's apiSummary (AWS's documented shape: path → verb →
// { authorizationType, apiKeyRequired }) against the API's resources with their methods.
import * as assert from 'assert/strict';
import type { ApiGateway, Resource } from '../../src/aws/apiGateway';
import { ApiContent } from '../../src/aws/apiContent';
import { sentences } from '../../src/model/noteRows';
import { type ApiSummary, undeployedChanges, undeployedLabel, undeployedNote } from '../../src/model/undeployed';

const resource = (path: string, methods: Record<string, { authorizationType?: string; apiKeyRequired?: boolean }>): Resource => ({
  path,
  resourceMethods: Object.fromEntries(Object.entries(methods).map(([verb, m]) => [verb, { httpMethod: verb, ...m }])),
});

const deployed: ApiSummary = {
  '/pets': { GET: { authorizationType: 'NONE', apiKeyRequired: false }, POST: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
  '/pets/{petId}': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
  '/old': { DELETE: { authorizationType: 'NONE', apiKeyRequired: false } },
};

describe('changes not deployed', () => {
  it('finds methods added and removed, and authorization and API key changes, in path then method order', () => {
    const now = [
      { path: '/' }, // a resource without methods is not a change
      resource('/pets', { GET: { authorizationType: 'COGNITO_USER_POOLS' }, POST: { authorizationType: 'AWS_IAM', apiKeyRequired: true } }),
      resource('/pets/{petId}', { GET: { authorizationType: 'NONE' }, PUT: { authorizationType: 'NONE' } }),
      resource('/new', { ANY: {} }),
    ];
    assert.deepEqual(undeployedChanges(deployed, now)?.map((c) => c.text), [
      'ANY /new added',
      'DELETE /old removed',
      'GET /pets: authorization NONE → COGNITO_USER_POOLS',
      'POST /pets: API key now required',
      'PUT /pets/{petId} added',
    ]);
  });

  it('finds nothing when the API is as deployed (a missing authorization type is NONE, a missing apiKeyRequired false)', () => {
    const now = [resource('/pets', { GET: {}, POST: { authorizationType: 'AWS_IAM' } }), resource('/pets/{petId}', { GET: { authorizationType: 'NONE', apiKeyRequired: false } }), resource('/old', { DELETE: {} })];
    assert.deepEqual(undeployedChanges(deployed, now), []);
    assert.equal(undeployedLabel([]), undefined);
  });

  it('says nothing rather than guess when the deployment has no summary (the emulators give none)', () => {
    assert.equal(undeployedChanges(undefined, [resource('/pets', { GET: {} })]), undefined);
    assert.equal(undeployedLabel(undefined), undefined);
    assert.equal(undeployedNote('d1', undefined), undefined);
  });

  it('says an API key no longer required, and counts in the row and the review', () => {
    const changes = undeployedChanges({ '/a': { GET: { apiKeyRequired: true } } }, [resource('/a', { GET: {} }), resource('/b', { GET: {} })])!;
    assert.deepEqual(changes.map((c) => [c.kind, c.text]), [['apiKey', 'GET /a: API key no longer required'], ['added', 'GET /b added']]);
    assert.equal(undeployedLabel(changes), '2 changes not deployed');
    assert.equal(undeployedLabel(changes.slice(1)), '1 change not deployed');
    assert.equal(undeployedNote('d1', changes), 'Deployment d1 lacks 2 changes that this deploy brings. GET /a: API key no longer required. GET /b added.');
    assert.deepEqual(sentences(undeployedNote('d1', changes)!), ['Deployment d1 lacks 2 changes that this deploy brings.', 'GET /a: API key no longer required.', 'GET /b added.'], 'a review row each');
    assert.equal(undeployedNote('d1', changes.slice(1)), 'Deployment d1 lacks 1 change that this deploy brings. GET /b added.');
  });

  it('orders paths by code unit, as the tree lists them', () => {
    const changes = undeployedChanges({}, [resource('/b', { GET: {} }), resource('/B', { GET: {} }), resource('/a/{x}', { GET: {} }), resource('/a', { POST: {}, GET: {} })])!;
    assert.deepEqual(changes.map((c) => c.text), ['GET /B added', 'GET /a added', 'POST /a added', 'GET /a/{x} added', 'GET /b added']);
  });
});

describe("an API's resources and deployments' snapshots, read once", () => {
  function counting(summary: ApiSummary | undefined) {
    const calls = { resources: 0, summaries: [] as string[] };
    const gateway = {
      listResources: async () => {
        calls.resources++;
        return [resource('/pets', { GET: {} }), resource('/new', { POST: {} })];
      },
      getDeploymentSummary: async (_api: string, id: string) => {
        calls.summaries.push(id);
        if (id === 'broken') throw new Error('Rate exceeded');
        return summary;
      },
    } as unknown as ApiGateway;
    return { gateway, calls };
  }

  it('reads each deployment once and the resources once, and tells the changes once both are in', async () => {
    const { gateway, calls } = counting({ '/pets': { GET: { authorizationType: 'NONE' } } });
    let arrived = 0;
    const content = new ApiContent('api1', () => gateway, () => arrived++);
    assert.equal(content.undeployedKnown('d1'), undefined, 'nothing known before anything is read');
    assert.deepEqual((await content.undeployed('d1'))?.map((c) => c.text), ['POST /new added']);
    await content.undeployed('d1');
    await content.summary('d1');
    assert.deepEqual(calls, { resources: 1, summaries: ['d1'] });
    assert.deepEqual(content.undeployedKnown('d1')?.map((c) => c.text), ['POST /new added']);
    assert.ok(arrived >= 1, 'whoever shows it was told');
    assert.equal(content.undeployedKnown(undefined), undefined);
    assert.equal(content.undeployedKnown('d2'), undefined, 'another deployment is not guessed from this one');
  });

  it('reads the resources again after forgetResources(), never the deployment (deployments do not change)', async () => {
    const { gateway, calls } = counting({});
    const content = new ApiContent('api1', () => gateway, () => {});
    await content.undeployed('d1');
    content.forgetResources();
    assert.equal(content.undeployedKnown('d1'), undefined, 'the resources are no longer known');
    await content.undeployed('d1');
    assert.deepEqual(calls, { resources: 2, summaries: ['d1'] });
  });

  it('reads no resources for a deployment without a summary', async () => {
    const { gateway, calls } = counting(undefined);
    const content = new ApiContent('api1', () => gateway, () => {});
    assert.equal(await content.undeployed('d1'), undefined);
    assert.deepEqual(calls, { resources: 0, summaries: ['d1'] });
  });

  it('does not keep a failed read: the next asks again', async () => {
    const { gateway, calls } = counting({});
    const content = new ApiContent('api1', () => gateway, () => {});
    await assert.rejects(content.summary('broken'), /Rate exceeded/);
    await assert.rejects(content.summary('broken'), /Rate exceeded/);
    assert.deepEqual(calls.summaries, ['broken', 'broken']);
  });
});

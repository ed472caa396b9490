import * as assert from 'assert/strict';
import { endpointProblem, regionProblem } from '../../src/aws/connection';
import { percentProblem } from '../../src/model/canary';
import { formFromStage, newOverride, type StageForm } from '../../src/model/stageForm';
import { DESCRIPTION_MAX, descriptionProblem, stageNameProblem } from '../../src/model/stageName';
import { deploymentDescriptionProblem } from '../../src/model/deployments';
import { sdkParameterProblem } from '../../src/model/sdkParameters';
import {
  accessLogArnProblem,
  accessLogFormatProblem,
  burstProblem,
  cacheSizeProblem,
  formProblems,
  rateProblem,
  roleArnProblem,
  tagKeyProblem,
  tagValueProblem,
  ttlProblem,
  variableNameProblem,
  variableValueProblem,
} from '../../src/model/stageValidation';
import { webAclArnProblem } from '../../src/model/webAcl';
import { certificateDescriptionProblem } from '../../src/model/clientCertificate';
import { documentationVersionProblem } from '../../src/model/documentationVersion';
import { roleNameProblem } from '../../src/model/loggingChecks';
import { BAD_INPUTS, type FieldCases, LOG_GROUP_ARN, SAMPLE_LIMITS, shown, TAKEN_STAGE_NAMES } from '../harness/badInputs';

// Every check of a typed value, with each boundary (test/harness/badInputs.ts): the bad ones give a
// message naming what is allowed, the good ones none.
// The editor's form and every wizard step call these same functions (test/integration/badInput.test.ts
// and test/editor/badInput.test.ts show that nothing is sent for them).

interface Row extends FieldCases {
  readonly name: string;
  readonly check: (v: string) => string | undefined;
}

const LIMITS = SAMPLE_LIMITS;
const LOGS = LOG_GROUP_ARN;
const B = BAD_INPUTS;

const ROWS: Row[] = [
  { name: 'stage name (Create Stage, Deploy to Stage)', check: (v) => stageNameProblem(v, TAKEN_STAGE_NAMES), ...B.stageName },
  { name: 'description (Create Stage, Deploy to Stage, Edit One Setting, editor)', check: descriptionProblem, ...B.description },
  { name: 'cache TTL', check: ttlProblem, ...B.ttl },
  { name: 'throttling rate, account limit 10000', check: (v) => rateProblem(v, LIMITS), ...B.rate },
  { name: 'throttling rate, account limit unknown', check: (v) => rateProblem(v), ...B.rateNoLimit },
  { name: 'throttling burst, account limit 5000', check: (v) => burstProblem(v, LIMITS), ...B.burst },
  { name: 'throttling burst, account limit unknown', check: (v) => burstProblem(v), ...B.burstNoLimit },
  { name: 'cache capacity', check: cacheSizeProblem, ...B.cacheSize },
  { name: "canary's share of requests (Deploy to Canary, editor)", check: percentProblem, ...B.canaryPercent },
  { name: 'stage variable name', check: variableNameProblem, ...B.variableName },
  { name: 'stage variable value', check: variableValueProblem, ...B.variableValue },
  { name: 'tag key', check: tagKeyProblem, ...B.tagKey },
  { name: 'tag value', check: tagValueProblem, ...B.tagValue },
  // Empty: checked by the form as "enter the other one too, or clear both" (below).
  { name: 'access log destination ARN', check: accessLogArnProblem, ...B.accessLogArn },
  { name: 'access log format', check: accessLogFormatProblem, ...B.accessLogFormat },
  { name: 'CloudWatch Logs role ARN (Set CloudWatch Log Role ARN…)', check: roleArnProblem, ...B.roleArn },
  { name: 'region (Select Region → Other region…)', check: regionProblem, ...B.region },
  { name: 'web ACL ARN (Associate Web ACL…, a stage of us-east-1)', check: (v) => webAclArnProblem(v, 'us-east-1'), ...B.webAclArn },
  { name: 'new client certificate description (Set Client Certificate…)', check: certificateDescriptionProblem, ...B.certificateDescription },
  { name: 'documentation version (Publish Documentation to Stage…)', check: documentationVersionProblem, ...B.documentationVersion },
  { name: 'endpoint (setting apigatewayStages.endpoint)', check: endpointProblem, ...B.endpoint },
  { name: 'deployment description (Edit Deployment Description…)', check: deploymentDescriptionProblem, ...B.deploymentDescription },
  { name: 'a required SDK parameter (Generate SDK…)', check: (v) => sdkParameterProblem({ name: 'groupId', friendlyName: 'Group ID', required: true }, v), ...B.sdkParameter },
  { name: 'role name (Check CloudWatch Logging Setup… → Create the role)', check: roleNameProblem, ...B.roleName },
];

/** A valid form with throttling set stage-wide and an override, to break one field at a time. */
const PET = '~1pets~1{petId}/GET';
function loaded(): StageForm {
  return formFromStage({
    stageName: 'prod',
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    accessLogSettings: { destinationArn: `${LOGS}api-access`, format: '$context.requestId' },
    variables: { alias: 'live' },
    tags: { team: 'pets' },
    methodSettings: {
      '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 },
      [PET]: { cachingEnabled: true, throttlingRateLimit: 10, throttlingBurstLimit: 5 },
    },
  });
}

interface FormRow {
  readonly name: string;
  readonly edit: (f: StageForm) => void;
  /** The problem id and what its message must name. */
  readonly id: string;
  readonly allowed: RegExp;
}

// What only the whole form can tell: enums in the wrong case, counts, duplicates, fields that go together.
const FORM_ROWS: FormRow[] = [
  ...['info', 'Error', 'DEBUG', '', 'OFF '].map((v): FormRow => ({ name: `log level "${v}"`, edit: (f) => (f.stageWide.loggingLevel = v), id: 'stageWide.loggingLevel', allowed: /OFF, ERROR or INFO/ })),
  ...['fail_with_403', 'FAIL', ''].map((v): FormRow => ({
    name: `unauthorized strategy "${v}"`, edit: (f) => (f.overrides[PET].unauthorizedCacheControlHeaderStrategy = v), id: `overrides.${PET}.unauthorizedCacheControlHeaderStrategy`,
    allowed: /FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER, SUCCEED_WITHOUT_RESPONSE_HEADER/,
  })),
  { name: 'cache capacity "2" with the cache on', edit: (f) => (f.cacheClusterSize = '2'), id: 'cacheClusterSize', allowed: /one of 0\.5/ },
  { name: 'override TTL 3601', edit: (f) => (f.overrides[PET].cacheTtlInSeconds = '3601'), id: `overrides.${PET}.cacheTtlInSeconds`, allowed: /at most 3600/ },
  { name: 'stage-wide rate emptied', edit: (f) => (f.stageWide.throttlingRateLimit = ''), id: 'stageWide.throttlingRateLimit', allowed: /0 or more/ },
  { name: 'override burst emptied', edit: (f) => (f.overrides[PET].throttlingBurstLimit = ''), id: `overrides.${PET}.throttlingBurstLimit`, allowed: /0 or more/ },
  // AWS starts a new override from the stage-wide entry: an empty throttling value would come back as the stage-wide one.
  { name: 'a new override with its rate emptied', edit: (f) => (f.overrides['~1pets/GET'] = { ...newOverride(f), throttlingRateLimit: '' }), id: 'overrides.~1pets/GET.throttlingRateLimit', allowed: /0 or more\. A new override gets the stage-wide rate \(100\)/ },
  { name: 'a new override with its burst emptied', edit: (f) => (f.overrides['~1pets/GET'] = { ...newOverride(f), throttlingBurstLimit: '' }), id: 'overrides.~1pets/GET.throttlingBurstLimit', allowed: /0 or more\. A new override gets the stage-wide burst \(50\)/ },
  { name: 'override rate over the account limit', edit: (f) => (f.overrides[PET].throttlingRateLimit = '10001'), id: `overrides.${PET}.throttlingRateLimit`, allowed: /limit of 10000/ },
  { name: 'description too long', edit: (f) => (f.description = 'x'.repeat(DESCRIPTION_MAX + 1)), id: 'description', allowed: /at most 1024/ },
  { name: '101 variables', edit: (f) => (f.variables = Array.from({ length: 101 }, (_, i) => [`v${i}`, 'x'])), id: 'variables', allowed: /at most 100 variables/ },
  { name: '51 tags', edit: (f) => (f.tags = Array.from({ length: 51 }, (_, i) => [`t${i}`, 'x'])), id: 'tags', allowed: /at most 50 tags/ },
  { name: 'a variable listed twice', edit: (f) => f.variables.push(['alias', 'x']), id: 'variables.1.name', allowed: /each name once/ },
  { name: 'a tag listed twice', edit: (f) => f.tags.push(['team', 'x']), id: 'tags.1.key', allowed: /each key once/ },
  { name: 'a new variable row left empty (name)', edit: (f) => f.variables.push(['', '']), id: 'variables.1.name', allowed: /1–64 letters/ },
  { name: 'a new variable row left empty (value)', edit: (f) => f.variables.push(['', '']), id: 'variables.1.value', allowed: /1–512 characters/ },
  { name: 'a new tag row left empty (key)', edit: (f) => f.tags.push(['', '']), id: 'tags.1.key', allowed: /1–128 characters/ },
  { name: 'access log destination cleared, format kept', edit: (f) => (f.accessLogDestinationArn = ''), id: 'accessLogDestinationArn', allowed: /Enter the destination ARN too, or clear the format/ },
  { name: 'access log format cleared, destination kept', edit: (f) => (f.accessLogFormat = ''), id: 'accessLogFormat', allowed: /Enter a format too, or clear the destination/ },
];

describe('bad input: every check, at every boundary', () => {
  let counted = 0;
  after(() => console.log(`      bad inputs checked (unit): ${counted} (${ROWS.length} checks + ${FORM_ROWS.length} whole-form cases)`));

  for (const row of ROWS) {
    it(`${row.name}: ${row.bad.length} refused with what is allowed, ${row.good.length} accepted`, () => {
      for (const v of row.good) assert.equal(row.check(v), undefined, `${row.name}: ${shown(v)} is fine`);
      for (const v of row.bad) {
        const message = row.check(v);
        assert.ok(message, `${row.name}: ${shown(v)} must be refused`);
        assert.match(message, row.allowed, `${row.name}: the message for ${shown(v)} names what is allowed`);
        counted++;
      }
    });
  }

  it('a tag or access log destination as loaded is not checked again: what AWS took never blocks a save', () => {
    const odd = formFromStage({ stageName: 'prod', tags: { 'a#b': 'x?y' }, accessLogSettings: { destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:odd name', format: '$context.requestId' } });
    assert.deepEqual(formProblems(odd, LIMITS, odd), []);
    const edited = structuredClone(odd);
    edited.tags[0][1] = 'x?z';
    edited.accessLogDestinationArn += '2';
    assert.deepEqual(formProblems(edited, LIMITS, odd).map((p) => p.id), ['accessLogDestinationArn', 'tags.0.value']);
  });

  it('the whole form: each bad field is marked at its own id, with what is allowed, and nothing else', () => {
    assert.deepEqual(formProblems(loaded(), LIMITS, loaded()), [], 'the form as loaded is fine');
    for (const row of FORM_ROWS) {
      const form = structuredClone(loaded());
      row.edit(form);
      const problems = formProblems(form, LIMITS, loaded());
      assert.deepEqual(problems.map((p) => p.id).filter((id) => id === row.id), [row.id], `${row.name}: marked at ${row.id}; got ${JSON.stringify(problems)}`);
      assert.match(problems.find((p) => p.id === row.id)!.message, row.allowed, row.name);
      // Only the field broken (and, for an empty new row, its sibling) is marked.
      const others = problems.filter((p) => p.id !== row.id && !p.id.startsWith(row.id.replace(/\.[a-z]+$/, '.')));
      assert.deepEqual(others, [], `${row.name}: nothing else is marked`);
      counted++;
    }
  });
});

import * as assert from 'assert/strict';
import { endpointProblem, regionProblem } from '../../src/aws/connection';
import { formFromStage, type StageForm } from '../../src/model/stageForm';
import { DESCRIPTION_MAX, descriptionProblem, STAGE_NAME_MAX, stageNameProblem } from '../../src/model/stageName';
import {
  accessLogArnProblem,
  accessLogFormatProblem,
  BURST_MAX,
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

// Every check of a typed value, with each boundary (−1, 0, max, max+1, not a number, empty, too long,
// wrong characters, wrong case): the bad ones give a message naming what is allowed, the good ones none.
// The editor's form and every wizard step call these same functions (test/integration/badInput.test.ts
// and test/editor/badInput.test.ts show that nothing is sent for them).

interface Row {
  readonly name: string;
  readonly check: (v: string) => string | undefined;
  /** What a message must name: the rule or the allowed values. */
  readonly allowed: RegExp;
  readonly good: readonly string[];
  readonly bad: readonly string[];
}

const LIMITS = { rateLimit: 10000, burstLimit: 5000 };
const ROLE = 'arn:aws:iam::123456789012:role/';
const LOGS = 'arn:aws:logs:us-east-1:123456789012:log-group:';
const FIREHOSE = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-';
const REQ = '$context.requestId ';

const ROWS: Row[] = [
  {
    name: 'stage name (Create Stage, Deploy to Stage)',
    check: (v) => stageNameProblem(v, ['prod', 'dev']),
    allowed: /letters|at most 128|already has a stage/,
    good: ['a', 'beta', 'dev-1', 'my_stage', 'Prod', 'x'.repeat(STAGE_NAME_MAX), '0'],
    bad: ['', 'x'.repeat(STAGE_NAME_MAX + 1), 'bad name!', ' beta', 'beta ', 'a.b', 'a/b', 'stage\n', 'é', 'a\u200bb', '-1'.replace('-', '\u2212'), 'prod', 'dev', '$x'],
  },
  {
    name: 'description (Create Stage, Deploy to Stage, Edit Stage Setting, editor)',
    check: descriptionProblem,
    allowed: /at most 1024 characters/,
    good: ['', 'Production', 'x'.repeat(DESCRIPTION_MAX), 'two\nlines'],
    bad: ['x'.repeat(DESCRIPTION_MAX + 1), 'é'.repeat(5000)],
  },
  {
    name: 'cache TTL',
    check: ttlProblem,
    allowed: /0 to 3600|at most 3600/,
    good: ['0', '1', '300', '3599', '3600'],
    bad: ['-1', '3601', '99999', '', 'abc', '1.5', '1e3', ' 300', '300 ', '0x10', '+5', '٣', '9'.repeat(400)],
  },
  {
    name: 'throttling rate, account limit 10000',
    check: (v) => rateProblem(v, LIMITS),
    allowed: /0 or more|limit of 10000/,
    good: ['0', '0.5', '12.5', '9999.99', '10000', '10000.0'],
    bad: ['-1', '-0.5', '10000.01', '10001', '', 'abc', '1,5', '1e3', '.5', '5.', 'Infinity', 'NaN', ' 1', '9'.repeat(400)],
  },
  {
    name: 'throttling rate, account limit unknown',
    check: (v) => rateProblem(v),
    allowed: /0 or more/,
    good: ['0', '99999'],
    bad: ['-1', '', 'x', '9'.repeat(400)],
  },
  {
    name: 'throttling burst, account limit 5000',
    check: (v) => burstProblem(v, LIMITS),
    allowed: /whole number of requests, 0 or more|limit of 5000/,
    good: ['0', '1', '4999', '5000'],
    bad: ['-1', '5001', '', '1.5', 'abc', '1e3', ' 5', '50 ', String(BURST_MAX + 1)],
  },
  {
    name: 'throttling burst, account limit unknown',
    check: (v) => burstProblem(v),
    allowed: /0 or more|at most 2147483647/,
    good: ['0', String(BURST_MAX)],
    bad: ['-1', '', String(BURST_MAX + 1), '9'.repeat(30)],
  },
  {
    name: 'cache capacity',
    check: cacheSizeProblem,
    allowed: /one of 0\.5, 1\.6, 6\.1, 13\.5, 28\.4, 58\.2, 118, 237 GB/,
    good: ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'],
    bad: ['-1', '0', '2', '238', '0.50', '.5', '', 'big', '237 ', '0.5GB'],
  },
  {
    name: 'stage variable name',
    check: variableNameProblem,
    allowed: /1–64 letters, digits or "_"/,
    good: ['a', 'A_1', '_', 'x'.repeat(64)],
    bad: ['', 'x'.repeat(65), 'a-b', 'a b', 'a.b', 'é', 'a\tb', '$x'],
  },
  {
    name: 'stage variable value',
    check: variableValueProblem,
    allowed: /1–512 characters: letters, digits and - \. _ ~ : \/ \? # & = ,|at most 512/,
    good: ['x', 'a-b._~:/?#&=,', 'https://h.example.com/v1?a=b', 'v'.repeat(512)],
    bad: ['', 'v'.repeat(513), 'two words', 'a;b', 'a"b', 'é', 'a\nb', '<x>'],
  },
  {
    name: 'tag key',
    check: tagKeyProblem,
    allowed: /1–128 characters|"aws:" are reserved|letters, digits, spaces and _ \. : \/ = \+ - @/,
    good: ['team', 'cost center', 'a:b/c=d+e-f@g_h.i', 'équipe', 'k'.repeat(128), 'é'.repeat(128), 'awsome'],
    bad: ['', 'k'.repeat(129), 'é'.repeat(129), 'aws:team', 'AWS:team', 'Aws:x', 'a#b', 'a*b', 'a\nb', 'a,b', '😀'],
  },
  {
    name: 'tag value',
    check: tagValueProblem,
    allowed: /at most 256 characters|letters, digits, spaces and _ \. : \/ = \+ - @/,
    good: ['', 'pets', 'v'.repeat(256), 'a:b/c=d+e-f@g'],
    bad: ['v'.repeat(257), 'a#b', 'a;b', 'a\tb', '<x>'],
  },
  {
    name: 'access log destination ARN',
    check: accessLogArnProblem,
    allowed: /log-group:name|amazon-apigateway-/,
    good: [`${LOGS}api-access`, `${LOGS}/aws/apigw/x_y.z#1`, `${LOGS}x:*`, `${FIREHOSE}logs`, 'arn:aws-cn:logs:cn-north-1:123456789012:log-group:x'],
    bad: ['', 'foo', 'log-group:api', 'arn:aws:s3:::bucket', 'arn:aws:logs:us-east-1:1234:log-group:x', `${LOGS}`, `${LOGS}my group`, `${LOGS}${'x'.repeat(513)}`,
      'ARN:AWS:LOGS:us-east-1:123456789012:log-group:x', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/my-stream', `${FIREHOSE}${'x'.repeat(47)}`, ` ${LOGS}x`],
  },
  {
    name: 'access log format',
    check: accessLogFormatProblem,
    allowed: /one line|at most 3 KB|must include \$context\.requestId/,
    good: ['$context.requestId', REQ + 'x'.repeat(3072 - REQ.length)],
    bad: ['', '$context.status', '$context.requestid', '$context.requestId\n$context.status', '$context.requestId\r', REQ + 'x'.repeat(3073 - REQ.length), REQ + 'é'.repeat(1600)],
  },
  {
    name: 'CloudWatch Logs role ARN (Set CloudWatch Log Role ARN…)',
    check: roleArnProblem,
    allowed: /ARN of an IAM role, like arn:aws:iam::123456789012:role\/|at most 64 characters/,
    good: [`${ROLE}x`, `${ROLE}APIGatewayPushToCloudWatchLogs`, `${ROLE}service-role/apigw`, `${ROLE}${'r'.repeat(64)}`, ` ${ROLE}x `],
    bad: ['', 'role/x', `${ROLE}`, `${ROLE}${'r'.repeat(65)}`, 'arn:aws:iam::123456789012:user/bob', 'arn:aws:iam::1234:role/x', 'arn:aws:iam::1234567890123:role/x',
      'ARN:AWS:IAM::123456789012:ROLE/x', `${ROLE}a b`, `${ROLE}a//b`, `${ROLE}${'p/'.repeat(300)}x`, 'arn:aws:sts::123456789012:assumed-role/x/y'],
  },
  {
    name: 'region (Select Region → Other region…)',
    check: regionProblem,
    allowed: /region name such as us-east-1/,
    good: ['us-east-1', 'eu-west-3', 'ap-southeast-2', 'us-gov-west-1'],
    bad: ['', 'US-EAST-1', 'us-east', 'useast1', 'us_east_1', 'us-east-1 ', 'x'.repeat(200)],
  },
  {
    name: 'endpoint (setting apigatewayStages.endpoint)',
    check: endpointProblem,
    allowed: /http:\/\/127\.0\.0\.1:4566|http:\/\/ or https:\/\//,
    good: ['http://127.0.0.1:4566', 'https://apigateway.us-east-1.amazonaws.com'],
    bad: ['', '127.0.0.1:4566', 'localhost', 'ftp://x', 'file:///etc/passwd'],
  },
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
      for (const v of row.good) assert.equal(row.check(v), undefined, `${row.name}: ${JSON.stringify(v.slice(0, 80))} is fine`);
      for (const v of row.bad) {
        const message = row.check(v);
        assert.ok(message, `${row.name}: ${JSON.stringify(v.slice(0, 80))} must be refused`);
        assert.match(message, row.allowed, `${row.name}: the message for ${JSON.stringify(v.slice(0, 80))} names what is allowed`);
        counted++;
      }
    });
  }

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

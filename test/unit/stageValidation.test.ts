import * as assert from 'assert/strict';
import { CACHE_SIZES, formFromStage, newOverride, type StageForm } from '../../src/model/stageForm';
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

// Each field check refuses what AWS would refuse (shared/API_GATEWAY.md, "Validation") and says what is allowed.

const PET = '~1pets~1{petId}/GET';
const LOG_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:api-access';
const LIMITS = { rateLimit: 10000, burstLimit: 5000 };

/** A valid form: throttling set stage-wide and in one override. */
function loadedForm(): StageForm {
  return formFromStage({
    stageName: 'prod',
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    accessLogSettings: { destinationArn: LOG_ARN, format: '$context.requestId $context.status' },
    variables: { alias: 'live' },
    tags: { team: 'pets' },
    methodSettings: {
      '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 },
      [PET]: { cachingEnabled: true, throttlingRateLimit: 10, throttlingBurstLimit: 5 },
    },
  });
}

function edit(form: StageForm, change: (f: StageForm) => void): StageForm {
  const copy = structuredClone(form);
  change(copy);
  return copy;
}

describe('stage validation: field checks', () => {
  it('cache TTL: a whole number of seconds from 0 to 3600', () => {
    for (const ok of ['0', '300', '3600']) assert.equal(ttlProblem(ok), undefined, ok);
    for (const bad of ['-1', 'abc', '1.5', '', '1e3']) assert.equal(ttlProblem(bad), 'Cache TTL is a whole number of seconds from 0 to 3600.', bad);
    assert.equal(ttlProblem('3601'), 'Cache TTL is at most 3600 seconds (3601 given).');
  });

  it('cache capacity: one of the sizes AWS offers', () => {
    for (const ok of ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']) assert.equal(cacheSizeProblem(ok), undefined, ok);
    assert.deepEqual([...CACHE_SIZES], ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']);
    for (const bad of ['2', '', '0.50', '1']) assert.equal(cacheSizeProblem(bad), 'Cache capacity is one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 GB.', bad);
  });

  it('throttling rate: a number, 0 or more, at most the account limit', () => {
    for (const ok of ['0', '12.5', '10000']) assert.equal(rateProblem(ok, LIMITS), undefined, ok);
    assert.equal(rateProblem('99999'), undefined, 'no account limit known: no upper bound');
    for (const bad of ['-1', 'abc', '1,5']) assert.equal(rateProblem(bad, LIMITS), 'Throttling rate is a number of requests per second, 0 or more (e.g. 100 or 12.5).', bad);
    assert.equal(rateProblem('10000.5', LIMITS), "Throttling rate may not exceed the account's limit of 10000 requests per second.");
    assert.equal(rateProblem('', LIMITS), 'Enter a rate: a number of requests per second, 0 or more.');
  });

  it('throttling burst: a whole number, 0 or more, at most the account limit', () => {
    for (const ok of ['0', '100', '5000']) assert.equal(burstProblem(ok, LIMITS), undefined, ok);
    for (const bad of ['1.5', '-1', 'x']) assert.equal(burstProblem(bad, LIMITS), 'Throttling burst is a whole number of requests, 0 or more.', bad);
    assert.equal(burstProblem('5001', LIMITS), "Throttling burst may not exceed the account's limit of 5000 requests.");
    assert.equal(burstProblem('', LIMITS), 'Enter a burst: a whole number of requests, 0 or more.');
  });

  it('CloudWatch role: the ARN of an IAM role', () => {
    for (const ok of ['arn:aws:iam::123456789012:role/APIGatewayPushToCloudWatchLogs', 'arn:aws:iam::123456789012:role/service-role/apigw-logs', 'arn:aws-cn:iam::123456789012:role/x', ' arn:aws:iam::123456789012:role/x ']) {
      assert.equal(roleArnProblem(ok), undefined, ok);
    }
  });

  it('CloudWatch role: says exactly what is wrong with an ARN', () => {
    const R = 'arn:aws:iam::123456789012:role/';
    const EXAMPLE = 'arn:aws:iam::123456789012:role/APIGatewayPushToCloudWatchLogs';
    const cases: [string, string][] = [
      ['', `Enter the ARN of an IAM role, like ${EXAMPLE}.`],
      ['arn:aws:iam:: 123456789012:role/x', 'An ARN has no spaces: there is one after "arn:aws:iam::".'],
      [`${R}a b`, 'An ARN has no spaces: there is one after "iam::123456789012:role/a".'],
      ['123456789012', "That is an account id alone: the role's ARN is arn:aws:iam::123456789012:role/ and the role's name."],
      ['APIGatewayPushToCloudWatchLogs', `That is the role's name alone: its ARN is arn:aws:iam::<12-digit account id>:role/ and the name, like ${EXAMPLE}.`],
      ['role/x', `That is the end of a role's ARN: it starts with "arn:aws:iam::" and the 12-digit account id, like ${EXAMPLE}.`],
      ['iam::123456789012:role/x', `An IAM role's ARN starts with "arn:", like ${EXAMPLE}.`],
      ['ARN:AWS:IAM::123456789012:ROLE/x', '"arn:aws:iam" is written in lower case.'],
      ['arn:aws:iam::123456789012', `An IAM role's ARN has six parts separated by ":", like ${EXAMPLE}; this one has 5.`],
      ['arn:awz:iam::123456789012:role/x', 'The partition is "aws" (or "aws-cn", "aws-us-gov"), not "awz".'],
      ['arn:aws:sts::123456789012:assumed-role/logs/session1', 'That is the ARN of a session of a role (sts, assumed-role), not of the role: use arn:aws:iam::123456789012:role/logs.'],
      ['arn:aws:s3:::bucket', 'The service of a role\'s ARN is "iam", not "s3".'],
      ['arn:aws:iam:us-east-1:123456789012:role/x', 'An IAM ARN has no region: "iam::" is followed by the account id (not "us-east-1").'],
      ['arn:aws:iam:::role/x', 'The account id is missing: 12 digits between "iam::" and ":role/".'],
      ['arn:aws:iam::1234:role/x', 'The account id is 12 digits; this one has 4.'],
      ['arn:aws:iam::1234567890123:role/x', 'The account id is 12 digits; this one has 13.'],
      ['arn:aws:iam::1234-5678-9012:role/x', 'The account id is 12 digits, nothing else: not "1234-5678-9012".'],
      ['arn:aws:iam::12345678901a:role/x', 'The account id is 12 digits, nothing else: not "12345678901a".'],
      [`${R}x:y`, 'A role\'s name and path have no ":".'],
      ['arn:aws:iam::123456789012:user/bob', 'That is the ARN of an IAM user, not of a role: after the account id comes "role/".'],
      ['arn:aws:iam::123456789012:instance-profile/x', 'That is the ARN of an IAM instance profile, not of a role: after the account id comes "role/".'],
      ['arn:aws:iam::123456789012:Role/x', '"role/" is written in lower case.'],
      ['arn:aws:iam::123456789012:APIGatewayPushToCloudWatchLogs', `After the account id comes "role/" and the role's name, like ${EXAMPLE}.`],
      [R, 'The role\'s name is missing after "role/".'],
      [`${R}service-role/`, 'The role\'s name is missing after its path (the ARN ends with "/").'],
      [`${R}a//b`, 'The role\'s path has an empty part ("//").'],
      [`${R}a*b`, 'A role\'s name and path have only letters, digits and + = , . @ _ - (not "*").'],
      [`${R}é`, 'A role\'s name and path have only letters, digits and + = , . @ _ - (not "é").'],
      [`${R}${'p/'.repeat(300)}x`, "A role's path has at most 512 characters (this one has 601)."],
      [`${R}${'r'.repeat(65)}`, 'An IAM role name has at most 64 characters (this one has 65).'],
    ];
    for (const [bad, message] of cases) assert.equal(roleArnProblem(bad), message, bad);
  });

  it('access log format: one line, at most 3 KB, with $context.requestId', () => {
    assert.equal(accessLogFormatProblem('$context.requestId'), undefined);
    assert.equal(accessLogFormatProblem('{"id":"$context.requestId","status":"$context.status"}'), undefined);
    assert.equal(accessLogFormatProblem('$context.status $context.ip'), 'The access log format must include $context.requestId.');
    assert.equal(accessLogFormatProblem('$context.requestId\n$context.status'), 'The access log format is one line.');
    assert.equal(accessLogFormatProblem('$context.requestId\r'), 'The access log format is one line.');
    const id = '$context.requestId ';
    assert.equal(accessLogFormatProblem(id + 'x'.repeat(3072 - id.length)), undefined, 'exactly 3 KB');
    assert.equal(accessLogFormatProblem(id + 'x'.repeat(3073 - id.length)), 'The access log format is at most 3 KB.');
    assert.equal(accessLogFormatProblem(id + 'é'.repeat(1600)), 'The access log format is at most 3 KB.', 'counted in bytes, not characters');
  });

  it('access log destination: a CloudWatch Logs log group or Firehose stream ARN', () => {
    assert.equal(accessLogArnProblem(LOG_ARN), undefined);
    assert.equal(accessLogArnProblem('arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-logs'), undefined);
    for (const bad of ['log-group:api', 'arn:aws:s3:::bucket', 'arn:aws:logs:us-east-1:1234:log-group:x', 'arn:aws:logs:us-east-1:123456789012:']) {
      assert.equal(accessLogArnProblem(bad), 'The destination is the ARN of a CloudWatch Logs log group or a Firehose stream (arn:aws:logs:region:account:log-group:name).', bad);
    }
  });

  it('stage variables: names 1–64 of [A-Za-z0-9_], values up to 512 allowed characters', () => {
    for (const ok of ['a', 'lambda_Alias2', 'x'.repeat(64)]) assert.equal(variableNameProblem(ok), undefined, ok);
    for (const bad of ['my var', 'x'.repeat(65), '', 'a-b', 'a.b']) {
      assert.equal(variableNameProblem(bad), 'A stage variable name is 1–64 letters, digits or "_" (no spaces or other characters).', bad);
    }
    for (const ok of ['x', 'https://example.com/v1?a=b&c=d#x', 'a-b._~:/?#&=,', 'v'.repeat(512)]) assert.equal(variableValueProblem(ok), undefined, ok);
    // AWS takes 1–512 characters: an empty value (a row added with only a name) is refused too.
    for (const bad of ['two words', '']) assert.equal(variableValueProblem(bad), 'A stage variable value is 1–512 characters: letters, digits and - . _ ~ : / ? # & = , only.', bad);
    assert.equal(variableValueProblem('v'.repeat(513)), 'A stage variable value has at most 512 characters (513 given).');
  });

  it('tags: keys 1–128 not starting with aws:, values up to 256', () => {
    for (const ok of ['team', 'cost/center', 'k'.repeat(128), 'awsome']) assert.equal(tagKeyProblem(ok), undefined, ok);
    assert.equal(tagKeyProblem('aws:team'), 'Tag keys starting with "aws:" are reserved by AWS.');
    assert.equal(tagKeyProblem('k'.repeat(129)), 'A tag key has 1–128 characters.');
    assert.equal(tagKeyProblem(''), 'A tag key has 1–128 characters.');
    assert.equal(tagValueProblem('v'.repeat(256)), undefined);
    assert.equal(tagValueProblem(''), undefined);
    assert.equal(tagValueProblem('v'.repeat(257)), 'A tag value has at most 256 characters (257 given).');
  });
});

describe('stage validation: the whole form', () => {
  it('a form as loaded has no problems', () => {
    assert.deepEqual(formProblems(loadedForm(), LIMITS, loadedForm()), []);
    assert.deepEqual(formProblems(formFromStage({ stageName: 'dev' })), []);
  });

  it('ids are form paths: stage-wide and override fields', () => {
    const form = edit(loadedForm(), (f) => {
      f.stageWide.cacheTtlInSeconds = '3601';
      f.overrides[PET].throttlingRateLimit = '20000';
      f.overrides[PET].throttlingBurstLimit = '1.5';
      f.overrides[PET].loggingLevel = 'DEBUG';
      f.overrides[PET].unauthorizedCacheControlHeaderStrategy = 'IGNORE';
    });
    assert.deepEqual(formProblems(form, LIMITS, loadedForm()), [
      { id: 'stageWide.cacheTtlInSeconds', message: 'Cache TTL is at most 3600 seconds (3601 given).' },
      { id: `overrides.${PET}.loggingLevel`, message: 'Log level is OFF, ERROR or INFO.' },
      { id: `overrides.${PET}.unauthorizedCacheControlHeaderStrategy`, message: 'Choose one of FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER, SUCCEED_WITHOUT_RESPONSE_HEADER.' },
      { id: `overrides.${PET}.throttlingRateLimit`, message: "Throttling rate may not exceed the account's limit of 10000 requests per second." },
      { id: `overrides.${PET}.throttlingBurstLimit`, message: 'Throttling burst is a whole number of requests, 0 or more.' },
    ]);
  });

  it('cache capacity only while the cache is on', () => {
    const bad = edit(loadedForm(), (f) => (f.cacheClusterSize = '2'));
    assert.deepEqual(formProblems(bad), [{ id: 'cacheClusterSize', message: 'Cache capacity is one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 GB.' }]);
    assert.deepEqual(formProblems(edit(bad, (f) => (f.cacheClusterEnabled = false))), []);
  });

  it('access logging: both fields or neither', () => {
    const onlyDest = edit(loadedForm(), (f) => (f.accessLogFormat = ''));
    assert.deepEqual(formProblems(onlyDest), [{ id: 'accessLogFormat', message: 'Enter a format too, or clear the destination to turn access logging off.' }]);
    const onlyFormat = edit(loadedForm(), (f) => (f.accessLogDestinationArn = ''));
    assert.deepEqual(formProblems(onlyFormat), [{ id: 'accessLogDestinationArn', message: 'Enter the destination ARN too, or clear the format to turn access logging off.' }]);
    const neither = edit(loadedForm(), (f) => (f.accessLogDestinationArn = f.accessLogFormat = ''));
    assert.deepEqual(formProblems(neither), []);
    const badBoth = edit(loadedForm(), (f) => {
      f.accessLogDestinationArn = 'arn:aws:s3:::bucket';
      f.accessLogFormat = '$context.status';
    });
    assert.deepEqual(formProblems(badBoth).map((p) => p.id), ['accessLogDestinationArn', 'accessLogFormat']);
  });

  it('variables: bad names, duplicates and bad values by row', () => {
    const form = edit(loadedForm(), (f) => {
      f.variables = [['my var', 'ok'], ['x'.repeat(65), 'ok'], ['alias', 'live'], ['alias', 'two words'], ['long', 'v'.repeat(513)]];
    });
    assert.deepEqual(formProblems(form), [
      { id: 'variables.0.name', message: 'A stage variable name is 1–64 letters, digits or "_" (no spaces or other characters).' },
      { id: 'variables.1.name', message: 'A stage variable name is 1–64 letters, digits or "_" (no spaces or other characters).' },
      { id: 'variables.3.name', message: 'Stage variable "alias" is listed twice: each name once.' },
      { id: 'variables.3.value', message: 'A stage variable value is 1–512 characters: letters, digits and - . _ ~ : / ? # & = , only.' },
      { id: 'variables.4.value', message: 'A stage variable value has at most 512 characters (513 given).' },
    ]);
  });

  it('a duplicate variable in the third row is variables.2.name', () => {
    const form = edit(loadedForm(), (f) => f.variables.push(['b', '1'], ['alias', '2']));
    assert.deepEqual(formProblems(form), [{ id: 'variables.2.name', message: 'Stage variable "alias" is listed twice: each name once.' }]);
  });

  it('tags: reserved, long and duplicate keys, long values by row', () => {
    const form = edit(loadedForm(), (f) => {
      f.tags = [['aws:team', 'a'], ['k'.repeat(129), 'b'], ['team', 'c'], ['team', 'd'], ['env', 'v'.repeat(257)]];
    });
    assert.deepEqual(formProblems(form), [
      { id: 'tags.0.key', message: 'Tag keys starting with "aws:" are reserved by AWS.' },
      { id: 'tags.1.key', message: 'A tag key has 1–128 characters.' },
      { id: 'tags.3.key', message: 'Tag "team" is listed twice: each key once.' },
      { id: 'tags.4.value', message: 'A tag value has at most 256 characters (257 given).' },
    ]);
  });

  it("a loaded aws: tag (a CloudFormation stack's) cannot be removed or changed: AWS refuses it; other tags can", () => {
    const loaded = edit(loadedForm(), (f) => f.tags.push(['aws:cloudformation:stack-name', 'orders-stack']));
    assert.deepEqual(formProblems(loaded, LIMITS, loaded), [], 'kept as loaded: fine');
    const removed = edit(loaded, (f) => (f.tags = f.tags.filter(([k]) => k !== 'aws:cloudformation:stack-name')));
    assert.deepEqual(formProblems(removed, LIMITS, loaded), [
      { id: 'tags', message: 'Tag "aws:cloudformation:stack-name" stays as it is (removed here): keys starting with "aws:" are AWS\'s, set by the tool that made the stage.' },
    ]);
    const changed = edit(loaded, (f) => (f.tags = f.tags.map(([k, v]) => [k, k.startsWith('aws:') ? 'other-stack' : v])));
    assert.match(formProblems(changed, LIMITS, loaded)[0]?.message ?? '', /stays as it is \(changed here\)/);
    const otherRemoved = edit(loaded, (f) => (f.tags = f.tags.filter(([k]) => k.startsWith('aws:'))));
    assert.deepEqual(formProblems(otherRemoved, LIMITS, loaded), []);
  });

  it('at most 100 variables and 50 tags', () => {
    const atLimit = edit(loadedForm(), (f) => {
      f.variables = Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x']);
      f.tags = Array.from({ length: 50 }, (_, i) => [`t${i}`, 'x']);
    });
    assert.deepEqual(formProblems(atLimit), []);
    const over = edit(atLimit, (f) => {
      f.variables.push(['v100', 'x']);
      f.tags.push(['t50', 'x']);
    });
    assert.deepEqual(formProblems(over), [
      { id: 'variables', message: 'A stage has at most 100 variables (101 given).' },
      { id: 'tags', message: 'A stage has at most 50 tags (51 given).' },
    ]);
  });

  it('a throttling value set when loaded cannot be emptied; one never set may stay empty', () => {
    const loaded = loadedForm();
    const emptied = edit(loaded, (f) => {
      f.stageWide.throttlingRateLimit = '';
      f.overrides[PET].throttlingBurstLimit = '';
    });
    assert.deepEqual(formProblems(emptied, LIMITS, loaded), [
      { id: 'stageWide.throttlingRateLimit', message: 'Enter a rate: a number of requests per second, 0 or more.' },
      { id: `overrides.${PET}.throttlingBurstLimit`, message: 'Enter a burst: a whole number of requests, 0 or more.' },
    ]);
    const bare = formFromStage({ stageName: 'dev', methodSettings: { [PET]: { cachingEnabled: true } } });
    assert.equal(bare.stageWide.throttlingRateLimit, '');
    assert.deepEqual(formProblems(bare, LIMITS, bare), [], 'never set, still empty');
    const withNew = edit(bare, (f) => (f.overrides['~1pets/POST'] = newOverride(f)));
    assert.deepEqual(formProblems(withNew, LIMITS, bare), [], 'a new override without throttling');
    const setNow = edit(bare, (f) => (f.stageWide.throttlingBurstLimit = '-1'));
    assert.deepEqual(formProblems(setNow, LIMITS, bare), [{ id: 'stageWide.throttlingBurstLimit', message: 'Throttling burst is a whole number of requests, 0 or more.' }]);
  });

  it('the description is bounded', () => {
    const form = edit(loadedForm(), (f) => (f.description = 'd'.repeat(1025)));
    assert.deepEqual(formProblems(form).map((p) => p.id), ['description']);
    assert.deepEqual(formProblems(edit(form, (f) => (f.description = 'd'.repeat(1024)))), []);
  });
});

// Bad (and good) typed values for every field the user types into, with each boundary: −1, 0, max,
// max+1, not a number, empty, too long, wrong characters, wrong case. `allowed` is what the refusal
// must name. Shared by the unit, host and editor tests of bad input, so all three check the same values.

export interface FieldCases {
  /** What a refusal must name: the rule or the allowed values. */
  readonly allowed: RegExp;
  readonly good: readonly string[];
  readonly bad: readonly string[];
}

/** The account limits the seeded emulator reports (GetAccount), and so the editor shows. */
export const SAMPLE_LIMITS = { rateLimit: 10000, burstLimit: 5000 };
/** Stages of PetStore in the seeded sample: names a new stage may not take. */
export const TAKEN_STAGE_NAMES = ['prod', 'test', 'dev'];

const ROLE = 'arn:aws:iam::123456789012:role/';
export const LOG_GROUP_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:';
const FIREHOSE = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-';
const REQ = '$context.requestId ';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/';
const BURST_MAX = 2_147_483_647;

export const BAD_INPUTS = {
  stageName: {
    allowed: /letters|at most 128|already has a stage/,
    good: ['a', 'beta', 'dev-1', 'my_stage', 'Prod', 'x'.repeat(128), '0'],
    bad: ['', 'x'.repeat(129), 'bad name!', ' beta', 'beta ', 'a.b', 'a/b', 'stage\n', 'é', 'a\u200bb', '\u22121', ...TAKEN_STAGE_NAMES, '$x'],
  },
  description: {
    allowed: /at most 1024 characters/,
    good: ['', 'Production', 'x'.repeat(1024), 'two\nlines'],
    bad: ['x'.repeat(1025), 'é'.repeat(5000)],
  },
  /** Edit Deployment Description…: the size of `description`, and no control characters but line breaks and tabs. */
  deploymentDescription: {
    allowed: /at most 1024 characters|may not contain control characters/,
    good: ['', 'Release 5', 'x'.repeat(1024), 'two\nlines', 'a\tb', 'é'.repeat(1024)],
    bad: ['x'.repeat(1025), 'bell\u0007', 'nul\u0000', 'esc\u001b[31m', 'del\u007f', '\u000b', 'é'.repeat(1025)],
  },
  /** Generate SDK…: a required configuration property (e.g. Android's Group ID). */
  sdkParameter: {
    allowed: /is required: enter a value|may not start or end with a space|may not contain control characters/,
    good: ['com.example', 'x', 'Pet Store', 'é', 'v'.repeat(500)],
    bad: ['', ' ', '   ', ' com.example', 'com.example ', 'a\tb', 'a\nb', 'nul\u0000', 'del\u007f'],
  },
  ttl: {
    allowed: /0 to 3600|at most 3600/,
    good: ['0', '1', '300', '3599', '3600'],
    bad: ['-1', '3601', '99999', '', 'abc', '1.5', '1e3', ' 300', '300 ', '0x10', '+5', '٣', '9'.repeat(400)],
  },
  /** With the sample's account limits. */
  rate: {
    allowed: /0 or more|limit of 10000/,
    good: ['0', '0.5', '12.5', '9999.99', '10000', '10000.0'],
    bad: ['-1', '-0.5', '10000.01', '10001', '', 'abc', '1,5', '1e3', '.5', '5.', 'Infinity', 'NaN', ' 1', '9'.repeat(400)],
  },
  rateNoLimit: {
    allowed: /0 or more/,
    good: ['0', '99999'],
    bad: ['-1', '', 'x', '9'.repeat(400)],
  },
  /** With the sample's account limits. */
  burst: {
    allowed: /whole number of requests, 0 or more|limit of 5000/,
    good: ['0', '1', '4999', '5000'],
    bad: ['-1', '5001', '', '1.5', 'abc', '1e3', ' 5', '50 ', String(BURST_MAX + 1)],
  },
  burstNoLimit: {
    allowed: /0 or more|at most 2147483647/,
    good: ['0', String(BURST_MAX)],
    bad: ['-1', '', String(BURST_MAX + 1), '9'.repeat(30)],
  },
  cacheSize: {
    allowed: /one of 0\.5, 1\.6, 6\.1, 13\.5, 28\.4, 58\.2, 118, 237 GB/,
    good: ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'],
    bad: ['-1', '0', '2', '238', '0.50', '.5', '', 'big', '237 ', '0.5GB'],
  },
  /** A canary's share of requests (Deploy to Canary…, the editor's Canary section). */
  canaryPercent: {
    allowed: /percentage from 0 to 100, decimals allowed/,
    good: ['0', '10', '2.5', '100', '100.0', '99.99', '0.1'],
    bad: ['', '-1', '100.5', '101', '1e2', '10%', 'ten', '.5', '5.', '0x10', '1,5', '1000', ' 7', '7 ', '٣'],
  },
  variableName: {
    allowed: /1–64 letters, digits or "_"/,
    good: ['a', 'A_1', '_', 'x'.repeat(64)],
    bad: ['', 'x'.repeat(65), 'a-b', 'a b', 'a.b', 'é', 'a\tb', '$x'],
  },
  variableValue: {
    allowed: /1–512 characters: letters, digits and - \. _ ~ : \/ \? # & = ,|at most 512/,
    good: ['x', 'a-b._~:/?#&=,', 'https://h.example.com/v1?a=b', 'v'.repeat(512)],
    bad: ['', 'v'.repeat(513), 'two words', 'a;b', 'a"b', 'é', 'a\nb', '<x>'],
  },
  tagKey: {
    allowed: /1–128 characters|"aws:" are reserved|letters, digits, spaces and _ \. : \/ = \+ - @/,
    good: ['team', 'cost center', 'a:b/c=d+e-f@g_h.i', 'équipe', 'k'.repeat(128), 'é'.repeat(128), 'awsome'],
    bad: ['', 'k'.repeat(129), 'é'.repeat(129), 'aws:team', 'AWS:team', 'Aws:x', 'a#b', 'a*b', 'a\nb', 'a,b', '😀'],
  },
  tagValue: {
    allowed: /at most 256 characters|letters, digits, spaces and _ \. : \/ = \+ - @/,
    good: ['', 'pets', 'v'.repeat(256), 'a:b/c=d+e-f@g'],
    bad: ['v'.repeat(257), 'a#b', 'a;b', 'a\tb', '<x>'],
  },
  accessLogArn: {
    allowed: /log-group:name|amazon-apigateway-/,
    good: [`${LOG_GROUP_ARN}api-access`, `${LOG_GROUP_ARN}/aws/apigw/x_y.z#1`, `${LOG_GROUP_ARN}x:*`, `${FIREHOSE}logs`, 'arn:aws-cn:logs:cn-north-1:123456789012:log-group:x'],
    bad: ['foo', 'log-group:api', 'arn:aws:s3:::bucket', 'arn:aws:logs:us-east-1:1234:log-group:x', LOG_GROUP_ARN, `${LOG_GROUP_ARN}my group`, `${LOG_GROUP_ARN}${'x'.repeat(513)}`,
      'ARN:AWS:LOGS:us-east-1:123456789012:log-group:x', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/my-stream', `${FIREHOSE}${'x'.repeat(47)}`, ` ${LOG_GROUP_ARN}x`],
  },
  accessLogFormat: {
    allowed: /one line|at most 3 KB|must include \$context\.requestId/,
    good: ['$context.requestId', REQ + 'x'.repeat(3072 - REQ.length)],
    bad: ['$context.status', '$context.requestid', '$context.requestId\n$context.status', '$context.requestId\r', REQ + 'x'.repeat(3073 - REQ.length), REQ + 'é'.repeat(1600)],
  },
  roleArn: {
    allowed: /ARN of an IAM role, like|no spaces|account id|name alone|end of a role's ARN|starts with "arn:"|lower case|six parts|partition is "aws"|session of a role|service of a role's ARN is "iam"|no region|have no ":"|IAM user, not of a role|comes "role\/"|name is missing|empty part|only letters, digits|at most 512 characters|at most 64 characters/,
    good: [`${ROLE}x`, `${ROLE}APIGatewayPushToCloudWatchLogs`, `${ROLE}service-role/apigw`, `${ROLE}${'r'.repeat(64)}`, ` ${ROLE}x `],
    bad: ['', 'role/x', ROLE, `${ROLE}${'r'.repeat(65)}`, 'arn:aws:iam::123456789012:user/bob', 'arn:aws:iam::1234:role/x', 'arn:aws:iam::1234567890123:role/x',
      'ARN:AWS:IAM::123456789012:ROLE/x', `${ROLE}a b`, `${ROLE}a//b`, `${ROLE}${'p/'.repeat(300)}x`, 'arn:aws:sts::123456789012:assumed-role/x/y',
      'arn:aws:iam:: 123456789012:role/x', 'arn:aws:iam::1234 5678 9012:role/x', 'arn:aws:iam::1234-5678-9012:role/x', 'arn:aws:iam::12345678901a:role/x',
      'arn:aws:iam::123456789012', 'arn:aws:iam::123456789012:APIGatewayPushToCloudWatchLogs', 'arn:aws:iam::123456789012:Role/x', 'APIGatewayPushToCloudWatchLogs', '123456789012',
      'arn:awz:iam::123456789012:role/x', 'arn:aws:s3:::bucket', 'arn:aws:iam:us-east-1:123456789012:role/x', `${ROLE}a*b`, `${ROLE}service-role/`],
  },
  /** A web ACL picked for a stage of us-east-1 (ListWebACLs lists it; checked before AssociateWebACL). */
  webAclArn: {
    allowed: /regional WAF v2 web ACL ARN|WAF Classic|no spaces|partition|own region|is needed/,
    good: [`${WEB_ACL}acl/1234abcd-12ab-34cd-56ef-1234567890ab`, `${WEB_ACL}${'n'.repeat(128)}/1`, `${WEB_ACL}my_acl-2/abc`],
    bad: ['', `${WEB_ACL}acl`, `${WEB_ACL}acl/`, `${WEB_ACL}a b/1`, ` ${WEB_ACL}acl/1`, 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/acl/1',
      'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acl/1', 'arn:aws:wafv2:us-east-1:1234:regional/webacl/acl/1', 'arn:aws-cn:wafv2:us-east-1:123456789012:regional/webacl/acl/1',
      'arn:aws:waf-regional:us-east-1:123456789012:webacl/1', `${WEB_ACL}${'n'.repeat(129)}/1`, `${WEB_ACL}acl/1/2`, 'arn:aws:apigateway:us-east-1::/restapis/a/stages/b'],
  },
  /** Generate a new certificate… (Set Client Certificate…). */
  certificateDescription: {
    allowed: /description is needed|one line|at most 1024 characters/,
    good: ['prod backend', 'x', 'x'.repeat(1024), 'Stage prod of PetStore', 'é'],
    bad: ['', ' ', '\t', 'x'.repeat(1025), 'two\nlines', 'a\u0000b', 'bell\u0007', 'del\u007f'],
  },
  /** Publish Documentation to Stage…: the version's name. */
  documentationVersion: {
    allowed: /1–64 characters, such as 1\.0\.0/,
    good: ['1', '1.0.0', '2026-12-05', 'v2 beta', 'x'.repeat(64), 'é'],
    bad: ['', 'x'.repeat(65), 'a/b', '/', ' 1.0', '1.0 ', 'two\nlines', 'tab\there', 'a\u0000b', 'del\u007f'],
  },
  region: {
    allowed: /region name such as us-east-1/,
    good: ['us-east-1', 'eu-west-3', 'ap-southeast-2', 'us-gov-west-1'],
    bad: ['', 'US-EAST-1', 'us-east', 'useast1', 'us_east_1', 'us-east-1 ', 'x'.repeat(200)],
  },
  endpoint: {
    allowed: /http:\/\/127\.0\.0\.1:4566|http:\/\/ or https:\/\//,
    good: ['http://127.0.0.1:4566', 'https://apigateway.us-east-1.amazonaws.com'],
    bad: ['', '127.0.0.1:4566', 'localhost', 'ftp://x', 'file:///etc/passwd'],
  },
  /** Check CloudWatch Logging Setup… → Create the role: IAM's rule for a role name. */
  roleName: {
    allowed: /1 to 64 characters|at most 64 characters|only letters, digits and \+ = , \. @ _ -/,
    good: ['a', 'APIGatewayPushToCloudWatchLogs', 'x'.repeat(64), 'a+b=c,d.e@f_g-h', '0'],
    bad: ['', 'x'.repeat(65), 'a b', ' a', 'a/b', 'path/name', 'é', 'a*b', 'tab\there', 'a:b', 'two\nlines', 'a\u200bb'],
  },
} satisfies Record<string, FieldCases>;

/** A value for a log line: long ones cut, control characters shown. */
export function shown(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}…(${v.length})` : v);
}

// No credential in a log line or a message: what AWS echoes for a badly signed request, a stack,
// the AWS files' key names, and the log wrapper the extension writes through.
import * as assert from 'assert/strict';
import { logText, redactingLog } from '../../src/aws/logger';
import { redactSecrets } from '../../src/aws/redact';
import { errorMessage } from '../../src/errors';

const KEY_ID = 'AKIASECRETTEST123456';
const TEMP_KEY_ID = 'ASIASECRETTEST654321';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETTEST';
const TOKEN = 'IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+SESSIONTOKENTEST==';
const AUTH = `AWS4-HMAC-SHA256 Credential=${KEY_ID}/20251125/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`;

/** What API Gateway answers to a request whose signature does not match: it echoes what it signed. */
const ECHO = [
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
  "The Canonical String for this request should have been\n'GET\n/restapis\n\nhost:apigateway.us-east-1.amazonaws.com",
  `x-amz-date:20251125T120000Z\nx-amz-security-token:${TOKEN}\n\nhost;x-amz-date;x-amz-security-token'`,
  `Authorization: ${AUTH}`,
].join('\n');

const leaks = (text: string) => [KEY_ID, TEMP_KEY_ID, SECRET, TOKEN, 'Credential=AKIA', 'Signature=0123'].filter((s) => text.includes(s));

describe('redacting credentials', () => {
  it('takes the token, the key id and the signature out of an echoed canonical request', () => {
    const out = redactSecrets(ECHO);
    assert.deepEqual(leaks(out), [], out);
    assert.match(out, /x-amz-security-token:\[redacted\]/);
    assert.match(out, /Authorization: \[redacted\]/);
    assert.match(out, /Check your AWS Secret Access Key and signing method/, 'the explanation stays');
    assert.match(out, /host;x-amz-date;x-amz-security-token/, 'the signed header names stay');
  });

  it('takes out an Authorization value on its own, presigned query parameters, key names of the AWS files and JSON', () => {
    for (const text of [
      AUTH,
      `https://x/?X-Amz-Credential=${KEY_ID}%2F20251125&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&X-Amz-Signature=0123456789abcdef`,
      `aws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}`,
      JSON.stringify({ accessKeyId: TEMP_KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN }),
      `{ SecretAccessKey: '${SECRET}', SessionToken: '${TOKEN}' }`,
    ]) {
      const out = redactSecrets(text);
      assert.deepEqual(leaks(out), [], out);
      assert.ok(out.includes('[redacted]'), out);
    }
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['GetStages 12 ms (local, us-east-1)', 'Stage "prod" of PetStore: Cache TTL 60 → 30', 'NotFoundException: Invalid stage identifier specified']) {
      assert.equal(redactSecrets(text), text);
    }
  });

  it('errorMessage of an SDK error that echoes credentials shows none', () => {
    const e = Object.assign(new Error(ECHO), { name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
    const message = errorMessage(e);
    assert.deepEqual(leaks(message), [], message);
    assert.match(message, /InvalidSignatureException, HTTP 403\)\. The credentials were refused/);
  });

  it('the log wrapper redacts every level, an Error\'s stack, and keeps the other members', () => {
    const lines: string[] = [];
    const sink = {
      logLevel: 2,
      trace: (m: string) => lines.push(`trace ${m}`),
      debug: (m: string) => lines.push(`debug ${m}`),
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (m: string | Error) => lines.push(`error ${String(m)}`),
      appendLine: (m: string) => lines.push(`line ${m}`),
      show: () => lines.push('shown'),
    };
    const log = redactingLog(sink);
    log.trace(ECHO);
    log.debug(`Authorization: ${AUTH}`);
    log.info(`x-amz-security-token=${TOKEN}`);
    log.warn(KEY_ID);
    log.error(Object.assign(new Error(ECHO), { name: 'InvalidSignatureException' }));
    log.appendLine(`aws_secret_access_key=${SECRET}`);
    log.show();
    assert.equal(log.logLevel, 2);
    assert.equal(lines.length, 7);
    assert.deepEqual(lines.filter((l) => leaks(l).length), []);
    assert.match(lines[4], /^error InvalidSignatureException: The request signature/);
    assert.match(lines[4], /at /, 'the stack is kept, redacted');
    assert.equal(lines[6], 'shown');
  });

  it('keeps a name from AWS from faking a log line: later lines indented, separators and control characters shown as codes', () => {
    const name = 'evil\n2026-11-25 12:00:00.000 [info] Deleted stage prod\r\n[error] x\rcr\u2028ls\u2029ps\u0085nel';
    const out = logText(`Opened stage ${name}`);
    const lines = out.split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[0], 'Opened stage evil');
    for (const l of lines.slice(1)) assert.match(l, /^ {4}\S/, `a continuation line starts unindented: ${JSON.stringify(l)}`);
    assert.match(out, /\\u\{2028\}ls\\u\{2029\}ps\\u\{85\}nel/);
    assert.doesNotMatch(out, /[\r\u2028\u2029\u0085]/);
  });

  it('shows an ANSI escape and other control characters as codes, and keeps tabs', () => {
    assert.equal(logText('a\u001b[31mred\u0000\tb'), 'a\\u{1b}[31mred\\u{0}\tb');
  });

  it('writes every entry of the wrapped log that way', () => {
    const lines: string[] = [];
    const log = redactingLog({ info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) });
    log.info('stage a\n[warn] fake');
    log.warn(`key ${KEY_ID}\nnext`);
    assert.deepEqual(lines, ['stage a\n    [warn] fake', 'key AKIASECR[redacted]\n    next']);
  });
});

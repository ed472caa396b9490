// Credentials never reach a log or a message: an error AWS answers to a badly signed request can
// echo the canonical request (x-amz-security-token included), and a stack carries that text along.

const REDACTED = '[redacted]';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // The Authorization header's value: the access key id, the signed headers, the signature.
  [/AWS4-HMAC-SHA256\s+Credential=[^\s'"]*(?:,?\s*SignedHeaders=[^\s,'"]*)?(?:,?\s*Signature=[0-9a-fA-F]*)?/g, `AWS4-HMAC-SHA256 ${REDACTED}`],
  [/\b(authorization)(\s*[:=]\s*)(?:(?:AWS4-HMAC-SHA256|Bearer|Basic)\s+)?[^\s'",]+/gi, `$1$2${REDACTED}`],
  // Headers and query parameters of signed requests, and presigned URLs.
  [/\b(x-amz-security-token|x-amz-credential|x-amz-signature)(\s*[:=]\s*)[^\s'"&,;]+/gi, `$1$2${REDACTED}`],
  // Names under which the SDK, the AWS files and JSON carry secrets.
  [/\b(aws_secret_access_key|aws_session_token|aws_security_token|secret_?access_?key|session_?token)(["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi, `$1$2${REDACTED}`],
  // Access key ids (long-term AKIA…, temporary ASIA…).
  [/\b((?:AKIA|ASIA)[A-Z0-9]{4})[A-Z0-9]{12}\b/g, `$1${REDACTED}`],
];

export function redactSecrets(text: string): string {
  return PATTERNS.reduce((t, [re, by]) => t.replace(re, by), text);
}

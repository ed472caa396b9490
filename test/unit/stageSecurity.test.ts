// The stage's web ACL, client certificate and documentation version: their requests as data, the
// checks of what is picked or typed, and what the pickers and the editor say.
import * as assert from 'assert/strict';
import { describePlan, stageOfStep } from '../../src/model/plans';
import { webAclArnProblem, webAclName, webAclPlan } from '../../src/model/webAcl';
import { webAclConsoleUrl } from '../../src/model/consoleUrl';

const API = 'a1b2c3';
const ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge-acl/1234abcd-12ab-34cd-56ef-1234567890ab';
const STAGE_ARN = `arn:aws:apigateway:us-east-1::/restapis/${API}/stages/prod`;

describe('stage security: web ACL, client certificate, documentation version', () => {
  describe('web ACL', () => {
    it('associating is one AssociateWebACL on the stage ARN; disassociating one DisassociateWebACL; both change the stage', () => {
      const on = webAclPlan('us-east-1', API, 'prod', ACL);
      const off = webAclPlan('us-east-1', API, 'prod', undefined);
      assert.deepEqual(on, [{ op: 'AssociateWebACL', webAclArn: ACL, resourceArn: STAGE_ARN, stageName: 'prod' }]);
      assert.deepEqual(off, [{ op: 'DisassociateWebACL', resourceArn: STAGE_ARN, stageName: 'prod' }]);
      assert.deepEqual([...on, ...off].map(stageOfStep), ['prod', 'prod']);
      assert.deepEqual(describePlan(off), ['DisassociateWebACL stage prod']);
      assert.deepEqual(webAclPlan('cn-north-1', API, 'p', undefined), [{ op: 'DisassociateWebACL', resourceArn: `arn:aws-cn:apigateway:cn-north-1::/restapis/${API}/stages/p`, stageName: 'p' }]);
    });

    it('the name comes from the ARN (no request); a link to the WAF console', () => {
      assert.equal(webAclName(ACL), 'edge-acl');
      assert.equal(webAclName('arn:aws:waf-regional:us-east-1:1:webacl/x'), 'arn:aws:waf-regional:us-east-1:1:webacl/x', 'not WAF v2: the ARN itself');
      assert.equal(webAclConsoleUrl('us-east-1', 'edge-acl', '1a'), 'https://us-east-1.console.aws.amazon.com/wafv2/homev2/web-acl/edge-acl/1a/overview?region=us-east-1');
      assert.match(webAclConsoleUrl('cn-north-1', 'a', 'b'), /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
    });

    it('an ARN of another region, or WAF Classic, is refused with why', () => {
      assert.equal(webAclArnProblem(ACL, 'us-east-1'), undefined);
      assert.match(webAclArnProblem(ACL, 'eu-west-1') ?? '', /in us-east-1; a stage of eu-west-1 takes a web ACL of its own region/);
      assert.match(webAclArnProblem('arn:aws:waf-regional:us-east-1:123456789012:webacl/1', 'us-east-1') ?? '', /WAF Classic/);
    });
  });
});

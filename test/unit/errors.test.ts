import * as assert from 'assert/strict';
import { BusyError, Cancelled, errorMessage, GoBack, isCancellation, isKind, Notice, NotApiGatewayAnswer, PlanCancelled, PlanError, requestWasSent } from '../../src/errors';
import type { PlanStep } from '../../src/model/plans';

function awsError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('error messages', () => {
  it('say what AWS answered and what to do', () => {
    assert.equal(
      errorMessage(awsError('ConflictException', 'Stage already exists', 409)),
      'Stage already exists (ConflictException, HTTP 409). It exists already (made meanwhile?): refresh and choose another name.',
    );
    assert.match(errorMessage(awsError('TooManyRequestsException', 'Too Many Requests', 429)), /throttling this account: wait a few seconds/);
    assert.match(errorMessage(awsError('AccessDeniedException', 'User is not authorized to perform: apigateway:DELETE', 403)), /apigateway:DELETE.*IAM permissions/);
    assert.match(errorMessage(awsError('ExpiredTokenException', 'The security token included in the request is expired', 403)), /renew them \(aws sso login/);
    assert.match(errorMessage(awsError('NotFoundException', 'Invalid stage identifier specified', 404)), /stage no longer exists/);
    assert.match(errorMessage(awsError('BadRequestException', 'Deployment id does not exist', 400)), /refresh Deployments and pick another/);
  });

  it("DeleteDeployment refused by AWS while a stage runs it (its recorded answer; LocalStack answers the same, moto deletes it): what to do", () => {
    // AWS: 400 BadRequestException "Active stages pointing to this deployment must be moved or deleted".
    assert.equal(
      errorMessage(awsError('BadRequestException', 'Active stages pointing to this deployment must be moved or deleted', 400)),
      'Active stages pointing to this deployment must be moved or deleted (BadRequestException, HTTP 400). A stage or a canary still runs it (moved there meanwhile?): point them at another deployment first, with Change Deployment….',
    );
    assert.match(errorMessage(awsError('NotFoundException', 'Invalid Deployment identifier specified', 404)), /deployment no longer exists \(deleted meanwhile\?\): refresh Deployments/);
  });

  it('an operation an emulator does not implement is said plainly, not as a proxy or network page', () => {
    const page = Object.assign(new NotApiGatewayAnswer(404, 'a web page'), { $operation: 'FlushStageCache', unimplementedAt: 'http://127.0.0.1:5000' });
    assert.equal(errorMessage(page), 'This endpoint (http://127.0.0.1:5000) does not implement FlushStageCache: an emulator implements only part of API Gateway. Nothing was changed.');
    // Through a plan's failure too.
    assert.equal(errorMessage(new PlanError([], { op: 'FlushStageCache', restApiId: 'a', stageName: 'prod' }, [], page, {})), errorMessage(page));
    // Without the mark (AWS, or an endpoint that never answered as API Gateway): the page as before.
    assert.match(errorMessage(Object.assign(new NotApiGatewayAnswer(404, 'a web page'), { $operation: 'FlushStageCache' })), /a proxy or network sign-in page/);
  });

  it('tell a failure after a request was sent (worth Show Logs) from one before any request', () => {
    assert.equal(requestWasSent(awsError('ConflictException', 'Stage already exists', 409)), true);
    assert.equal(requestWasSent(Object.assign(new Error('connect ECONNREFUSED'), { $operation: 'GetStage' })), true);
    assert.equal(requestWasSent(new PlanError([], { op: 'DeleteStage', restApiId: 'a', stageName: 'b' }, [], awsError('AccessDeniedException', 'no', 403), {})), true);
    assert.equal(requestWasSent(new Error('No AWS profile "nope" in the config or credentials files.')), false);
    assert.equal(requestWasSent(Object.assign(new Error('credential_process failed'), { name: 'CredentialsProviderError' })), false);
    assert.equal(requestWasSent('plain'), false);
    assert.equal(requestWasSent(undefined), false);
  });

  it('add nothing where there is no advice', () => {
    assert.equal(errorMessage(awsError('BadRequestException', 'Invalid method setting path', 400)), 'Invalid method setting path (BadRequestException, HTTP 400)');
    assert.equal(errorMessage(awsError('NotFoundException', 'Invalid Rest API Id specified', 404)), 'Invalid Rest API Id specified (NotFoundException, HTTP 404)');
    assert.equal(errorMessage('plain'), 'plain');
  });

  it('a web page answered to a write says the change may have been applied; to a read, nothing of a change', () => {
    const page = (operation: string) => Object.assign(new NotApiGatewayAnswer(200, 'a web page'), { $operation: operation });
    assert.match(errorMessage(page('CreateStage')), /answered with a web page.*may have been applied: refresh to see what AWS holds/);
    assert.match(errorMessage(page('GetStage')), /answered with a web page.*Check them, then try again\.$/);
  });

  it('a failed plan says what its request said (a web page stays a web page)', () => {
    const cause = Object.assign(new NotApiGatewayAnswer(200, 'a web page'), { $operation: 'UpdateStage' });
    const failed = new PlanError([], { op: 'UpdateStage', restApiId: 'a', stageName: 's', patchOperations: [] }, [], cause, {});
    assert.equal(errorMessage(failed), errorMessage(cause));
  });
});

describe('isKind: whether an error is of one of the extension\'s classes', () => {
  const step: PlanStep = { op: 'UpdateStage', restApiId: 'a', stageName: 's', patchOperations: [] };

  it('an instance is of its class and of no other', () => {
    assert.ok(isKind(new GoBack(), GoBack));
    assert.ok(!isKind(new GoBack(), Notice));
    assert.ok(!isKind(new Error('GoBack'), GoBack), 'a message is not a name');
    assert.ok(!isKind('GoBack', GoBack));
    assert.ok(!isKind(undefined, GoBack));
  });

  it("another bundle's copy of a class (the tests' scripted prompter) is told by its name", () => {
    // What a second bundle's `class GoBack extends Error { name = 'GoBack' }` throws: not an instance of ours.
    class OtherGoBack extends Error {
      override name = 'GoBack';
    }
    const theirs = new OtherGoBack();
    assert.ok(!(theirs instanceof GoBack));
    assert.ok(isKind(theirs, GoBack));
    assert.ok(!isKind(theirs, BusyError));
  });

  it("a plan's failure is a PlanError by instanceof only, and is of its cause's class by name", () => {
    const cause = new NotApiGatewayAnswer(502, 'a web page');
    const failed = new PlanError([], step, [], cause, {});
    assert.ok(isKind(failed, PlanError));
    assert.ok(isKind(failed, NotApiGatewayAnswer), 'named as its cause');
    assert.ok(!isKind(cause, PlanError), 'a cause is not a plan failure, whatever its name');
    assert.ok(!isKind(Object.assign(new Error('x'), { name: 'PlanError' }), PlanError));
  });

  it('a cancelled plan is a cancellation and a PlanCancelled; a user\'s cancel is not a PlanCancelled', () => {
    const cancelled = new PlanCancelled([], step, [], {}, false);
    assert.ok(isKind(cancelled, PlanCancelled) && isKind(cancelled, PlanError));
    assert.ok(isCancellation(cancelled));
    assert.ok(isKind(cancelled, Cancelled), 'named as a cancel');
    assert.ok(!isKind(new Cancelled(), PlanCancelled));
    assert.ok(isCancellation(new Cancelled()));
  });
});

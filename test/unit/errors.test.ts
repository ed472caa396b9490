import * as assert from 'assert/strict';
import { errorMessage, NotApiGatewayAnswer, PlanError, requestWasSent } from '../../src/errors';

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

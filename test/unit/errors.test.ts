import * as assert from 'assert/strict';
import { errorMessage } from '../../src/errors';

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

  it('add nothing where there is no advice', () => {
    assert.equal(errorMessage(awsError('BadRequestException', 'Invalid method setting path', 400)), 'Invalid method setting path (BadRequestException, HTTP 400)');
    assert.equal(errorMessage(awsError('NotFoundException', 'Invalid Rest API Id specified', 404)), 'Invalid Rest API Id specified (NotFoundException, HTTP 404)');
    assert.equal(errorMessage('plain'), 'plain');
  });
});

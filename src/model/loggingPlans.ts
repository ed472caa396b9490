// The fixes of Check CloudWatch Logging Setup…, as plans (each reviewed with its requests first).
import { APIGATEWAY_TRUST_POLICY } from './cloudWatch';
import { PUSH_TO_CLOUDWATCH_POLICY_ARN, trustPolicyWithApiGateway } from './loggingChecks';
import { type PlanStep, setRolePlan } from './plans';

/** Stands for the ARN of the role the plan's CreateRole makes; filled in from its answer. */
export const NEW_ROLE_ARN = '<the new role\'s ARN>';

/** Create the role and set it: CreateRole with API Gateway's trust, the managed policy, then the account's role. */
export function createLoggingRolePlan(roleName: string): PlanStep[] {
  return [
    { op: 'CreateRole', roleName, assumeRolePolicyDocument: JSON.stringify(JSON.parse(APIGATEWAY_TRUST_POLICY)), description: 'Lets API Gateway write execution and access logs to CloudWatch Logs' },
    attachPolicyPlan(roleName)[0],
    ...setRolePlan(NEW_ROLE_ARN),
  ];
}

export function attachPolicyPlan(roleName: string): PlanStep[] {
  return [{ op: 'AttachRolePolicy', roleName, policyArn: PUSH_TO_CLOUDWATCH_POLICY_ARN }];
}

/** The trust policy as it is, with API Gateway's statement added. */
export function fixTrustPlan(roleName: string, trustPolicy: string): PlanStep[] {
  return [{ op: 'UpdateAssumeRolePolicy', roleName, policyDocument: JSON.stringify(JSON.parse(trustPolicyWithApiGateway(trustPolicy))) }];
}

export function retentionPlan(logGroupName: string, retentionInDays: number): PlanStep[] {
  return [{ op: 'PutRetentionPolicy', logGroupName, retentionInDays }];
}

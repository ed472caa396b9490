import * as assert from 'assert/strict';
import { STAGE_NAME_MAX, stageNameProblem } from '../../src/model/stageName';

describe('stage names', () => {
  const rejected: [what: string, name: string, existing: string[], message: RegExp][] = [
    ['an empty name', '', [], /Enter a stage name/],
    ['129 characters', 'a'.repeat(129), [], /at most 128 characters \(this one has 129\)/],
    ['a space', 'my stage', [], /a space is not allowed/],
    ['a slash', 'v1/beta', [], /"\/" is not allowed/],
    ['a letter outside A–Z', 'café', [], /letters A–Z and a–z.*"é" is not allowed/],
    ['a control character', 'beta\u0007', [], /the control character U\+0007 is not allowed/],
    ['a tab', 'be\tta', [], /the control character U\+0009 is not allowed/],
    ['the name of an existing stage', 'prod', ['dev', 'prod'], /already has a stage named "prod"/],
  ];
  for (const [what, name, existing, message] of rejected) {
    it(`rejects ${what}, saying what is wrong`, () => {
      const problem = stageNameProblem(name, existing);
      assert.ok(problem, `no problem reported for ${JSON.stringify(name)}`);
      assert.match(problem, message);
    });
  }

  const accepted: [what: string, name: string][] = [
    ['one character', 'a'],
    [`${STAGE_NAME_MAX} characters`, 'b'.repeat(STAGE_NAME_MAX)],
    ['a lone "-"', '-'],
    ['a lone "_"', '_'],
    ['digits only', '2024'],
    ['letters, digits, "-" and "_" together', 'Beta_2-EU'],
  ];
  for (const [what, name] of accepted) {
    it(`accepts ${what}`, () => {
      assert.equal(stageNameProblem(name, ['prod', 'dev']), undefined);
    });
  }

  it('checks the exact name against the existing stages', () => {
    assert.equal(stageNameProblem('prod2', ['prod']), undefined);
    assert.equal(stageNameProblem('pro', ['prod']), undefined);
  });
});

// The requests each action sends, counted at the paging proxy, equal the README's commands table
// (the `budget` of each entry of test/bench/actions.ts, the table `npm run bench` times), at two
// small scales with the page size lowered to 2 so that paging kicks in. Counts only: no timings.
import * as assert from 'assert/strict';
import { ACTIONS } from '../bench/actions';
import { type BenchEnv, startBenchEnv } from '../bench/env';
import { runOnce } from '../bench/measure';
import { scaleLabel } from '../bench/report';
import { apisSeeder, type Fixture, resourcesSeeder, type ScaleGroup, type Seeder, stagesSeeder } from '../bench/scales';
import { emulatorKind } from '../harness/emulator';

const PAGE_SIZE = 2;
const DEPLOYMENTS = 3;
/** Two sizes per group, each past a page boundary at PAGE_SIZE. */
const SIZES: Record<ScaleGroup, [number, number]> = { apis: [3, 7], resources: [5, 12], stages: [2, 4] };

describe(`request budget of every benchmarked action (${emulatorKind()} behind the paging proxy)`, function () {
  this.timeout(120_000);
  let env: BenchEnv;

  before(async function () {
    this.timeout(600_000); // the first run on a machine installs moto
    env = await startBenchEnv({ reps: 1, pageSize: PAGE_SIZE, kind: emulatorKind() });
  });
  after(async () => {
    await env?.dispose();
  });

  const seeders: Record<ScaleGroup, () => Seeder> = {
    apis: () => apisSeeder(env.emulator.endpoint),
    resources: () => resourcesSeeder(env.emulator.endpoint),
    stages: () => stagesSeeder(env.emulator.endpoint, DEPLOYMENTS),
  };

  for (const group of Object.keys(SIZES) as ScaleGroup[]) {
    describe(group, () => {
      let seeder: Seeder;
      before(async () => {
        await env.emulator.reset(); // `apis` counts every API in the account
        seeder = seeders[group]();
      });
      after(() => seeder?.dispose());

      for (const size of SIZES[group]) {
        describe(scaleLabel({ group, size }, group === 'stages' ? DEPLOYMENTS : undefined), () => {
          let fixture: Fixture;
          before(async () => {
            fixture = await seeder.grow(size);
          });
          for (const action of ACTIONS.filter((a) => a.group === group)) {
            it(action.name, async () => {
              const budget = action.budget(fixture, PAGE_SIZE);
              const { requests } = await runOnce(env, action, fixture, 'ours');
              assert.deepEqual(requests, budget);
            });
          }
        });
      }
    });
  }

  it('pages at the lowered size: 7 APIs take 4 GetRestApis, 12 resources 6 GetResources', () => {
    const list = ACTIONS.find((a) => a.group === 'apis')!;
    const expand = ACTIONS.find((a) => a.group === 'resources')!;
    const fixture = (group: ScaleGroup, size: number, resources = 0): Fixture => ({ group, size, restApiId: '', resources, deploymentIds: [], stageNames: [] });
    assert.deepEqual(list.budget(fixture('apis', 7), PAGE_SIZE), { GetRestApis: 4 });
    assert.deepEqual(expand.budget(fixture('resources', 12, 12), PAGE_SIZE), { GetResources: 6 });
    assert.deepEqual(list.budget(fixture('apis', 1000), 500), { GetRestApis: 2 }, 'one GetRestApis per 500 APIs');
  });
});

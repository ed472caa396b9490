// How the editor tests get to the sample's stages: the view open, PetStore expanded, a stage's editor open.
import type { FrameLocator } from 'playwright-core';
import { clickTreeItem, expand, openView, treeItem, waitVisible, type Workbench } from '../harness/workbench';

/** Opens the API Gateway view, expands PetStore and waits until `stageName`'s row is listed. */
export async function showStages(wb: Workbench, stageName: string, treeTimeoutMs = 60_000): Promise<void> {
  await openView(wb, 'API Gateway', 'REST APIs');
  await waitVisible(wb, treeItem(wb, 'PetStore'), 'tree shows PetStore', treeTimeoutMs);
  await expand(wb, 'PetStore');
  await waitVisible(wb, treeItem(wb, stageName), 'the stages are listed');
}

/** Clicks `stageName`'s (listed) row and waits until its editor shows the stage's heading in `form`. */
export async function openStageEditor(wb: Workbench, form: () => FrameLocator, stageName: string): Promise<void> {
  await clickTreeItem(wb, stageName);
  await waitVisible(wb, form().locator('h1', { hasText: `Stage ${stageName}` }), `the editor shows stage ${stageName}`, 60_000);
}

// The stage editor's page as tests drive it: the visible webview's frames, its fields and buttons.
import type { FrameLocator } from 'playwright-core';
import { step, type Workbench } from '../harness/workbench';

export function stageEditorPage(wb: () => Workbench) {
  /** The visible webview's outer and inner frames (hidden editors keep their pages). */
  const form = (): FrameLocator => wb().page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
  const field = (label: string, within?: string) => (within ? form().locator(within) : form().locator('body')).locator(`[aria-label="${label}"]`).first();
  const typeInto = (label: string, value: string, within?: string) => step(wb(), `type "${value}" into "${label}"`, async () => {
    await field(label, within).locator('input, textarea').first().fill(value);
  });
  const valueOf = (label: string) => field(label).locator('input, textarea').first().inputValue();
  const click = (text: string) => step(wb(), `click "${text}" in the editor`, async () => {
    await form().locator('vscode-button', { hasText: text }).first().click();
  });
  const text = () => form().locator('body').innerText();
  return { form, field, typeInto, valueOf, click, text };
}

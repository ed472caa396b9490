// The stage editor's page in a workbench: its frame, its fields by label, typing, clicking, its text.
import type { FrameLocator, Locator } from 'playwright-core';
import { step, type Workbench } from '../harness/workbench';

export interface StageEditorPage {
  /** The visible webview's inner frame (hidden editors keep their pages). */
  form(): FrameLocator;
  field(label: string, within?: string): Locator;
  /** The value of a text field, as typed. */
  valueOf(label: string): Promise<string>;
  typeInto(label: string, value: string, within?: string): Promise<void>;
  click(text: string): Promise<void>;
  choose(label: string, option: string, within?: string): Promise<void>;
  text(): Promise<string>;
}

export function stageEditorPage(wb: () => Workbench): StageEditorPage {
  const form = () => wb().page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
  const field = (label: string, within?: string) => (within ? form().locator(within) : form().locator('body')).locator(`[aria-label="${label}"]`).first();
  return {
    form,
    field,
    valueOf: (label) => field(label).locator('input, textarea').first().inputValue(),
    typeInto: (label, value, within) => step(wb(), `type "${value}" into "${label}"`, async () => {
      await field(label, within).locator('input, textarea').first().fill(value);
    }),
    click: (text) => step(wb(), `click "${text}" in the editor`, async () => {
      await form().locator('vscode-button', { hasText: text }).first().click();
    }),
    choose: (label, option, within) => step(wb(), `choose "${option}" for "${label}"`, async () => {
      const select = field(label, within);
      await select.click();
      // The open list lives in the select's shadow root: its rows have role "option".
      await select.locator('[role="option"]', { hasText: option }).first().click();
    }),
    text: () => form().locator('body').innerText(),
  };
}

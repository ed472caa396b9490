import { commandId } from '../commandIds';
import * as vscode from 'vscode';
import type { Resource } from '../aws/apiGateway';
import { ALL_METHODS_KEY, methodKey, methodsOf } from '../model/methodKey';
import { overriddenGroups } from '../model/stageSummary';
import { Tooltip, treeDescription, treeLabel } from './format';
import type { TreeNode } from './node';
import type { StageNode } from './stageNodes';

/** One method of a stage's API (`GET /pets/{petId}`), marked when the stage overrides its settings. */
export class MethodNode implements TreeNode {
  readonly id: string;
  readonly key: string;

  constructor(
    readonly parent: StageNode,
    readonly resourcePath: string,
    readonly httpMethod: string,
  ) {
    this.key = methodKey(resourcePath, httpMethod);
    this.id = `${parent.id}/method:${this.key}`;
  }

  get override() {
    return this.parent.stage.methodSettings?.[this.key];
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(`${this.httpMethod} ${this.resourcePath}`));
    item.id = this.id;
    const override = this.override;
    if (override) {
      const groups = overriddenGroups(override, this.parent.stage.methodSettings?.[ALL_METHODS_KEY]);
      item.description = treeDescription(groups.length ? `override: ${groups.join(', ')}` : 'override');
      item.iconPath = new vscode.ThemeIcon('symbol-method', new vscode.ThemeColor('charts.orange'));
      item.contextValue = 'method override';
    } else {
      item.iconPath = new vscode.ThemeIcon('symbol-method');
      item.contextValue = 'method';
    }
    item.command = { command: commandId('editStageSettings'), title: 'Edit Stage Settings', arguments: [this] };
    return item;
  }

  tooltip(): vscode.MarkdownString {
    const override = this.override;
    const tip = new Tooltip().line('', `${this.httpMethod} ${this.resourcePath}`).line(`Method-setting key: ${this.key}`);
    tip.line(override ? `Overrides the stage's settings: ${JSON.stringify(override)}` : 'Uses the stage settings.');
    return tip.md;
  }
}

export function methodNodesFor(stage: StageNode, resources: readonly Resource[]): MethodNode[] {
  return methodsOf(resources).map((m) => new MethodNode(stage, m.resourcePath, m.httpMethod));
}

import { commandId } from '../commandIds';
import * as vscode from 'vscode';
import type { SessionState } from '../aws/session';

/** `profile · region` in the status bar; clicking it switches either. */
export class ConnectionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apigatewayStages.connection', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'API Gateway Connection';
    this.item.command = commandId('switchConnection');
  }

  update(state: SessionState): void {
    switch (state.kind) {
      case 'starting':
        this.item.text = '$(sync~spin) API Gateway';
        this.item.tooltip = 'API Gateway: reading AWS profiles…';
        break;
      case 'ready': {
        const c = state.connection;
        this.item.text = `$(cloud) ${c.profile} · ${c.region}`;
        this.item.tooltip = `API Gateway: profile ${c.profile}, region ${c.region}, endpoint ${c.endpoint ?? 'AWS'}\nClick to switch profile or region.`;
        this.item.backgroundColor = undefined;
        break;
      }
      case 'unknownProfile':
        this.item.text = `$(warning) ${state.profile}`;
        this.item.tooltip = `API Gateway: profile "${state.profile}" not found. Click to select a profile.`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'invalid':
        this.item.text = '$(warning) API Gateway';
        this.item.tooltip = state.message;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'noProfiles':
        this.item.text = '$(cloud) No AWS profile';
        this.item.tooltip = 'API Gateway: no AWS profile found. Click to choose.';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

// Proves the in-host route: this runs inside VS Code's extension host, with the real `vscode` API.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'apigateway-stages.apigateway-stages';

describe('smoke: the extension in a real VS Code', () => {
  it('is installed', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not installed`);
  });

  it('activates and registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});

// Test-only: the least an extension can do to show N tree rows (the benchmark's baseline).
// N comes from the setting benchMinimal.items (default 1000). Clicking a row opens the least a
// webview editor can be: a page whose script asks the extension for its data and shows a heading,
// the stage editor's floor.
const { performance } = require('perf_hooks');
const vscode = require('vscode');

function activate(context) {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Minimal Tree', { log: true });
  const count = () => vscode.workspace.getConfiguration('benchMinimal').get("items", 1000);
  const provider = {
    getTreeItem: (i) => {
      const item = new vscode.TreeItem(`item ${i}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = String(i);
      item.command = { command: 'benchMinimal.open', title: 'Open', arguments: [i] };
      return item;
    },
    getChildren: (i) => (i === undefined ? Array.from({ length: count() }, (_, k) => k) : []),
  };
  context.subscriptions.push(
    log,
    vscode.window.createTreeView('benchMinimal.tree', { treeDataProvider: provider }),
    vscode.commands.registerCommand('benchMinimal.open', openPage),
  );
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
}

/** A webview whose script posts 'ready'; the answer becomes its heading (as the stage editor's form comes in). */
function openPage(i) {
  const panel = vscode.window.createWebviewPanel('benchMinimal.page', `Item ${i}`, vscode.ViewColumn.Active, { enableScripts: true });
  const nonce = String(Math.random()).slice(2);
  panel.webview.onDidReceiveMessage((m) => {
    if (m && m.type === 'ready') void panel.webview.postMessage({ type: 'load', title: `Item ${i}` });
  });
  panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'">
</head><body><main id="app"></main><script nonce="${nonce}">
const vscode = acquireVsCodeApi();
window.addEventListener('message', (e) => {
  const h1 = document.createElement('h1');
  h1.textContent = e.data.title;
  document.getElementById('app').replaceChildren(h1);
});
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
}

module.exports = { activate, deactivate() {} };

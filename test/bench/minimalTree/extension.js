// Test-only: the least an extension can do to show N tree rows (the benchmark's baseline).
// N comes from the setting benchMinimal.items (default 1000).
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
      return item;
    },
    getChildren: (i) => (i === undefined ? Array.from({ length: count() }, (_, k) => k) : []),
  };
  context.subscriptions.push(log, vscode.window.createTreeView('benchMinimal.tree', { treeDataProvider: provider }));
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
}

module.exports = { activate, deactivate() {} };

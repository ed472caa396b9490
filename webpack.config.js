// Two bundles: the extension (Node, `vscode` external) and the webview (browser).
// Type checking is `tsc` (npm run typecheck), so ts-loader only transpiles.
'use strict';
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');

/** @param {string} configFile @param {object} [compilerOptions] */
const tsRule = (configFile, compilerOptions) => ({
  test: /\.ts$/,
  exclude: /node_modules/,
  use: [{ loader: 'ts-loader', options: { configFile, transpileOnly: true, onlyCompileBundledFiles: true, compilerOptions } }],
});

/** Files the webview loads beside its script: codicons and its stylesheet. */
const WEBVIEW_ASSETS = {
  'codicon.css': 'node_modules/@vscode/codicons/dist/codicon.css',
  'codicon.ttf': 'node_modules/@vscode/codicons/dist/codicon.ttf',
  'webview.css': 'src/webview/webview.css',
};

class CopyWebviewAssets {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.afterEmit.tap('CopyWebviewAssets', () => {
      for (const [name, from] of Object.entries(WEBVIEW_ASSETS)) {
        fs.copyFileSync(path.resolve(__dirname, from), path.resolve(__dirname, 'dist', name));
      }
    });
  }
}

/** @type {(env: unknown, argv: { mode?: string }) => import('webpack').Configuration[]} */
module.exports = (_env, argv) => {
  const production = argv.mode === 'production';
  const common = {
    mode: production ? 'production' : 'development',
    devtool: production ? 'hidden-source-map' : 'source-map',
    resolve: { extensions: ['.ts', '.js'] },
    infrastructureLogging: { level: 'warn' },
    performance: { hints: false },
  };
  return [
    {
      ...common,
      name: 'extension',
      target: 'node',
      entry: './src/extension.ts',
      output: {
        path: path.resolve(__dirname, 'dist'),
        filename: 'extension.js',
        chunkFilename: 'chunk-[id].js',
        // Chunks of an earlier build would otherwise be packaged too; the webview's files stay.
        clean: { keep: (asset) => !/^(extension|chunk-)/.test(asset) },
        libraryTarget: 'commonjs2',
        devtoolModuleFilenameTemplate: '../[resource-path]',
      },
      externals: { vscode: 'commonjs vscode' },

      // ES modules for webpack (tsc's CommonJS would turn `await import()` into a plain require): the
      // SDK clients only some commands use (IAM, CloudWatch Logs, WAF, API Gateway v2, STS) and the
      // credential providers become chunks, loaded when first used, not parsed at activation.
      module: { rules: [tsRule(path.resolve(__dirname, 'tsconfig.json'), { module: 'es2020' })] },
    },
    {
      ...common,
      name: 'webview',
      target: 'web',
      entry: './src/webview/main.ts',
      output: { path: path.resolve(__dirname, 'dist'), filename: 'webview.js' },
      module: { rules: [tsRule(path.resolve(__dirname, 'src', 'webview', 'tsconfig.json'))] },
      plugins: [new CopyWebviewAssets()],
    },
  ];
};

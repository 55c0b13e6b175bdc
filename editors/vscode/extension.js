// Starts `psrlint server` for arrangement files and rule files (see docs/editors.md).
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

exports.activate = function activate() {
  const config = vscode.workspace.getConfiguration('psrlint');
  const server = {
    command: config.get('path', 'psrlint'),
    args: ['server', ...config.get('args', [])],
  };
  client = new LanguageClient('psrlint', 'psrlint', server, {
    documentSelector: [
      { scheme: 'file', pattern: '**/*.arrangement.{toml,json,yaml,yml}' },
      { scheme: 'file', language: 'psrl' },
    ],
  });
  return client.start();
};

exports.deactivate = function deactivate() {
  return client ? client.stop() : undefined;
};

// The client side of `mizan lsp`: VS Code starts the server over standard input and output and
// sends it the open .mizan files. Everything the editor shows comes from the server.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration('mizan');
  const command = settings.get('server.path') || 'mizan';
  const args = ['lsp'];
  const language = settings.get('server.language');
  if (language) args.push('--lang', language);
  const server = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient('mizan', 'Mizan', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'mizan' }],
  });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

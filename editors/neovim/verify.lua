-- Headless check that Neovim's own client works with `mizan lsp` (docs/editors.md):
--   nvim --headless -u NONE --cmd 'luafile editors/neovim/mizan.lua' FILE -c 'luafile editors/neovim/verify.lua'
-- Prints the diagnostics Neovim received, a hover, a definition and the formatting edit, then quits.
local buffer = vim.api.nvim_get_current_buf()
local function say(text) io.stdout:write(text .. '\n') end

local ok = vim.wait(10000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
say('client attached: ' .. tostring(#vim.lsp.buf_get_clients(buffer) > 0))
say('diagnostics received: ' .. tostring(ok))
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  say(string.format('  %d:%d %s %s', d.lnum + 1, d.col + 1, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '', d.message:gsub('\n', ' / ')))
end

local function ask(method, line, character)
  local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = line, character = character } }
  if method == 'textDocument/formatting' then params = { textDocument = params.textDocument, options = { tabSize = 2, insertSpaces = true } } end
  local answers = vim.lsp.buf_request_sync(buffer, method, params, 10000) or {}
  for _, answer in pairs(answers) do return answer.result end
end

-- Positions to ask about come from the environment: MIZAN_HOVER=line:character (0-based).
local line, character = (os.getenv('MIZAN_HOVER') or '0:0'):match('(%d+):(%d+)')
local hover = ask('textDocument/hover', tonumber(line), tonumber(character))
say('hover: ' .. (hover and hover.contents.value:gsub('\n+', ' / ') or 'none'))
local definition = ask('textDocument/definition', tonumber(line), tonumber(character))
for _, location in ipairs(definition or {}) do
  say(string.format('definition: %s:%d:%d', vim.uri_to_fname(location.uri), location.range.start.line + 1, location.range.start.character + 1))
end
local edits = ask('textDocument/formatting', 0, 0)
say('formatting edits: ' .. #(edits or {}))
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd('qa!')

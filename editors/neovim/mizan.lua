-- Mizan in Neovim: `.mizan` files get their filetype, `#` comments and the `mizan lsp` server
-- (diagnostics, hover with `K`, go to definition, references, outline, completion, formatting).
-- Copy this file to ~/.config/nvim/plugin/mizan.lua (docs/editors.md). Set `vim.g.mizan_command`
-- to the mizan executable when it is not on PATH, and `vim.g.mizan_lang = 'ar'` for Arabic.

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = '*.mizan',
  callback = function() vim.bo.filetype = 'mizan' end,
})

local function start_server(buffer)
  local command = { vim.g.mizan_command or 'mizan', 'lsp' }
  if vim.g.mizan_lang then
    table.insert(command, '--lang')
    table.insert(command, vim.g.mizan_lang)
  end
  -- The policies folder: a version is <policies>/<association>/<date>.mizan.
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buffer), ':p:h:h')
  local config = { name = 'mizan', cmd = command, root_dir = root }
  if vim.lsp.start then
    -- Neovim 0.8 and later: one server per root, reused for every buffer under it.
    vim.lsp.start(config, { bufnr = buffer })
  else
    -- Neovim 0.7 (Debian 12): start one client, attach each buffer to it.
    if not vim.g.mizan_client then vim.g.mizan_client = vim.lsp.start_client(config) end
    vim.lsp.buf_attach_client(buffer, vim.g.mizan_client)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'mizan',
  callback = function(event)
    vim.bo[event.buf].commentstring = '# %s'
    vim.bo[event.buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
    start_server(event.buf)
  end,
})

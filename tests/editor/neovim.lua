-- A real editor against the language server: headless Neovim (0.7 or later, Debian's) opens a
-- copy of a fixture, waits for the server's diagnostics, applies the quick fix through
-- `vim.lsp.buf.code_action` (answering its menu with the first action, as a user pressing Enter
-- would), saves, waits for the diagnostics to clear, hovers on the deployment settings and
-- checks the saved file with the CLI.
-- It writes a transcript to standard output and quits with status 1 on any failure.
-- Environment: ECS_ROLLOUT_SERVER (the server command, words separated by spaces),
-- ECS_ROLLOUT_CLI (the native binary, for `check`) and ECS_ROLLOUT_FILE (the copy to edit).

local out = function(line) io.stdout:write(line, "\n") end
local fail = function(message)
  out("FAILED: " .. message)
  vim.cmd("cquit 1")
end

local server = vim.split(os.getenv("ECS_ROLLOUT_SERVER"), " ", { trimempty = true })
local cli = os.getenv("ECS_ROLLOUT_CLI")
local file = os.getenv("ECS_ROLLOUT_FILE")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buffer = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "ecs-rollout",
  cmd = server,
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
if not client_id then fail("the server did not start") end
vim.lsp.buf_attach_client(buffer, client_id)

local function show(diagnostics)
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  for _, d in ipairs(diagnostics) do
    local message = vim.split(d.message, "\n")[1]
    out(string.format("  %d:%d %s [%s] %s: %s", d.lnum + 1, d.col + 1,
      vim.diagnostic.severity[d.severity], d.source, d.code, message))
  end
end

if not vim.wait(20000, function() return #vim.diagnostic.get(buffer) > 0 end, 50) then
  fail("no diagnostics arrived")
end
local before = vim.diagnostic.get(buffer)
out("diagnostics before the fix:")
show(before)

-- The code action menu: list what the server offers and take the first entry.
vim.ui.select = function(items, _, on_choice)
  out("code actions offered:")
  for _, item in ipairs(items) do
    local action = item.action or item[2] or item
    out("  " .. (action.title or "?") .. " (" .. (action.kind or "no kind") .. ")")
  end
  on_choice(items[1], 1)
end
vim.api.nvim_win_set_cursor(0, { before[1].lnum + 1, before[1].col })
local tick = vim.api.nvim_buf_get_changedtick(buffer)
vim.lsp.buf.code_action()
if not vim.wait(10000, function() return vim.api.nvim_buf_get_changedtick(buffer) ~= tick end, 50) then
  fail("the quick fix changed nothing")
end
out("line " .. before[1].lnum + 1 .. " after the fix: " .. vim.api.nvim_buf_get_lines(buffer, before[1].lnum, before[1].lnum + 1, true)[1])

vim.cmd("write")
out("saved")
if not vim.wait(10000, function() return #vim.diagnostic.get(buffer) == 0 end, 50) then
  out("diagnostics after the fix:")
  show(vim.diagnostic.get(buffer))
  fail("diagnostics remain after the fix")
end
out("diagnostics after the fix: none")

-- Hover on the deployment settings: the client shows the rollout summary.
local settings_line = vim.fn.search("^gateway_deployment_configuration", "nw")
local hover = vim.lsp.buf_request_sync(buffer, "textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  position = { line = settings_line - 1, character = 3 },
}, 10000)
local summary
for _, answer in pairs(hover or {}) do
  local value = answer.result and answer.result.contents and answer.result.contents.value or ""
  summary = value:match("%*%*Rollout%*%*: [^\n]*")
end
if not summary then fail("no rollout summary on hover") end
out("hover on line " .. settings_line .. ": " .. summary)

local checked = vim.fn.system({ cli, "check", file })
out("ecs-rollout check on the saved file (exit " .. vim.v.shell_error .. "): " .. vim.trim(checked))
if vim.v.shell_error ~= 0 then fail("the saved file does not analyse clean") end

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qall!")

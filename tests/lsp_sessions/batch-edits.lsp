# One didChange of 20,000 ranged edits, each at or before the previous one (as clients send
# a multi-cursor edit): applied together in one pass over the text (src/lsp/session.rs).
{"id":1,"method":"initialize","params":{"capabilities":{}}}
{"method":"initialized"}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/batch.tfvars","languageId":"terraform-vars","version":1,"text":"# a\nenviroment = \"dev\"\n"}}}
raw "Content-Length: 1740144\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///work/batch.tfvars\",\"version\":2},\"contentChanges\":["
repeat 19999 raw "{\"range\":{\"start\":{\"line\":0,\"character\":2},\"end\":{\"line\":0,\"character\":2}},\"text\":\"b\"},"
raw "{\"range\":{\"start\":{\"line\":0,\"character\":2},\"end\":{\"line\":0,\"character\":2}},\"text\":\"b\"}]}}"
{"id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///work/batch.tfvars"},"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":3}},"context":{"diagnostics":[]}}}
{"id":3,"method":"shutdown"}
{"method":"exit"}

# Nothing a client sends stops the server, before or after initialize.
{"id":1,"method":"textDocument/hover","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/canary.tfvars","languageId":"terraform-vars","version":1,"text":"x = 1"}}}
raw "Content-Length: 9\r\n\r\n{not json"
raw "Content-Length: 2\r\n\r\n[]"
raw "Content-Length: 14\r\n\r\n{\"id\":1.5e300}"
# Not a request, but with an id the client may be waiting on: an InvalidRequest error for it.
{"id":"seven","method":5}
raw "Content-Type: text/plain\r\n\r\n"
raw "Content-Length: twelve\r\n\r\n"
raw "Content-Length: 3\r\nContent-Length: 3\r\n\r\n[1]"
raw "content-length: 4\ncontent-type: application/vscode-jsonrpc; charset=utf-8\n\nnull"
hex 436f6e74656e742d4c656e6774683a20340d0a0d0a c3 28 ff fe
{"id":2,"method":"initialize","params":{"capabilities":"none"}}
{"id":3,"method":"initialize","params":{"capabilities":{}}}
{"id":4,"method":"initialize","params":{"capabilities":{}}}
{"method":"initialized"}
{"id":"five","method":"no/such/method","params":{}}
{"id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"}}}
{"id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/never-opened.tfvars"},"position":{"line":0,"character":0}}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/canary.tfvars","languageId":"terraform-vars","version":1,"text":"gateway_deployment_configuration = {{{{[[[[\"\u0000"}}}
{"id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":4294967295,"character":4294967295}}}
{"id":9,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":0,"character":40}}}
{"id":10,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"range":{"start":{"line":9,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[]}}}
# Cancelling a request that was already answered, and a response nobody asked for: ignored.
{"method":"$/cancelRequest","params":{"id":9}}
{"id":99,"result":null}
{"method":"no/such/notification","params":{"x":1}}
{"id":11,"method":"shutdown"}
# After shutdown, requests are refused; exit then ends with 0.
{"id":12,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":0,"character":0}}}
{"method":"exit"}
# Nothing after exit is read.
{"id":13,"method":"shutdown"}

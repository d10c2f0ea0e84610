# The whole life of a session with a client that offers no position encoding: UTF-16.
{"id":1,"method":"initialize","params":{"capabilities":{}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/production.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/production.tfvars"}}}
# The cursor on `enable_blue_green` (line 28): the load balancer fix.
{"id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///work/production.tfvars"},"range":{"start":{"line":27,"character":4},"end":{"line":27,"character":4}},"context":{"diagnostics":[]}}}
# A range over the whole file: every fix.
{"id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///work/production.tfvars"},"range":{"start":{"line":0,"character":0},"end":{"line":40,"character":0}},"context":{"diagnostics":[]}}}
# Only refactorings asked for: no quick fix.
{"id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///work/production.tfvars"},"range":{"start":{"line":27,"character":4},"end":{"line":27,"character":4}},"context":{"diagnostics":[],"only":["refactor"]}}}
{"method":"textDocument/didSave","params":{"textDocument":{"uri":"file:///work/production.tfvars"}}}
{"method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///work/production.tfvars"}}}
{"id":5,"method":"shutdown"}
{"method":"exit"}

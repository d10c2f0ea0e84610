# A client that offers UTF-8 gets it: ranges count bytes. Line 2 has 10 bytes of "gätëwäy" and 4
# of the rocket before the `;` at byte column 33 (UTF-16 column 28).
{"id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-16","utf-8"]}}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/unicode.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/unicode.tfvars"}}}
# Hover on `environment`, after the non-ASCII text on its line.
{"id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/unicode.tfvars"},"position":{"line":1,"character":36}}}
# Replace the `;` with a line break, in bytes: the syntax error goes.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/unicode.tfvars","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":33},"end":{"line":1,"character":34}},"text":"\n"}]}}
# Every fix in the file, its edits in the negotiated units.
{"id":11,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///work/unicode.tfvars"},"range":{"start":{"line":0,"character":0},"end":{"line":9,"character":0}},"context":{"diagnostics":[]}}}
{"id":2,"method":"shutdown"}
{"method":"exit"}

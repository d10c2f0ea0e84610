# A client that offers UTF-8 gets it: ranges count bytes. Line 2 has 10 bytes of "gätëwäy" and 4
# of the rocket before the `;` at byte column 33 (UTF-16 column 28).
{"id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-16","utf-8"]}}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/unicode.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/unicode.tfvars"}}}
# Replace the `;` with a line break, in bytes: the syntax error goes.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/unicode.tfvars","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":33},"end":{"line":1,"character":34}},"text":"\n"}]}}
{"id":2,"method":"shutdown"}
{"method":"exit"}

# Without a UTF-8 offer, ranges count UTF-16 code units: the `;` is at column 28, and the
# rocket takes two units.
{"id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-16"]}}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/unicode.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/unicode.tfvars"}}}
# Hover on `environment`, after the non-ASCII text on its line.
{"id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/unicode.tfvars"},"position":{"line":1,"character":31}}}
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/unicode.tfvars","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":28},"end":{"line":1,"character":29}},"text":"\n"}]}}
# A position between the rocket's two surrogates lands before the rocket: "x" goes in front.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/unicode.tfvars","version":3},"contentChanges":[{"range":{"start":{"line":1,"character":25},"end":{"line":1,"character":25}},"text":"x"}]}}
{"id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/unicode.tfvars"},"position":{"line":1,"character":3}}}
# Every fix in the file, its edits in the negotiated units.
{"id":11,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///work/unicode.tfvars"},"range":{"start":{"line":0,"character":0},"end":{"line":9,"character":0}},"context":{"diagnostics":[]}}}
{"id":3,"method":"shutdown"}
{"method":"exit"}

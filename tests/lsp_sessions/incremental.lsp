# Incremental and full changes, several in one notification, with versions.
{"id":1,"method":"initialize","params":{"capabilities":{}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/canary.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/canary.tfvars"}}}
# Fix the typo on line 35 ("circut" to "circuit"): clean.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/canary.tfvars","version":2},"contentChanges":[{"range":{"start":{"line":34,"character":19},"end":{"line":34,"character":25}},"text":"circuit"}]}}
# Two edits in one notification, the second against the text the first left: the canary share
# becomes 0.05 and the bake time 2.5.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/canary.tfvars","version":3},"contentChanges":[{"range":{"start":{"line":29,"character":34},"end":{"line":29,"character":36}},"text":"0.05"},{"range":{"start":{"line":30,"character":34},"end":{"line":30,"character":35}},"text":"2.5"}]}}
# A range past the end of the text appends.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/canary.tfvars","version":4},"contentChanges":[{"range":{"start":{"line":400,"character":0},"end":{"line":500,"character":9}},"text":"\nenable_blue_green = true\n"}]}}
# A full replacement.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/canary.tfvars","version":5},"contentChanges":[{"text":"create_lb = maybe\n"}]}}
# A change to a document that is not open is logged and ignored.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/other.tfvars","version":1},"contentChanges":[{"text":"x = 1"}]}}
{"id":2,"method":"shutdown"}
{"method":"exit"}

# Hover docs and completion in HCL and JSON documents.
{"id":1,"method":"initialize","params":{"capabilities":{}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/canary.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/canary.tfvars"}}}
# A variable (line 16, gateway_config).
{"id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":15,"character":5}}}
# The deployment settings: docs and the rollout summary.
{"id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":26,"character":0}}}
# An attribute inside them (canary_percent), with the summary too.
{"id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":29,"character":10}}}
# A lifecycle stage name inside the list.
{"id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":41,"character":32}}}
# A value, blank space, an unknown name: nothing.
{"id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":1,"character":20}}}
{"id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":4,"character":0}}}
{"id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":34,"character":5}}}
# Completion of attributes in the circuit breaker object: type "ro" on a new line 37.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/canary.tfvars","version":2},"contentChanges":[{"range":{"start":{"line":34,"character":19},"end":{"line":34,"character":25}},"text":"circuit"},{"range":{"start":{"line":36,"character":17},"end":{"line":36,"character":17}},"text":"\n  ro"}]}}
{"id":9,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":37,"character":4}}}
# Stage names inside the list, after its opening quote.
{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/canary.tfvars","version":3},"contentChanges":[{"range":{"start":{"line":42,"character":52},"end":{"line":42,"character":52}},"text":", \"PRE"}]}}
{"id":10,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":42,"character":58}}}
# Variable names at the top level, at the start of an empty line.
{"id":11,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":4,"character":0}}}
# In a value: nothing.
{"id":12,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/canary.tfvars"},"position":{"line":1,"character":17}}}
# A JSON document: keys come quoted, and hover reads JSON keys.
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/canary.tfvars.json","languageId":"json","version":1,"text":"@file:docs/canary.tfvars.json"}}}
{"id":13,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/canary.tfvars.json"},"position":{"line":3,"character":34}}}
{"id":14,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/canary.tfvars.json"},"position":{"line":3,"character":30}}}
# Inside a key's quotes, after its first letter: names without quotes, replacing the letter.
{"id":15,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/canary.tfvars.json"},"position":{"line":3,"character":32}}}
{"id":16,"method":"shutdown"}
{"method":"exit"}

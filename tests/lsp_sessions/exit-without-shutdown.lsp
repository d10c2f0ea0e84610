# exit without shutdown ends the process with code 1, as the protocol says.
{"id":1,"method":"initialize","params":{"capabilities":{}}}
{"method":"initialized","params":{}}
{"method":"exit"}

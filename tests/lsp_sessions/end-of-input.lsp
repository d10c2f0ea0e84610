# The client goes away after shutdown, without exit: code 0. (A frame cut short is not read.)
{"id":1,"method":"initialize","params":{"capabilities":{}}}
{"id":2,"method":"shutdown"}
raw "Content-Length: 100\r\n\r\n{\"method\":"

module gojs.test/wasip1

go 1.24

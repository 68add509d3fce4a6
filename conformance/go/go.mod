module gojs.test/corpus

go 1.27

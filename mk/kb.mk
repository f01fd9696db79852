# Knowledge base (issue 2): the tests search the built SQLite knowledge base, so build it first.
test: kb
test-kb: kb

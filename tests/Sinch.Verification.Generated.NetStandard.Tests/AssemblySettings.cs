// No shared state between tests: each builds its own client and fake server.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

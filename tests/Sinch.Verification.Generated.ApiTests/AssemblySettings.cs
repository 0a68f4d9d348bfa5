// Reflection only, no shared state: the tests may run in parallel.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

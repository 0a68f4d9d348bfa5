// Every test starts its own emulator (and callback receiver) on free loopback ports, so tests
// share nothing and can run side by side.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

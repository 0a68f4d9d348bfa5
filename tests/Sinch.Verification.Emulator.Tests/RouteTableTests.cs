using System;
using System.Linq;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated.Tests.Contract;

namespace Sinch.Verification.Emulator.Tests;

/// <summary>The emulator's route table (ApiHandler.Routes) is the spec's list of operations: nothing falls through to a default.</summary>
[TestClass]
public sealed class RouteTableTests
{
    [TestMethod]
    public void Every_operation_of_the_spec_has_exactly_one_route_with_its_verb_and_path()
    {
        foreach (var operation in SpecOperations.All)
        {
            var routes = ApiHandler.Routes.Where(r => r.OperationId == operation.OperationId).ToList();
            Assert.HasCount(1, routes, $"{operation.OperationId} ({operation.Verb.ToUpperInvariant()} {operation.PathTemplate}): add one row to ApiHandler.Routes in src/Sinch.Verification.Emulator/Api/ApiHandler.cs and its handler");
            Assert.AreEqual(operation.Verb, routes[0].Verb, true, operation.OperationId);
            Assert.AreEqual(operation.PathTemplate, routes[0].PathTemplate, operation.OperationId);
        }
    }

    [TestMethod]
    public void Every_route_serves_an_operation_of_the_spec()
    {
        var operations = SpecOperations.All.Select(o => o.OperationId).ToHashSet(StringComparer.Ordinal);
        var strays = ApiHandler.Routes.Where(r => !operations.Contains(r.OperationId)).Select(r => r.OperationId).ToList();
        Assert.IsEmpty(strays, "routes for operations the spec does not have");
    }
}

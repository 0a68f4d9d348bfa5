using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NJsonSchema;
using Sinch.Verification.Emulator.Validation;

namespace Sinch.Verification.Emulator.Tests;

[TestClass]
public sealed class SpecSchemasTests
{
    // Every open set the request bodies use is validated as the plain string it is equivalent
    // to: NJsonSchema would otherwise try each anyOf branch on every request (the load test
    // spent a quarter of its time there). Guards the shape SpecSchemas recognises.
    [TestMethod]
    public async Task Open_value_sets_in_request_bodies_are_validated_as_plain_strings()
    {
        var schemas = await SpecSchemas.GetAsync(CancellationToken.None);

        var method = schemas.StartVerificationRequest.ActualProperties["method"].ActualSchema;
        var codeType = schemas.StartVerificationRequest.ActualProperties["smsOptions"].ActualSchema.ActualProperties["codeType"].ActualSchema;
        var reportMethod = schemas.ReportVerificationRequest.ActualProperties["method"].ActualSchema;

        foreach (var schema in new[] { method, codeType, reportMethod })
        {
            Assert.IsEmpty(schema.AnyOf, "an open set left as anyOf");
            Assert.AreEqual(JsonObjectType.String, schema.Type);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NSwag;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Generated.Tests.Contract;

/// <summary>
/// The operations of the spec (its paths, in the spec's order; callbacks are not client methods),
/// each of which can call its generated method on <see cref="IVerificationClient"/> with the
/// spec's own examples: tests enumerate these instead of keeping a list of operations, so a new
/// operation in the spec is exercised without a line of C# (a test that cannot build its call
/// fails, naming the operationId). Also compiled into Sinch.Verification.Emulator.Tests.
/// </summary>
internal static class SpecOperations
{
    private static readonly Lazy<IReadOnlyList<SpecOperation>> Loaded = new(() =>
    {
        var document = SpecDocument.LoadAsync().GetAwaiter().GetResult();
        return (from path in document.Paths
                from verb in path.Value
                select new SpecOperation(verb.Value.OperationId, verb.Key.ToUpperInvariant(), path.Key, verb.Value)).ToList();
    });

    public static IReadOnlyList<SpecOperation> All => Loaded.Value;

    /// <summary>One data row per operation, shown by its operationId, for <c>[DynamicData]</c>.</summary>
    public static IEnumerable<TestDataRow<string>> Rows => All.Select(o => new TestDataRow<string>(o.OperationId) { DisplayName = o.OperationId });

    public static SpecOperation Get(string operationId) =>
        All.SingleOrDefault(o => o.OperationId == operationId) ?? throw new AssertFailedException($"the spec has no operation {operationId}");
}

/// <summary>One operation of the spec and the call of its client method built from the spec's examples.</summary>
internal sealed class SpecOperation(string operationId, string verb, string pathTemplate, OpenApiOperation operation)
{
    private static readonly JsonSerializer Json = VerificationJson.CreateSerializer();

    public string OperationId { get; } = operationId;

    /// <summary>Upper case, as sent (<c>GET</c>).</summary>
    public string Verb { get; } = verb;

    /// <summary>The spec's path, relative to the server URL (<c>/verifications/id/{id}</c>).</summary>
    public string PathTemplate { get; } = pathTemplate;

    public OpenApiOperation Operation { get; } = operation;

    /// <summary>The client method NSwag generated for the operationId, as the generated operation table names it.</summary>
    public string MethodName =>
        Sinch.Verification.Generated.Diagnostics.VerificationOperation.All.SingleOrDefault(o => o.Name == OperationId)?.ClientMethodName
        ?? throw Fail("the generated operation table (VerificationOperation.All) has no row for it");

    /// <summary>The generated method of this operation.</summary>
    public MethodInfo Method =>
        typeof(IVerificationClient).GetMethod(MethodName) ?? throw Fail($"IVerificationClient has no method {MethodName}");

    /// <summary>The JSON body of the request, if the operation has one.</summary>
    public OpenApiMediaType? RequestMedia =>
        Operation.RequestBody?.ActualRequestBody is { } body
            ? body.Content.TryGetValue("application/json", out var media) ? media : throw Fail("its request body has no application/json content")
            : null;

    /// <summary>The examples of the request body, by name (<c>example</c> alone is named "example").</summary>
    public IReadOnlyList<(string Name, JToken Value)> RequestExamples => Examples(RequestMedia);

    /// <summary>The first 2xx response and its status code; null when the spec declares none.</summary>
    public (int Status, OpenApiResponse Response)? Success =>
        Operation.ActualResponses
            .Where(r => r.Key.Length == 3 && r.Key[0] == '2' && int.TryParse(r.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => ((int Status, OpenApiResponse Response)?)(int.Parse(r.Key, CultureInfo.InvariantCulture), r.Value.ActualResponse))
            .FirstOrDefault();

    /// <summary>The examples of the 2xx response's JSON body, by name.</summary>
    public IReadOnlyList<(string Name, JToken Value)> ResponseExamples =>
        Success?.Response.Content.TryGetValue("application/json", out var media) == true ? Examples(media) : Array.Empty<(string, JToken)>();

    /// <summary>The spec's example of a parameter (<c>example</c>, else the first of <c>examples</c>), or null.</summary>
    public static JToken? ExampleOf(OpenApiParameter parameter) =>
        parameter.Example is { } example ? ToToken(example)
        : parameter.Examples?.Values.FirstOrDefault()?.Value is { } first ? ToToken(first)
        : null;

    /// <summary>
    /// The arguments of <see cref="Method"/>: each path, query or header parameter that is
    /// required from its example (optional ones at their default, null), the request body from its first
    /// example (or the one named <paramref name="requestExample"/>), read with the SDK's JSON
    /// rules into the parameter's type, and the cancellation token.
    /// </summary>
    /// <param name="values">Values to pass instead of the examples, by the spec's parameter name.</param>
    public object?[] Arguments(CancellationToken cancellationToken, string? requestExample = null, IReadOnlyDictionary<string, object?>? values = null)
    {
        var specParameters = Operation.ActualParameters.ToList();
        var bodyUsed = false;
        var arguments = new List<object?>();
        foreach (var parameter in Method.GetParameters())
        {
            if (parameter.ParameterType == typeof(CancellationToken))
            {
                arguments.Add(cancellationToken);
                continue;
            }

            // NSwag lists the request body among the parameters too (Kind Body, named by x-name).
            var spec = specParameters.FirstOrDefault(p => Comparable(p.OriginalName ?? p.Name) == Comparable(parameter.Name!));
            if (spec is { Kind: not OpenApiParameterKind.Body })
            {
                if (values is not null && values.TryGetValue(spec.Name, out var given))
                {
                    arguments.Add(given);
                }
                else if (!spec.IsRequired)
                {
                    arguments.Add(parameter.HasDefaultValue ? parameter.DefaultValue : null);
                }
                else
                {
                    var example = ExampleOf(spec) ?? throw Fail($"the required {spec.Kind.ToString().ToLowerInvariant()} parameter {spec.Name} has no example");
                    arguments.Add(Read(example, parameter, $"the example of parameter {spec.Name}"));
                }
            }
            else if (RequestMedia is not null && !bodyUsed)
            {
                bodyUsed = true;
                var examples = RequestExamples;
                if (examples.Count == 0)
                {
                    throw Fail("its request body has no example");
                }

                var (name, value) = requestExample is null ? examples[0] : examples.SingleOrDefault(e => e.Name == requestExample);
                arguments.Add(Read(value ?? throw Fail($"its request body has no example {requestExample}"), parameter, $"request example {name}"));
            }
            else
            {
                throw Fail($"{MethodName} has a parameter {parameter.Name} that matches no parameter of the spec (and no request body)");
            }
        }

        return arguments.ToArray();
    }

    /// <summary>Calls the operation's method with <see cref="Arguments"/>; the result, or null for an operation without a response body.</summary>
    public async Task<object?> InvokeAsync(IVerificationClient client, CancellationToken cancellationToken, string? requestExample = null, IReadOnlyDictionary<string, object?>? values = null)
    {
        Task task;
        try
        {
            task = (Task)Method.Invoke(client, Arguments(cancellationToken, requestExample, values))!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        await task.ConfigureAwait(false);
        // The declared Task<T>: the runtime type of the task is a state machine box deriving from it.
        var declared = Method.ReturnType;
        return declared.IsGenericType ? declared.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    /// <summary>
    /// The path and query the call built from the examples must send, relative to the base URL:
    /// the template with each path parameter's example, a phone number (<c>format: e164</c>)
    /// as is with its literal '+', anything else percent-encoded; required query parameters after.
    /// </summary>
    public string ExpectedPathAndQuery
    {
        get
        {
            var path = PathTemplate;
            var query = new List<string>();
            foreach (var parameter in Operation.ActualParameters)
            {
                if (parameter.Kind == OpenApiParameterKind.Path)
                {
                    var text = Text(ExampleOf(parameter) ?? throw Fail($"the path parameter {parameter.Name} has no example"));
                    path = path.Replace("{" + parameter.Name + "}", parameter.ActualSchema.Format == "e164" ? text : Uri.EscapeDataString(text), StringComparison.Ordinal);
                }
                else if (parameter.Kind == OpenApiParameterKind.Query && parameter.IsRequired)
                {
                    var text = Text(ExampleOf(parameter) ?? throw Fail($"the required query parameter {parameter.Name} has no example"));
                    query.Add(Uri.EscapeDataString(parameter.Name) + "=" + Uri.EscapeDataString(text));
                }
            }

            return query.Count == 0 ? path : path + "?" + string.Join("&", query);
        }
    }

    /// <summary>The path parameters that are phone numbers (<c>format: e164</c>): checked by the client, sent with a literal '+'.</summary>
    public IReadOnlyList<string> PhoneNumberPathParameters =>
        Operation.ActualParameters.Where(p => p.Kind == OpenApiParameterKind.Path && p.ActualSchema.Format == "e164").Select(p => p.Name).ToList();

    public override string ToString() => $"{OperationId} ({Verb} {PathTemplate})";

    private AssertFailedException Fail(string problem) => new($"{OperationId}: {problem}");

    private object? Read(JToken example, ParameterInfo parameter, string what)
    {
        try
        {
            return example.ToObject(parameter.ParameterType, Json);
        }
        catch (JsonException e)
        {
            throw Fail($"{what} does not read as {parameter.ParameterType.Name} ({parameter.Name} of {MethodName}): {e.Message}");
        }
    }

    private static IReadOnlyList<(string Name, JToken Value)> Examples(OpenApiMediaType? media)
    {
        if (media is null)
        {
            return Array.Empty<(string, JToken)>();
        }

        var examples = media.Examples.Select(e => (e.Key, ToToken(e.Value.Value))).ToList();
        if (media.Example is { } single)
        {
            examples.Insert(0, ("example", ToToken(single)));
        }

        return examples;
    }

    // A C# parameter and its spec parameter (or its x-originalName) by letters and digits, case ignored.
    private static string Comparable(string name) => new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static string Text(JToken value) => value.Type == JTokenType.String ? (string)value! : value.ToString(Formatting.None);

    private static JToken ToToken(object value) => value as JToken ?? JToken.FromObject(value);
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Sinch.Verification.Emulator.Api;

/// <summary>One operation of the spec as the emulator serves it (a row of <see cref="ApiHandler.Routes"/>).</summary>
internal sealed class ApiRoute
{
    private readonly string[] _segments;

    public ApiRoute(string operationId, string verb, string pathTemplate, Func<ApiHandler, ApiCall, Task<object>> serve)
    {
        OperationId = operationId;
        Verb = verb;
        PathTemplate = pathTemplate;
        Serve = serve;
        _segments = pathTemplate.Trim('/').Split('/');
        LiteralSegments = _segments.Count(s => !IsParameter(s));
    }

    /// <summary>The spec's operationId (also the operation named in logs).</summary>
    public string OperationId { get; }

    public string Verb { get; }

    /// <summary>The path as the spec writes it, e.g. <c>/verifications/id/{id}</c>.</summary>
    public string PathTemplate { get; }

    public Func<ApiHandler, ApiCall, Task<object>> Serve { get; }

    public int LiteralSegments { get; }

    /// <summary>The values of the template's {parameters} for these decoded segments, or null when the path is not this template.</summary>
    public IReadOnlyDictionary<string, string>? Bind(string[] segments)
    {
        if (segments.Length != _segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsParameter(_segments[i]))
            {
                values[_segments[i].Substring(1, _segments[i].Length - 2)] = segments[i];
            }
            else if (!string.Equals(segments[i], _segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return values;
    }

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}

/// <summary>One request to an operation: its context, the values of the path's {parameters}, the raw body and its Content-Type.</summary>
internal sealed record ApiCall(HttpContext Context, IReadOnlyDictionary<string, string> Values, ReadOnlyMemory<byte> Body, string? ContentType)
{
    /// <summary>The value of the path parameter <paramref name="name"/> (decoded once).</summary>
    public string this[string name] => Values[name];
}

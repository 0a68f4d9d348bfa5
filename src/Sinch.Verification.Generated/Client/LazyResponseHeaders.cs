using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;

namespace Sinch.Verification.Generated;

/// <summary>
/// The response and content headers of one response, as the generated client passes them to
/// <see cref="VerificationApiException"/> and ReadObjectResponseAsync. Only error paths read
/// them, so they are copied on first read instead of into a dictionary on every success
/// (build/templates/Client.Class.liquid, edit 4). The exception reads them while the response is
/// still open, and keeps the copy.
/// </summary>
internal sealed class LazyResponseHeaders : IReadOnlyDictionary<string, IEnumerable<string>>
{
    private readonly HttpResponseMessage _response;
    private Dictionary<string, IEnumerable<string>>? _headers;

    public LazyResponseHeaders(HttpResponseMessage response) => _response = response;

    public int Count => Headers.Count;

    public IEnumerable<string> Keys => Headers.Keys;

    public IEnumerable<IEnumerable<string>> Values => Headers.Values;

    public IEnumerable<string> this[string key] => Headers[key];

    private Dictionary<string, IEnumerable<string>> Headers => _headers ??= Copy(_response);

    public bool ContainsKey(string key) => Headers.ContainsKey(key);

#if NET
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IEnumerable<string> value) => Headers.TryGetValue(key, out value);
#else
    public bool TryGetValue(string key, out IEnumerable<string> value) => Headers.TryGetValue(key, out value!);
#endif

    public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() => Headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Same contents as NSwag's own copy: response headers, then content headers.
    private static Dictionary<string, IEnumerable<string>> Copy(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>();
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value;
        }

        if (response.Content is not null)
        {
            foreach (var header in response.Content.Headers)
            {
                headers[header.Key] = header.Value;
            }
        }

        return headers;
    }
}

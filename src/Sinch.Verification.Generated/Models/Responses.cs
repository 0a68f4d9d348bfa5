using System;
using System.Collections.Generic;
using System.Net.Http;
using Newtonsoft.Json;
using Sinch.Verification.Generated.Authentication;

namespace Sinch.Verification.Generated;

// The hand-written halves of generated response DTOs (their summaries come from the spec): what
// the wire form does not give directly - a response header, a typed timestamp.
public partial class StartVerificationResponse : IReadsResponseHeaders
{
    /// <summary>
    /// The response's <c>Content-Language</c> header: the language Sinch chose for the SMS text
    /// after the request's <c>Accept-Language</c>. Null when the response has none.
    /// </summary>
    [JsonIgnore]
    public string? ContentLanguage { get; set; }

    void IReadsResponseHeaders.ReadHeaders(HttpResponseMessage response)
    {
        if (response.Content?.Headers.ContentLanguage is { Count: > 0 } languages)
        {
            ContentLanguage = string.Join(", ", languages);
        }
    }
}

public partial class VerificationStatusResponse
{
    /// <summary>
    /// <see cref="VerificationTimestamp"/> as a UTC time. Sinch sends it without an offset
    /// (<c>2024-05-22T09:38:59.5590437</c>) and means UTC; a value with an offset is honoured.
    /// Null when absent or unreadable (the raw string stays in <see cref="VerificationTimestamp"/>).
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? VerificationTime =>
        ApplicationSigner.TryParseTimestamp(VerificationTimestamp, out var time) ? time : null;
}

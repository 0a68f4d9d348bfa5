using System.Net.Http;

namespace Sinch.Verification.Generated;

/// <summary>
/// A response DTO that also keeps a header of the response it was read from. The generated
/// client returns DTOs, not wrapped responses, so the headers the spec declares on a success
/// (<c>Content-Language</c> of a start) have no other way to the caller:
/// ReadObjectResponseAsync (build/templates/Client.Class.ReadObjectResponse.liquid) hands the
/// response to every DTO that implements this.
/// </summary>
internal interface IReadsResponseHeaders
{
    void ReadHeaders(HttpResponseMessage response);
}

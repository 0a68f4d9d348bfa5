using Microsoft.Extensions.DependencyInjection;

namespace Sinch.Verification.Generated;

/// <summary>Creates the named clients registered with <c>AddSinchVerificationClient</c>.</summary>
public interface IVerificationClientFactory
{
    /// <summary>The client registered under <paramref name="name"/>. Cheap: create one per use or keep it.</summary>
    IVerificationClient CreateClient(string name = SinchVerificationServiceCollectionExtensions.DefaultName);
}

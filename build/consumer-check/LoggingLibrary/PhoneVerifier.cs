using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Sinch.Verification.Generated;

namespace LoggingLibrary;

/// <summary>What a user's library looks like: the SDK's client plus its own [LoggerMessage] logs.</summary>
public sealed partial class PhoneVerifier(IVerificationClient client, ILogger<PhoneVerifier> logger)
{
    public async Task<string> StartAsync(string number, CancellationToken cancellationToken)
    {
        var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number), cancellationToken: cancellationToken).ConfigureAwait(false);
        Started(logger, started.Id);
        return started.Id;
    }

    [LoggerMessage(1, LogLevel.Information, "Verification {Id} started")]
    private static partial void Started(ILogger logger, string id);
}

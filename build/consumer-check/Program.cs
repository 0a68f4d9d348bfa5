// The consumer check (build/consumer-check/run.sh): what a user writes after `dotnet add package`.
// Starts the emulator in-process, verifies a number by SMS with the client, and checks what the
// packages put into the app: the spec as a content file, the callback endpoint package.
// Exit code 0 means the packages work from a plain NuGet reference.
using System.Reflection;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.AspNetCore;

const string Key = "consumer-check";
var secret = Convert.ToBase64String("consumer-check-secret-32-bytes!!"u8.ToArray());
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var ct = timeout.Token;

await using var emulator = await VerificationEmulator.StartAsync(new EmulatorOptions { ApplicationKey = Key, ApplicationSecret = secret }, ct);
using var client = VerificationClient.Create(new VerificationClientOptions
{
    ApplicationKey = Key,
    ApplicationSecret = secret,
    BaseUrl = emulator.BaseUrl,
});

var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms("+46700000000", reference: "consumer-check"), cancellationToken: ct);
var sms = emulator.Outbox.GetByVerificationId(started.Id) ?? throw new InvalidOperationException("the emulator's outbox has no SMS for " + started.Id);
var report = await client.ReportVerificationByIdAsync(started.Id, ReportVerificationRequest.ForSms(sms.Code), ct);
var status = await client.GetVerificationByReferenceAsync("consumer-check", ct);

Check(report.Status == VerificationStatus.Successful, $"report status is {report.Status}, expected SUCCESSFUL");
Check(status.Status == VerificationStatus.Successful, $"status by reference is {status.Status}, expected SUCCESSFUL");

var spec = Path.Combine(AppContext.BaseDirectory, "spec", "sinch-verification.yaml");
Check(File.Exists(spec) && File.ReadAllText(spec).Contains("operationId: startVerification", StringComparison.Ordinal), "the package's spec content file is not in the output: " + spec);

var library = typeof(VerificationClient).Assembly;
Check(typeof(ISinchVerificationCallbackHandler).Assembly.GetName().Name == "Sinch.Verification.Generated.AspNetCore", "the AspNetCore package is missing");

var version = library.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
// [LoggerMessage] in an app that gets Microsoft.AspNetCore.App through the AspNetCore package
// compiles as usual (LoggingLibrary/ covers netstandard2.0, where the generators would clash).
AppLog.Verified(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, report.Status?.ToString() ?? "");
Console.WriteLine($"consumer check: Sinch.Verification.Generated {version} from a package: SMS verification {report.Status}, spec content file present");
return 0;

static void Check(bool condition, string failure)
{
    if (!condition)
    {
        Console.Error.WriteLine("consumer check FAILED: " + failure);
        Environment.Exit(1);
    }
}

static partial class AppLog
{
    [Microsoft.Extensions.Logging.LoggerMessage(1, Microsoft.Extensions.Logging.LogLevel.Information, "Verification ended {Status}")]
    public static partial void Verified(Microsoft.Extensions.Logging.ILogger logger, string status);
}

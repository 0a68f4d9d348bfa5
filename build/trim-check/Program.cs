// The trimmed / NativeAOT user's app of build/trim-check/run.sh: against an emulator started by
// the CLI, an SMS start with identity, the PIN from the emulator's outbox, a report and a status
// read, each answer checked. Prints one line per step and "trim check app: OK" or exits 1.
using System.Text.Json;
using Sinch.Verification.Generated;

var root = new Uri(args[0]); // the emulator, e.g. http://127.0.0.1:5123/
var key = args[1];
var secret = Environment.GetEnvironmentVariable("SINCH_APPLICATION_SECRET") ?? throw new InvalidOperationException("SINCH_APPLICATION_SECRET is not set");
const string number = "+46700000123";
var reference = "trim-check-" + Guid.NewGuid().ToString("N");

using var client = VerificationClient.Create(new VerificationClientOptions
{
    ApplicationKey = key,
    ApplicationSecret = secret,
    BaseUrl = new Uri(root, "verification/v1"),
});

var started = await client.StartVerificationAsync(StartVerificationRequest.ForSms(number, reference));
Check(!string.IsNullOrEmpty(started.Id), "the start answer has an id");
Check(started.Method == VerificationMethod.Sms, $"the start answer's method is sms (got {started.Method})");
Console.WriteLine($"started: id {started.Id}, method {started.Method}");

// The emulator's outbox (not Sinch's API), read with System.Text.Json's DOM (no reflection).
using var http = new HttpClient();
using var outbox = JsonDocument.Parse(await http.GetStringAsync(new Uri(root, "emulator/outbox?number=%2B46700000123")));
var code = outbox.RootElement.EnumerateArray()
    .Where(m => m.GetProperty("verificationId").GetString() == started.Id)
    .Select(m => m.GetProperty("code").GetString())
    .SingleOrDefault();
Check(!string.IsNullOrEmpty(code), "the outbox holds the SMS of this verification");

var pending = await client.GetVerificationByIdAsync(started.Id!);
Check(pending.Status == VerificationStatus.Pending, $"the status before the report is PENDING (got {pending.Status})");
Check(pending.Identity?.Endpoint == number, "the status carries the number the start sent");
Check(pending.Reference == reference, "the status carries the reference the start sent");

var reported = await client.ReportVerificationByIdAsync(started.Id!, ReportVerificationRequest.ForSms(code!));
Check(reported.Status == VerificationStatus.Successful, $"the report answers SUCCESSFUL (got {reported.Status})");
Console.WriteLine($"reported: {reported.Status}");

var status = await client.GetVerificationByIdAsync(started.Id!);
Check(status.Status == VerificationStatus.Successful, $"the status after the report is SUCCESSFUL (got {status.Status})");
Check(status.Method == VerificationMethod.Sms, $"the status's method is sms (got {status.Method})");
Console.WriteLine($"status: {status.Status}, method {status.Method}, reference {status.Reference}");

Console.WriteLine("trim check app: OK");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.Error.WriteLine($"trim check app: FAILED: {what}");
        Environment.Exit(1);
    }
}

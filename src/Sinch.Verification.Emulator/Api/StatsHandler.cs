using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Emulator.State;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// <c>GET /emulator/stats</c>: what the emulator holds and has dropped, and the retention that
/// bounds it. <b>Not part of Sinch's API</b> and not authenticated, like the outbox. The same
/// counts are metrics of the meter <see cref="EmulatorService.MeterName"/>.
/// <c>{"verifications","pendingVerifications","outboxMessages","evictions","retention","maxEndedVerifications"}</c>.
/// </summary>
internal sealed class StatsHandler
{
    public const string Path = "/emulator/stats";

    private readonly VerificationStore _store;
    private readonly EmulatorOutbox _outbox;
    private readonly Retention _retention;
    private readonly ILogger _logger;

    public StatsHandler(VerificationStore store, EmulatorOutbox outbox, Retention retention, ILogger logger)
    {
        _store = store;
        _outbox = outbox;
        _retention = retention;
        _logger = logger;
    }

    public Task HandleAsync(HttpContext context) => HttpExchange.RunAsync(context, _logger, Execute);

    private Task<object> Execute(HttpContext context)
    {
        HttpExchange.GetOnly(context, "stats");

        return Task.FromResult<object>(new JObject
        {
            ["verifications"] = _store.Count,
            ["pendingVerifications"] = _store.PendingCount,
            ["outboxMessages"] = _outbox.Count,
            ["evictions"] = _retention.Evictions,
            ["retention"] = _retention.Keep.ToString("c", CultureInfo.InvariantCulture),
            ["maxEndedVerifications"] = _retention.MaxEnded,
        });
    }
}

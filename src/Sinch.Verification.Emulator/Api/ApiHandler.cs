using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Sinch.Verification.Emulator.Authentication;
using Sinch.Verification.Emulator.State;
using Sinch.Verification.Emulator.State.Methods;
using Sinch.Verification.Emulator.Validation;
using Sinch.Verification.Generated;

namespace Sinch.Verification.Emulator.Api;

/// <summary>
/// Sinch's Verification API under <c>/verification/v1</c>: route → read body → authenticate →
/// validate → <see cref="VerificationEngine"/>. Routing matches the path segments against
/// <see cref="Routes"/>, one row per operation of the spec, so every unknown path or verb gets
/// Sinch's error shape (404/40400, 405/40500) rather than a framework default.
/// </summary>
internal sealed class ApiHandler
{
    /// <summary>Where the API lives, as on Sinch's hosts.</summary>
    public const string Prefix = "/verification/v1";

    private readonly VerificationEngine _engine;
    private readonly RequestAuthenticator _authenticator;
    private readonly int _maxBodyBytes;
    private readonly ILogger _logger;
    private RequestValidator? _validator;

    public ApiHandler(VerificationEngine engine, RequestAuthenticator authenticator, int maxBodyBytes, ILogger logger)
    {
        _engine = engine;
        _authenticator = authenticator;
        _maxBodyBytes = maxBodyBytes;
        _logger = logger;
    }

    /// <summary>
    /// The operations of the spec, one row each: operationId, verb, path template exactly as the
    /// spec writes it, and what serves it. Requests are matched against these rows only, so an
    /// operation is served by its row or not at all (404/405 in Sinch's shape), never by a
    /// default branch; a test compares the rows with the spec's operations.
    /// </summary>
    internal static readonly IReadOnlyList<ApiRoute> Routes = new ApiRoute[]
    {
        new("startVerification", HttpMethods.Post, "/verifications", static (api, call) => api.StartAsync(call)),
        new("reportVerificationByIdentity", HttpMethods.Put, "/verifications/number/{endpoint}", static (api, call) => Task.FromResult<object>(api.ReportByIdentity(call))),
        new("reportVerificationById", HttpMethods.Put, "/verifications/id/{id}", static (api, call) => Task.FromResult<object>(api.ReportById(call))),
        new("getVerificationById", HttpMethods.Get, "/verifications/id/{id}", static (api, call) => Task.FromResult<object>(api._engine.GetById(call["id"]))),
        new("getVerificationByReference", HttpMethods.Get, "/verifications/reference/{reference}", static (api, call) => Task.FromResult<object>(api._engine.GetByReference(call["reference"]))),
        new("getVerificationByIdentity", HttpMethods.Get, "/verifications/{method}/number/{endpoint}", static (api, call) => Task.FromResult<object>(api.GetByIdentity(call))),
    };

    public Task HandleAsync(HttpContext context) => HttpExchange.RunAsync(context, _logger, ExecuteAsync);

    private async Task<object> ExecuteAsync(HttpContext context)
    {
        var request = context.Request;
        var (route, values) = Match(request.Method, HttpExchange.RouteSegments(context));
        HttpExchange.SetOperation(context, route.OperationId);

        var body = await HttpExchange.ReadBodyAsync(request, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var contentType = HttpExchange.Header(request, HeaderNames.ContentType);
        _authenticator.Authenticate(request.Method, HttpExchange.RawPath(context), contentType, body.Span,
            HttpExchange.Header(request, HeaderNames.Authorization), HttpExchange.Header(request, "x-timestamp"));

        // Cached after the first request; the spec is loaded once per process.
        _validator ??= new RequestValidator(await SpecSchemas.GetAsync(context.RequestAborted).ConfigureAwait(false));
        return await route.Serve(this, new ApiCall(context, values, body, contentType)).ConfigureAwait(false);
    }

    private async Task<object> StartAsync(ApiCall call)
    {
        RequireJson(call.ContentType);
        var start = _validator!.ValidateStart(JsonBody.Parse(call.Body));
        var request = call.Context.Request;
        var acceptLanguage = HttpExchange.Header(request, HeaderNames.AcceptLanguage);
        var started = await _engine.StartAsync(start, HostBase(request), acceptLanguage).ConfigureAwait(false);

        // Accept-Language picks the SMS language, and Content-Language names the one
        // used (the default when none asked for is supported); other methods send no SMS.
        if (MethodBehaviours.Of(start.Method).SendsSms && SmsLanguages.Choose(acceptLanguage) is { } language)
        {
            call.Context.Response.Headers.ContentLanguage = language.Tag;
        }

        return started;
    }

    private ReportVerificationResponse ReportByIdentity(ApiCall call)
    {
        var number = RequireNumber(call);
        RequireJson(call.ContentType);
        return _engine.ReportByIdentity(number, _validator!.ValidateReport(JsonBody.Parse(call.Body)));
    }

    private ReportVerificationResponse ReportById(ApiCall call)
    {
        RequireJson(call.ContentType);
        return _engine.ReportById(call["id"], _validator!.ValidateReport(JsonBody.Parse(call.Body)));
    }

    private VerificationStatusResponse GetByIdentity(ApiCall call)
    {
        var method = MethodBehaviours.Of(VerificationMethod.Parse(call["method"])).Method;
        return _engine.GetByIdentity(method, RequireNumber(call));
    }

    private static string RequireNumber(ApiCall call)
    {
        RequireLiteralPlus(call.Context);
        var number = call["endpoint"];
        RequestValidator.ValidateNumber(number);
        return number;
    }

    // The spec (format e164, decision 5) and every official client put a number's '+' into the
    // path literally. Whether Sinch forgives %2B is not documented; a client that sends it would
    // pass here and might fail in production, so the emulator refuses it and says why.
    private static void RequireLiteralPlus(HttpContext context)
    {
        // {endpoint} is the last segment of every route that has one; dot segments resolved.
        var raw = HttpExchange.RawRouteSegments(context);
        if (raw.Length > 0 && raw[^1].StartsWith("%2B", StringComparison.OrdinalIgnoreCase))
        {
            throw new EmulatorApiException(ErrorCodes.NumberWithoutPlus,
                "Invalid parameter endpoint: send the number's '+' literally in the path (/number/+46...), not percent-encoded as %2B; the path is signed as sent.");
        }
    }

    // The row whose template matches the decoded path segments after /verification/v1 (the most
    // literal segments win: `id` over `{method}`), with the values of its {parameters}; a path that
    // matches rows of other verbs only is 405 with their verbs in Allow.
    private static (ApiRoute Route, IReadOnlyDictionary<string, string> Values) Match(string verb, string[] segments)
    {
        var matching = Routes
            .Select(route => (Route: route, Values: route.Bind(segments)))
            .Where(m => m.Values is not null)
            .ToList();
        if (matching.Count == 0)
        {
            throw EmulatorApiException.NotFound("Resource");
        }

        var best = matching.Max(m => m.Route.LiteralSegments);
        matching = matching.Where(m => m.Route.LiteralSegments == best).ToList();
        foreach (var (route, values) in matching)
        {
            if (HttpMethods.Equals(verb, route.Verb))
            {
                return (route, values!);
            }
        }

        throw EmulatorApiException.MethodNotAllowed(string.Join(", ", matching.Select(m => m.Route.Verb).OrderBy(v => v, StringComparer.Ordinal)));
    }

    // Sinch takes JSON only; a charset other than UTF-8 would change the bytes the schema sees.
    private static void RequireJson(string? contentType)
    {
        // A quoted charset (charset="utf-8") is the same parameter (RFC 9110 §5.6.6).
        var charset = MediaTypeHeaderValue.TryParse(contentType, out var media) ? HeaderUtilities.RemoveQuotes(media.Charset) : default;
        if (media is not null
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && (!charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new EmulatorApiException(ErrorCodes.UnsupportedMediaType, "Unsupported Content-Type: send application/json.");
    }

    // The scheme, host and path base the client used, for _links and seamless target URIs.
    internal static string? HostBase(HttpRequest request) =>
        request.Host.HasValue ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}" : null;

}

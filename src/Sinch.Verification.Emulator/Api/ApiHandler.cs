using System;
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
/// validate → <see cref="VerificationEngine"/>. Routing is a plain match on the path segments,
/// so every unknown path or verb gets Sinch's error shape (404/40400, 405/40500) rather than a
/// framework default.
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

    private enum Operation
    {
        StartVerification,
        ReportVerificationByIdentity,
        ReportVerificationById,
        GetVerificationById,
        GetVerificationByReference,
        GetVerificationByIdentity,
    }

    public Task HandleAsync(HttpContext context) => HttpExchange.RunAsync(context, _logger, ExecuteAsync);

    private async Task<object> ExecuteAsync(HttpContext context)
    {
        var request = context.Request;
        var route = Match(request.Method, HttpExchange.RouteSegments(context));
        HttpExchange.SetOperation(context, route.Operation.ToString());

        var body = await HttpExchange.ReadBodyAsync(request, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var contentType = HttpExchange.Header(request, HeaderNames.ContentType);
        _authenticator.Authenticate(request.Method, HttpExchange.RawPath(context), contentType, body.Span,
            HttpExchange.Header(request, HeaderNames.Authorization), HttpExchange.Header(request, "x-timestamp"));

        // Cached after the first request; the spec is loaded once per process.
        var validator = _validator ??= new RequestValidator(await SpecSchemas.GetAsync(context.RequestAborted).ConfigureAwait(false));
        switch (route.Operation)
        {
            case Operation.StartVerification:
                RequireJson(contentType);
                var start = validator.ValidateStart(JsonBody.Parse(body));
                var acceptLanguage = HttpExchange.Header(request, HeaderNames.AcceptLanguage);
                var started = await _engine.StartAsync(start, HostBase(request), acceptLanguage).ConfigureAwait(false);

                // Accept-Language picks the SMS language, and Content-Language names the one
                // used (the default when none asked for is supported); other methods send no SMS.
                if (MethodBehaviours.Of(start.Method).SendsSms && SmsLanguages.Choose(acceptLanguage) is { } language)
                {
                    context.Response.Headers.ContentLanguage = language.Tag;
                }

                return started;

            case Operation.ReportVerificationByIdentity:
                RequireLiteralPlus(context);
                RequestValidator.ValidateNumber(route.Number);
                RequireJson(contentType);
                return _engine.ReportByIdentity(route.Number!, validator.ValidateReport(JsonBody.Parse(body)));

            case Operation.ReportVerificationById:
                RequireJson(contentType);
                return _engine.ReportById(route.Key!, validator.ValidateReport(JsonBody.Parse(body)));

            case Operation.GetVerificationById:
                return _engine.GetById(route.Key!);

            case Operation.GetVerificationByReference:
                return _engine.GetByReference(route.Key!);

            case Operation.GetVerificationByIdentity:
                var method = MethodBehaviours.Of(VerificationMethod.Parse(route.Key!)).Method;
                RequireLiteralPlus(context);
                RequestValidator.ValidateNumber(route.Number);
                return _engine.GetByIdentity(method, route.Number!);

            default:
                // Match() names every operation it routes to; one without a case here is a bug.
                throw new InvalidOperationException($"The emulator routes {route.Operation} but has no case for it in {nameof(ExecuteAsync)}.");
        }
    }

    // The spec (format e164, decision 5) and every official client put a number's '+' into the
    // path literally. Whether Sinch forgives %2B is not documented; a client that sends it would
    // pass here and might fail in production, so the emulator refuses it and says why.
    private static void RequireLiteralPlus(HttpContext context)
    {
        var raw = HttpExchange.RawPath(context).TrimEnd('/'); // routing ignores a trailing slash too
        if (raw.AsSpan(raw.LastIndexOf('/') + 1).StartsWith("%2B".AsSpan(), StringComparison.OrdinalIgnoreCase))
        {
            throw new EmulatorApiException(ErrorCodes.NumberWithoutPlus,
                "Invalid parameter endpoint: send the number's '+' literally in the path (/number/+46...), not percent-encoded as %2B; the path is signed as sent.");
        }
    }

    // The operations of the spec, matched on decoded path segments after /verification/v1.
    private static Route Match(string verb, string[] segments) => segments switch
    {
        ["verifications"] => Only(verb, HttpMethods.Post, new Route(Operation.StartVerification)),
        ["verifications", "number", var number] => Only(verb, HttpMethods.Put, new Route(Operation.ReportVerificationByIdentity, Number: number)),
        ["verifications", "id", var id] when HttpMethods.IsGet(verb) => new Route(Operation.GetVerificationById, Key: id),
        ["verifications", "id", var id] => Only(verb, HttpMethods.Put, new Route(Operation.ReportVerificationById, Key: id), alsoAllowed: HttpMethods.Get),
        ["verifications", "reference", var reference] => Only(verb, HttpMethods.Get, new Route(Operation.GetVerificationByReference, Key: reference)),
        ["verifications", var method, "number", var number] => Only(verb, HttpMethods.Get, new Route(Operation.GetVerificationByIdentity, method, number)),
        _ => throw EmulatorApiException.NotFound("Resource"),
    };

    private static Route Only(string verb, string expected, Route route, string? alsoAllowed = null) =>
        HttpMethods.Equals(verb, expected)
            ? route
            : throw EmulatorApiException.MethodNotAllowed(alsoAllowed is null ? expected : alsoAllowed + ", " + expected);

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

    private readonly record struct Route(Operation Operation, string? Key = null, string? Number = null);
}

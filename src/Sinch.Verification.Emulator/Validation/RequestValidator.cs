using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Emulator.State.Methods;
using Sinch.Verification.Generated;
using Sinch.Verification.Generated.Serialization;

namespace Sinch.Verification.Emulator.Validation;

/// <summary>
/// Validates request bodies and path values against the spec and maps the first problem to
/// Sinch's error codes: 40002 missing parameter, 40005 number without '+', 40003 invalid identity
/// or code, 40001 anything else.
/// </summary>
internal sealed class RequestValidator
{
    private readonly SpecSchemas _schemas;

    public RequestValidator(SpecSchemas schemas) => _schemas = schemas;

    public StartVerificationRequest ValidateStart(JToken body)
    {
        Validate(body, _schemas.StartVerificationRequest);
        var request = JsonBody.ToObject<StartVerificationRequest>(body);
        if (request.Identity.Type != IdentityType.Number)
        {
            throw new EmulatorApiException(ErrorCodes.InvalidIdentityOrCode, "Invalid identity: type must be 'number'.");
        }

        MethodBehaviours.Of(request.Method);
        if (request.Reference is { } reference && WhyNotAPathSegment(reference) is { } why)
        {
            throw EmulatorApiException.Validation($"Invalid parameter reference: {why}, so GET /verifications/reference/{{reference}} could never find it.");
        }

        return request;
    }

    public ReportVerificationRequest ValidateReport(JToken body)
    {
        // Official clients send the key `flashcall` as well as the spec's `flashCall`
        // (verification-api.md): read it as `flashCall`, and let the schema check it. Both
        // spellings in one body never get here (JsonBody refuses them).
        if (body is JObject fields && fields.Property("flashcall", StringComparison.Ordinal) is { } alias)
        {
            alias.Replace(new JProperty("flashCall", alias.Value));
        }

        Validate(body, _schemas.ReportVerificationRequest);
        var report = JsonBody.ToObject<ReportVerificationRequest>(body);
        var method = MethodBehaviours.Of(report.Method).Method;

        // The schema cannot say "the object of `method` is required"; the spec's x-sinch-method
        // (the generated MethodMembers) says which member that is, and the schema has checked
        // the object's own members when it is there.
        var member = ReportVerificationRequest.MethodMemberOf(method)
            ?? throw EmulatorApiException.Validation($"Invalid method: a {method.Value} verification cannot be reported; reports carry an object for {string.Join(", ", ReportVerificationRequest.MethodMembers.Select(m => m.Method.Value))} only.");
        if (member.GetValue(report) is null)
        {
            throw Missing(member.JsonName);
        }

        return report;
    }

    /// <summary>A callback's reply to a request event, read like a request body; an <see cref="EmulatorApiException"/> says why it is unusable.</summary>
    public VerificationRequestEventResponse ValidateReply(JToken body)
    {
        Validate(body, _schemas.VerificationRequestEventResponse);
        return JsonBody.ToObject<VerificationRequestEventResponse>(body);
    }

    /// <summary>Checks a phone number taken from a path or body: 40005 without '+', 40001 otherwise malformed.</summary>
    public static void ValidateNumber(string? number)
    {
        if (!PhoneNumbers.IsE164(number))
        {
            throw NumberError(number);
        }
    }

    private void Validate(JToken body, JsonSchema schema)
    {
        if (body.Type != JTokenType.Object)
        {
            throw EmulatorApiException.Validation("The request body must be a JSON object.");
        }

        if (FirstSchemaError(body, schema) is { } error)
        {
            throw ToApiError(error, body, isReport: ReferenceEquals(schema, _schemas.ReportVerificationRequest));
        }
    }

    /// <summary>
    /// The first problem of <paramref name="value"/> against <paramref name="schema"/>, innermost
    /// first; null when valid. NJsonSchema checks first, then <see cref="ApplySpecRules"/>, which
    /// also drops members spelled in another case than the spec's.
    /// </summary>
    private ValidationError? FirstSchemaError(JToken value, JsonSchema schema)
    {
        // A validator per call: it holds per-run state; the schema itself is shared and read-only.
        var errors = new JsonSchemaValidator().Validate(value, schema, SchemaType.OpenApi3);
        return Flatten(errors).FirstOrDefault() ?? ApplySpecRules(value, schema, string.Empty);
    }

    // What NJsonSchema does not check as JSON Schema means it: string limits (SpecStringRule) and
    // the range of `format: int32`. And members are the spec's, matched exactly: a member named
    // like a declared one in another case is dropped here, or the DTO reader (which matches
    // names case-insensitively) would take it for the declared one the schema never checked.
    private ValidationError? ApplySpecRules(JToken token, JsonSchema schema, string path)
    {
        var actual = schema.ActualSchema;
        switch (token)
        {
            case JObject obj:
                var declared = actual.ActualProperties;
                List<JProperty>? otherSpellings = null;
                foreach (var property in obj.Properties())
                {
                    if (declared.TryGetValue(property.Name, out var member))
                    {
                        if (ApplySpecRules(property.Value, member, path.Length == 0 ? property.Name : path + "." + property.Name) is { } error)
                        {
                            return error;
                        }
                    }
                    else if (declared.Keys.Any(name => string.Equals(name, property.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        (otherSpellings ??= new List<JProperty>()).Add(property);
                    }
                }

                otherSpellings?.ForEach(property => property.Remove());
                return null;

            case JArray array when actual.Item is { } item:
                for (var i = 0; i < array.Count; i++)
                {
                    if (ApplySpecRules(array[i], item, $"{path}[{i}]") is { } error)
                    {
                        return error;
                    }
                }

                return null;

            case JValue { Type: JTokenType.String } text:
                var problem = (_schemas.StringRuleOf(schema) ?? _schemas.StringRuleOf(actual))?.Check((string)text!);
                return problem is null ? null : new ValidationError(KindOf(problem.Value), LastSegment(path), "#/" + path, token, actual);

            case JValue { Type: JTokenType.Integer } integer when actual.Format == JsonFormatStrings.Integer:
                var number = (long)integer;
                return number is >= int.MinValue and <= int.MaxValue ? null
                    : new ValidationError(number > 0 ? ValidationErrorKind.NumberTooBig : ValidationErrorKind.NumberTooSmall, LastSegment(path), "#/" + path, token, actual);

            default:
                return null;
        }
    }

    private static ValidationErrorKind KindOf(SpecStringProblem problem) => problem switch
    {
        SpecStringProblem.TooShort => ValidationErrorKind.StringTooShort,
        SpecStringProblem.TooLong => ValidationErrorKind.StringTooLong,
        SpecStringProblem.PatternMismatch => ValidationErrorKind.PatternMismatch,
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    private static readonly int MaxRequestLine = new KestrelServerLimits().MaxRequestLineSize;
    private static readonly int ReadBackLineOverhead = $"GET {ApiHandler.Prefix}/verifications/reference/ HTTP/1.1\r\n".Length;

    private static string LastSegment(string path) => path.Substring(path.LastIndexOf('.') + 1);

    // A reference must come back unchanged as the last segment of a URL path: `.` and `..` are
    // dot segments that URL parsers and servers remove, and control characters (NUL included)
    // are refused or stripped in paths by servers and HTTP stacks. '/' is fine: clients send it
    // as %2F and the emulator reads the segment from the raw path. And the request line that
    // reads it back must fit what Kestrel accepts by default, however the client encodes it
    // (at worst every UTF-8 byte as %XX).
    private static string? WhyNotAPathSegment(string reference)
    {
        if (reference is "." or "..")
        {
            return $"'{reference}' is a dot segment, which URLs remove";
        }

        var encodedLength = 3L * Encoding.UTF8.GetByteCount(reference);
        if (encodedLength + ReadBackLineOverhead > MaxRequestLine)
        {
            return $"percent-encoded it takes up to {encodedLength} characters, and a request line longer than {MaxRequestLine} characters is refused (HTTP 414)";
        }

        foreach (var c in reference)
        {
            if (char.IsControl(c))
            {
                return $"it contains the control character U+{(int)c:X4}, which a URL path cannot carry";
            }
        }

        return null;
    }

    // Errors of anyOf/oneOf branches nest; the innermost ones name the actual problem.
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0 && error.Kind is not (ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf))
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static EmulatorApiException ToApiError(ValidationError error, JToken body, bool isReport)
    {
        // NJsonSchema paths look like "#/identity.endpoint"; Sinch's messages name the member.
        var path = error.Path is null ? string.Empty : error.Path.TrimStart('#', '/');
        if (error.Kind == ValidationErrorKind.PropertyRequired)
        {
            return Missing(path);
        }

        switch (path)
        {
            case "identity.endpoint":
                var endpoint = body.SelectToken("identity.endpoint");
                return NumberError(endpoint?.Type == JTokenType.String ? (string?)endpoint : null);
            case "identity.type":
                return new EmulatorApiException(ErrorCodes.InvalidIdentityOrCode, "Invalid identity: type must be 'number'.");
            case var reported when isReport && IsReportedValue(reported):
                return InvalidCode($"{path} {Explain(error.Kind)}.");
            case "":
                return EmulatorApiException.Validation($"The request body {Explain(error.Kind)}.");
            default:
                return EmulatorApiException.Validation($"Invalid parameter {path}: it {Explain(error.Kind)}.");
        }
    }

    // Whatever a report's method object carries (sms.code, flashCall.cli, whatsapp.code, ...) is
    // what the user received, so any problem inside it is an invalid code: 40003. The objects
    // come from the generated MethodMembers, so a method added to the spec is covered.
    private static bool IsReportedValue(string path) =>
        ReportVerificationRequest.MethodMembers.Any(m => path.StartsWith(m.JsonName + ".", StringComparison.Ordinal));

    private static EmulatorApiException NumberError(string? number) =>
        number is { Length: > 0 } && number[0] != '+' && number.All(char.IsAsciiDigit)
            ? new EmulatorApiException(ErrorCodes.NumberWithoutPlus, "Invalid identity: the number must start with '+' (E.164).")
            : EmulatorApiException.Validation("Invalid identity: expected an E.164 number, '+' and 8 to 15 digits.");

    private static EmulatorApiException Missing(string path) => new(ErrorCodes.MissingParameter, $"Missing parameter: {path}.");

    private static EmulatorApiException InvalidCode(string detail) => new(ErrorCodes.InvalidIdentityOrCode, "Invalid code: " + detail);

    private static string Explain(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.IntegerExpected => "must be an integer",
        ValidationErrorKind.NumberExpected => "must be a number",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ObjectExpected => "must be an object",
        ValidationErrorKind.ArrayExpected => "must be an array",
        ValidationErrorKind.PatternMismatch => "has the wrong format",
        ValidationErrorKind.StringTooShort => "is too short",
        ValidationErrorKind.StringTooLong => "is too long",
        ValidationErrorKind.NumberTooSmall => "is too small",
        ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => "is too big",
        ValidationErrorKind.NotInEnumeration => "is not one of the allowed values",
        ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf or ValidationErrorKind.NoTypeValidates => "has the wrong type",
        _ => "is invalid (" + kind + ")",
    };
}

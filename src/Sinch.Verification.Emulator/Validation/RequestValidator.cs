using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Sinch.Verification.Emulator.Api;
using Sinch.Verification.Generated;

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

        RequireSupportedMethod(request.Method);
        return request;
    }

    public ReportVerificationRequest ValidateReport(JToken body)
    {
        Validate(body, _schemas.ReportVerificationRequest);
        var report = JsonBody.ToObject<ReportVerificationRequest>(body);
        RequireSupportedMethod(report.Method);

        // The schema cannot say "the object named by method is required"; these checks can. The
        // DTO reads member names case-insensitively, so the `flashcall` key some clients send
        // lands in FlashCall too (having skipped the schema, hence the E.164 check here).
        if (report.Method == VerificationMethod.Sms)
        {
            RequireCode(report.Sms?.Code, "sms.code");
        }
        else if (report.Method == VerificationMethod.Callout)
        {
            RequireCode(report.Callout?.Code, "callout.code");
        }
        else
        {
            RequireCode(report.FlashCall?.Cli, "flashCall.cli");
            if (!PhoneNumbers.IsE164(report.FlashCall!.Cli)) throw InvalidCode("flashCall.cli must be the E.164 number that called.");
        }

        return report;
    }

    /// <summary>Checks a phone number taken from a path or body: 40005 without '+', 40001 otherwise malformed.</summary>
    public static void ValidateNumber(string? number)
    {
        if (!PhoneNumbers.IsE164(number))
        {
            throw NumberError(number);
        }
    }

    /// <summary>The methods the emulator can play; anything else (seamless, whatsapp, unknown) is a 400.</summary>
    public static VerificationMethod RequireSupportedMethod(VerificationMethod? method)
    {
        if (method == VerificationMethod.Sms) return VerificationMethod.Sms;
        if (method == VerificationMethod.FlashCall) return VerificationMethod.FlashCall;
        if (method == VerificationMethod.Callout) return VerificationMethod.Callout;
        throw EmulatorApiException.Validation("Invalid method: the emulator supports sms, flashcall and callout.");
    }

    private static void Validate(JToken body, JsonSchema schema)
    {
        if (body.Type != JTokenType.Object)
        {
            throw EmulatorApiException.Validation("The request body must be a JSON object.");
        }

        if (FirstSchemaError(body, schema) is { } error)
        {
            throw ToApiError(error, body);
        }
    }

    /// <summary>The first problem of <paramref name="value"/> against <paramref name="schema"/>, innermost first; null when valid.</summary>
    public static ValidationError? FirstSchemaError(JToken value, JsonSchema schema)
    {
        // A validator per call: it holds per-run state; the schema itself is shared and read-only.
        var errors = new JsonSchemaValidator().Validate(value, schema, SchemaType.OpenApi3);
        return Flatten(errors).FirstOrDefault();
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

    private static EmulatorApiException ToApiError(ValidationError error, JToken body)
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
            case "sms.code":
            case "callout.code":
            case "flashCall.cli":
                return InvalidCode($"{path} {Explain(error.Kind)}.");
            case "":
                return EmulatorApiException.Validation($"The request body {Explain(error.Kind)}.");
            default:
                return EmulatorApiException.Validation($"Invalid parameter {path}: it {Explain(error.Kind)}.");
        }
    }

    private static void RequireCode(string? code, string path)
    {
        if (code is null) throw Missing(path);
        if (string.IsNullOrWhiteSpace(code)) throw InvalidCode(path + " is empty.");
    }

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

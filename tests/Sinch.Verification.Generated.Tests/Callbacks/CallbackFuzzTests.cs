using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Callbacks;
using static Sinch.Verification.Generated.Tests.Callbacks.CallbackTestData;
using static Sinch.Verification.TestSupport.SampleApplications;

namespace Sinch.Verification.Generated.Tests.Callbacks;

/// <summary>
/// Seeded, bounded fuzzing of the validator and parser with mutated bodies and headers. Both
/// must only ever produce their documented outcomes: a defined reason, a parsed callback or a
/// <see cref="CallbackParseException"/>. A failure prints the iteration to replay it.
/// </summary>
[TestClass]
public sealed class CallbackFuzzTests
{
    private const int Seed = 20_240_522;
    private const int Iterations = 12_000;

    private static readonly string[] Bodies = { RequestEventJson, ResultEventJson, SmsDeliveredEventJson, CallbackVector().Body };

    private static readonly string[] Fragments =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "0", "-0", "1e999", "-1e-999",
        "123456789012345678901234567890", "NaN", "Infinity", "\"\\u0000\"", "\"\\uD800\"", "\"\uD800\"", "/*c*/", "//c\n",
        "\"event\"", "\"VerificationRequestEvent\"", "\"VerificationResultEvent\"", "\"VerificationSmsDeliveredEvent\"",
        "\"identity\"", "{\"type\":1}", "[[[[[[[[", "]]]]]]]]", "'single'", "\"\u00e9\u4e2d\ud83d\ude00\"", "\t\r\n ",
        "{\"$type\":\"System.IO.FileInfo, System.IO\"}", "{\"$ref\":\"1\"}", "\"2014-06-04T13:41:58Z\"",
    };

    private static readonly string[] Values =
    {
        "null", "1", "1.5", "-1", "1e999", "99999999999999999999999", "true", "\"\"", "\"x\"", "[]", "{}", "[1,\"a\"]",
        "{\"type\":\"number\",\"endpoint\":\"+46700000000\"}", "{\"amount\":\"abc\"}", "{\"amount\":1e400,\"currencyId\":5}",
        "\"VerificationRequestEvent\"", "\"VerificationResultEvent\"", "\"VerificationSmsDeliveredEvent\"", "\"unknownEvent\"",
    };

    [TestMethod]
    public void Mutated_callbacks_only_produce_documented_outcomes()
    {
        var random = new Random(Seed);
        var validator = Validator(new FakeTimeProvider(Now), (AppKey, AppSecret), (OtherAppKey, OtherAppSecret));
        var reasons = new Dictionary<CallbackValidationReason, int>();
        var parsed = new Dictionary<Type, int>();
        var parseErrors = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var original = Bodies[random.Next(Bodies.Length)];
            var (timestamp, authorization) = Sign(original, Now);
            var originalBytes = Encoding.UTF8.GetBytes(original);

            var body = random.Next(4) == 0 ? originalBytes : MutateBody(random, original);
            var method = random.Next(8) == 0 ? MutateMethod(random) : "POST";
            var path = random.Next(8) == 0 ? MutateText(random, CallbackPath) : CallbackPath;
            var contentType = random.Next(8) == 0 ? MutateNullable(random, JsonUtf8) : JsonUtf8;
            var sentTimestamp = random.Next(6) == 0 ? MutateTimestamp(random, timestamp) : timestamp;
            var sentAuthorization = random.Next(6) == 0 ? MutateAuthorization(random, authorization) : authorization;
            var context = $"iteration {i} (seed {Seed}): method={Show(method)} path={Show(path)} contentType={Show(contentType)} timestamp={Show(sentTimestamp)} body={Convert.ToBase64String(body)}";

            CallbackValidationResult result;
            try
            {
                result = validator.Validate(method, path, contentType, body, sentTimestamp, sentAuthorization);
            }
            catch (Exception e)
            {
                Assert.Fail($"Validate threw {e.GetType().Name}: {e.Message} at {context}");
                return;
            }

            Assert.IsTrue(Enum.IsDefined(result.Reason), context);
            reasons[result.Reason] = reasons.GetValueOrDefault(result.Reason) + 1;
            var signedPartsChanged = !body.AsSpan().SequenceEqual(originalBytes)
                || !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase)
                || SignedBytesDiffer(path, CallbackPath)
                || SignedBytesDiffer(contentType ?? string.Empty, JsonUtf8)
                || SignedBytesDiffer(sentTimestamp ?? string.Empty, timestamp);
            if (signedPartsChanged)
            {
                Assert.IsFalse(result.IsValid, "changed content validated: " + context);
            }
            else if (ReferenceEquals(sentAuthorization, authorization))
            {
                Assert.IsTrue(result.IsValid, "untouched callback rejected: " + context);
            }

            try
            {
                var callback = CallbackParser.Parse(body);
                Assert.IsNotNull(callback, context);
                parsed[callback.GetType()] = parsed.GetValueOrDefault(callback.GetType()) + 1;
            }
            catch (CallbackParseException)
            {
                parseErrors++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Parse threw {e.GetType().Name}: {e.Message} at {context}");
            }
        }

        // The fuzzer must really reach every outcome, or it proves nothing.
        foreach (var reason in new[]
                 {
                     CallbackValidationReason.Valid, CallbackValidationReason.MissingAuthorization, CallbackValidationReason.MalformedAuthorization,
                     CallbackValidationReason.UnknownApplicationKey, CallbackValidationReason.SignatureMismatch,
                     CallbackValidationReason.MissingTimestamp, CallbackValidationReason.MalformedTimestamp,
                 })
        {
            Assert.IsTrue(reasons.GetValueOrDefault(reason) > 0, $"no input produced {reason}");
        }

        foreach (var type in new[] { typeof(VerificationRequestCallback), typeof(VerificationResultCallback), typeof(VerificationSmsDeliveredCallback), typeof(UnknownVerificationCallback) })
        {
            Assert.IsTrue(parsed.GetValueOrDefault(type) > 0, $"no input parsed as {type.Name}");
        }

        Assert.IsGreaterThan(Iterations / 10, parseErrors, "too few malformed bodies");
    }

    private static bool SignedBytesDiffer(string a, string b) =>
        !Encoding.UTF8.GetBytes(a).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(b));

    private static string Show(string? value) => value is null ? "(null)" : value.Length > 80 ? value.Substring(0, 80) + "..." : value;

    private static byte[] MutateBody(Random random, string original)
    {
        var times = 1 + random.Next(3);
        var text = original;
        byte[]? bytes = null;
        for (var t = 0; t < times; t++)
        {
            bytes ??= Encoding.UTF8.GetBytes(text);
            switch (random.Next(10))
            {
                case 0: // flip a bit
                    if (bytes.Length > 0) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // insert a random byte
                    bytes = Insert(bytes, random.Next(bytes.Length + 1), new[] { (byte)random.Next(256) });
                    break;
                case 2: // delete a range
                    if (bytes.Length > 0)
                    {
                        var start = random.Next(bytes.Length);
                        var count = random.Next(1, Math.Min(20, bytes.Length - start) + 1);
                        bytes = bytes.Take(start).Concat(bytes.Skip(start + count)).ToArray();
                    }

                    break;
                case 3: // truncate
                    bytes = bytes.Take(random.Next(bytes.Length + 1)).ToArray();
                    break;
                case 4: // insert a JSON-ish fragment
                    bytes = Insert(bytes, random.Next(bytes.Length + 1), Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 5:
                case 6: // replace one member's value, keeping the JSON valid around it
                    bytes = Encoding.UTF8.GetBytes(ReplaceValue(random, Encoding.UTF8.GetString(bytes)));
                    break;
                case 7: // remove one member
                    bytes = Encoding.UTF8.GetBytes(RemoveMember(random, Encoding.UTF8.GetString(bytes)));
                    break;
                case 8: // random bytes
                    bytes = new byte[random.Next(64)];
                    random.NextBytes(bytes);
                    break;
                default: // wrap or nest
                    bytes = Encoding.UTF8.GetBytes(random.Next(2) == 0
                        ? "[" + Encoding.UTF8.GetString(bytes) + "]"
                        : "{\"event\":\"VerificationResultEvent\",\"x\":" + new string('[', random.Next(50, 200)) + new string(']', random.Next(50, 200)) + "}");
                    break;
            }
        }

        return bytes ?? Encoding.UTF8.GetBytes(text);
    }

    private static string ReplaceValue(Random random, string json)
    {
        var names = new[] { "id", "event", "method", "identity", "type", "endpoint", "verified", "price", "amount", "currencyId", "status", "reason", "source", "smsResult", "acceptLanguage", "reference" };
        var key = "\"" + names[random.Next(names.Length)] + "\":";
        var at = json.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return json.Insert(json.Length > 1 ? 1 : 0, key + Values[random.Next(Values.Length)] + ",");
        }

        var start = at + key.Length;
        var end = ValueEnd(json, start);
        return json.Substring(0, start) + Values[random.Next(Values.Length)] + json.Substring(end);
    }

    private static string RemoveMember(Random random, string json)
    {
        var names = new[] { "id", "event", "method", "identity", "status", "price" };
        var key = "\"" + names[random.Next(names.Length)] + "\":";
        var at = json.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return json;
        }

        var end = ValueEnd(json, at + key.Length);
        if (end < json.Length && json[end] == ',')
        {
            end++;
        }

        return json.Substring(0, at) + json.Substring(end);
    }

    /// <summary>The end of the JSON value starting at <paramref name="start"/>, good enough for well-formed input.</summary>
    private static int ValueEnd(string json, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                if (!inString && depth == 0) return i + 1;
                continue;
            }

            switch (c)
            {
                case '"': inString = true; break;
                case '{' or '[': depth++; break;
                case '}' or ']':
                    if (depth == 0) return i;
                    if (--depth == 0) return i + 1;
                    break;
                case ',' when depth == 0: return i;
            }
        }

        return json.Length;
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] insert) => bytes.Take(at).Concat(insert).Concat(bytes.Skip(at)).ToArray();

    private static string MutateMethod(Random random) => random.Next(6) switch
    {
        0 => "post",
        1 => "GET",
        2 => "\u0150OST",
        3 => "PO ST",
        4 => string.Empty,
        _ => RandomText(random, 10),
    };

    private static string? MutateNullable(Random random, string value) => random.Next(4) == 0 ? null : MutateText(random, value);

    private static string MutateText(Random random, string value) => random.Next(7) switch
    {
        0 => string.Empty,
        1 => value.ToUpperInvariant(),
        2 => value + RandomText(random, 3),
        3 => value.Substring(0, random.Next(value.Length + 1)),
        4 => value + "\uD800",
        5 => new string('x', 10_000),
        _ => RandomText(random, random.Next(1, 40)),
    };

    private static string? MutateTimestamp(Random random, string timestamp) => random.Next(9) switch
    {
        0 => null,
        1 => string.Empty,
        2 => ApplicationSigner.FormatTimestamp(Now.AddSeconds(random.Next(-1_000, 1_000))),
        3 => timestamp.Replace("2024", "\uff12\uff10\uff12\uff14", StringComparison.Ordinal),
        4 => "2024-13-45T99:99:99Z",
        5 => "9999-12-31T23:59:59.9999999-14:00",
        6 => "0001-01-01T00:00:00+14:00",
        7 => timestamp + RandomText(random, 2),
        _ => RandomText(random, random.Next(0, 40)),
    };

    private static string? MutateAuthorization(Random random, string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var colon = authorization.LastIndexOf(':');
        return random.Next(12) switch
        {
            0 => null,
            1 => string.Empty,
            2 => "application" + authorization.Substring(space),
            3 => authorization.Replace(":", string.Empty, StringComparison.Ordinal),
            4 => authorization.Replace(AppKey, OtherAppKey, StringComparison.Ordinal),
            5 => authorization.Substring(0, colon + 1 + random.Next(authorization.Length - colon)),
            6 => "  " + authorization + "\t",
            7 => authorization + "A",
            8 => "Application " + RandomText(random, 30) + ":" + RandomText(random, 44),
            9 => "Application k:" + new string('A', 100_000),
            10 => authorization.Insert(colon, ":"),
            _ => RandomText(random, random.Next(0, 80)),
        };
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0, 0x20),
                2 => (char)random.Next(0x80, 0x800),
                _ => (char)random.Next(0xD800, 0xE000), // lone surrogates
            };
        }

        return new string(chars);
    }
}

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

[TestClass]
public sealed class CallbackValidatorTests
{
    [TestMethod]
    public void Every_vector_validates_at_its_own_time()
    {
        var vectors = Vectors();
        Assert.IsTrue(vectors.Count >= 4, "the file has lost vectors");
        foreach (var v in vectors)
        {
            var validator = Validator(new FakeTimeProvider(v.Time), (v.ApplicationKey, v.ApplicationSecret));

            var result = validator.Validate(v.Method, v.Path, v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization);

            Assert.AreEqual(CallbackValidationReason.Valid, result.Reason, v.Name);
            Assert.IsTrue(result.IsValid, v.Name);
            Assert.AreEqual(v.ApplicationKey, result.ApplicationKey, v.Name);
            Assert.AreEqual(v.Time, result.Timestamp, v.Name);
        }
    }

    [TestMethod]
    [DynamicData(nameof(CallbackCases), typeof(CallbackTestData))]
    public void Every_callback_vector_gets_its_verdict_and_reason(string name)
    {
        var c = CallbackCase(name);
        string? Header(string header) => c.GetProperty("headers").TryGetProperty(header, out var value) ? value.GetString() : null;
        var now = DateTimeOffset.Parse(c.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var options = new CallbackValidatorOptions { FreshnessWindow = TimeSpan.FromSeconds(c.GetProperty("maxSkewSeconds").GetInt32()) }
            .AddApplication(c.GetProperty("applicationKey").GetString()!, c.GetProperty("applicationSecret").GetString()!);
        var validator = new CallbackValidator(options, new FakeTimeProvider(now));

        var result = validator.Validate(c.GetProperty("method").GetString()!, c.GetProperty("path").GetString()!, Header("content-type"),
            Encoding.UTF8.GetBytes(c.GetProperty("body").GetString()!), Header("x-timestamp"), Header("authorization"));

        Assert.AreEqual(Reason(c.GetProperty("reason").GetString()!), result.Reason);
        Assert.AreEqual(c.GetProperty("mustValidate").GetBoolean(), result.IsValid);
    }

    [TestMethod]
    public void The_callback_vectors_use_the_default_window_and_cover_every_reason()
    {
        var cases = CallbackCases().Select(n => CallbackCase((string)n[0])).ToList();

        Assert.IsTrue(cases.All(c => c.GetProperty("maxSkewSeconds").GetInt32() == (int)CallbackValidatorOptions.DefaultFreshnessWindow.TotalSeconds));
        CollectionAssert.AreEquivalent(
            Enum.GetValues<CallbackValidationReason>(),
            cases.Select(c => Reason(c.GetProperty("reason").GetString()!)).Distinct().ToArray(),
            "every reason has at least one vector");
        Assert.IsTrue(cases.Any(c => c.GetProperty("mustValidate").GetBoolean() && c.GetProperty("headers").GetProperty("authorization").GetString()!.StartsWith("application ", StringComparison.Ordinal)),
            "the lower-case scheme word Sinch sends must validate");
    }

    [TestMethod]
    [DataRow("Application")]
    [DataRow("application")]
    [DataRow("APPLICATION")]
    [DataRow("aPpLiCaTiOn")]
    public void The_scheme_word_is_case_insensitive(string scheme)
    {
        var v = CallbackVector();
        var validator = Validator(new FakeTimeProvider(v.Time), (v.ApplicationKey, v.ApplicationSecret));
        var authorization = scheme + v.Authorization.Substring("Application".Length);

        Assert.AreEqual(CallbackValidationReason.Valid, validator.Validate(v.Method, v.Path, v.ContentType, v.BodyBytes, v.Timestamp, authorization).Reason);
    }

    [TestMethod]
    public void A_lower_case_verb_validates_because_verbs_are_signed_upper_case()
    {
        var v = CallbackVector();
        var validator = Validator(new FakeTimeProvider(v.Time), (v.ApplicationKey, v.ApplicationSecret));

        Assert.IsTrue(validator.Validate("post", v.Path, v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization).IsValid);
    }

    [TestMethod]
    public void A_non_ASCII_verb_that_would_alias_POST_is_rejected()
    {
        var v = CallbackVector();
        var validator = Validator(new FakeTimeProvider(v.Time), (v.ApplicationKey, v.ApplicationSecret));

        // U+0150 truncated to a byte is 'P'.
        var result = validator.Validate("\u0150OST", v.Path, v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization);

        Assert.AreEqual(CallbackValidationReason.SignatureMismatch, result.Reason);
    }

    [TestMethod]
    [DataRow("application/json")]
    [DataRow("application/json;charset=utf-8")]
    [DataRow("application/json; charset=UTF-8")]
    [DataRow("Application/JSON; charset=utf-8")]
    [DataRow("")]
    public void The_content_type_is_signed_verbatim(string received)
    {
        var clock = new FakeTimeProvider(Now);
        var (timestamp, authorization) = Sign(RequestEventJson, Now, contentType: JsonUtf8);
        var validator = Validator(clock);
        var body = Encoding.UTF8.GetBytes(RequestEventJson);

        Assert.IsTrue(validator.Validate("POST", CallbackPath, JsonUtf8, body, timestamp, authorization).IsValid);
        Assert.AreEqual(CallbackValidationReason.SignatureMismatch, validator.Validate("POST", CallbackPath, received, body, timestamp, authorization).Reason);
    }

    [TestMethod]
    public void A_missing_content_type_signs_as_empty()
    {
        var (timestamp, authorization) = Sign(string.Empty, Now, contentType: string.Empty);
        var validator = Validator(new FakeTimeProvider(Now));

        Assert.IsTrue(validator.Validate("POST", CallbackPath, null, ReadOnlySpan<byte>.Empty, timestamp, authorization).IsValid);
    }

    [TestMethod]
    [DataRow("BeIukql3pTKJ8RGL5zo0DA", DisplayName = "missing padding")]
    [DataRow("  BeIukql3pTKJ8RGL5zo0DA==\n", DisplayName = "surrounding white space")]
    [DataRow("BeIukql3pTKJ8RGL5zo0DA=", DisplayName = "partial padding")]
    public void Secrets_are_decoded_leniently(string secret)
    {
        var v = CallbackVector();
        var validator = Validator(new FakeTimeProvider(v.Time), (v.ApplicationKey, secret));

        Assert.IsTrue(validator.Validate(v.Method, v.Path, v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization).IsValid);
    }

    [TestMethod]
    public void A_URL_safe_secret_equals_the_standard_secret()
    {
        // Bytes chosen so the standard alphabet needs '+' and '/'.
        var standard = Convert.ToBase64String(new byte[] { 0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A });
        StringAssert.Contains(standard, "+");
        StringAssert.Contains(standard, "/");
        var urlSafe = standard.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var (timestamp, authorization) = Sign(ResultEventJson, Now, secret: standard);
        var validator = Validator(new FakeTimeProvider(Now), (AppKey, urlSafe));

        Assert.IsTrue(validator.Validate("POST", CallbackPath, JsonUtf8, Encoding.UTF8.GetBytes(ResultEventJson), timestamp, authorization).IsValid);
    }

    [TestMethod]
    public void Each_tenant_is_checked_with_its_own_secret()
    {
        var validator = Validator(new FakeTimeProvider(Now), (AppKey, AppSecret), (OtherAppKey, OtherAppSecret));
        var body = Encoding.UTF8.GetBytes(ResultEventJson);

        var (t1, a1) = Sign(ResultEventJson, Now, AppKey, AppSecret);
        var (t2, a2) = Sign(ResultEventJson, Now, OtherAppKey, OtherAppSecret);
        var (t3, a3) = Sign(ResultEventJson, Now, AppKey, OtherAppSecret);
        var (t4, a4) = Sign(ResultEventJson, Now, "not-configured", AppSecret);

        var first = validator.Validate("POST", CallbackPath, JsonUtf8, body, t1, a1);
        var second = validator.Validate("POST", CallbackPath, JsonUtf8, body, t2, a2);
        Assert.AreEqual(CallbackValidationReason.Valid, first.Reason);
        Assert.AreEqual(AppKey, first.ApplicationKey);
        Assert.AreEqual(CallbackValidationReason.Valid, second.Reason);
        Assert.AreEqual(OtherAppKey, second.ApplicationKey);
        Assert.AreEqual(CallbackValidationReason.SignatureMismatch, validator.Validate("POST", CallbackPath, JsonUtf8, body, t3, a3).Reason);
        var unknown = validator.Validate("POST", CallbackPath, JsonUtf8, body, t4, a4);
        Assert.AreEqual(CallbackValidationReason.UnknownApplicationKey, unknown.Reason);
        Assert.IsNull(unknown.ApplicationKey, "An unknown key is caller input and is not echoed.");
    }

    [TestMethod]
    public void The_application_key_is_compared_exactly_as_the_emulator_compares_it()
    {
        var validator = Validator(new FakeTimeProvider(Now), (AppKey.ToLowerInvariant(), AppSecret));
        var (timestamp, authorization) = Sign(ResultEventJson, Now, AppKey);

        var result = validator.Validate("POST", CallbackPath, JsonUtf8, Encoding.UTF8.GetBytes(ResultEventJson), timestamp, authorization);

        Assert.AreEqual(CallbackValidationReason.UnknownApplicationKey, result.Reason);
    }

    [TestMethod]
    [DataRow(0, CallbackValidationReason.Valid)]
    [DataRow(-300, CallbackValidationReason.Valid, DisplayName = "exactly 5 minutes old")]
    [DataRow(300, CallbackValidationReason.Valid, DisplayName = "exactly 5 minutes ahead")]
    [DataRow(-301, CallbackValidationReason.TooOld)]
    [DataRow(-86_400, CallbackValidationReason.TooOld)]
    [DataRow(301, CallbackValidationReason.TooFarInFuture)]
    [DataRow(86_400, CallbackValidationReason.TooFarInFuture)]
    public void The_default_freshness_window_is_five_minutes_each_way(int offsetSeconds, CallbackValidationReason expected)
    {
        var signedAt = Now.AddSeconds(offsetSeconds);
        var (timestamp, authorization) = Sign(ResultEventJson, signedAt);
        var validator = Validator(new FakeTimeProvider(Now));

        var result = validator.Validate("POST", CallbackPath, JsonUtf8, Encoding.UTF8.GetBytes(ResultEventJson), timestamp, authorization);

        Assert.AreEqual(expected, result.Reason);
        Assert.AreEqual(signedAt, result.Timestamp);
    }

    [TestMethod]
    public void Freshness_is_judged_by_the_injected_clock_at_each_call()
    {
        var clock = new FakeTimeProvider(Now);
        var options = new CallbackValidatorOptions { FreshnessWindow = TimeSpan.FromSeconds(30) }.AddApplication(AppKey, AppSecret);
        var validator = new CallbackValidator(options, clock);
        var (timestamp, authorization) = Sign(ResultEventJson, Now);
        var body = Encoding.UTF8.GetBytes(ResultEventJson);

        Assert.IsTrue(validator.Validate("POST", CallbackPath, JsonUtf8, body, timestamp, authorization).IsValid);
        // AdjustTime sets the clock either way, as a changed system clock would (SetUtcNow only moves forward).
        clock.AdjustTime(Now.AddSeconds(31));
        Assert.AreEqual(CallbackValidationReason.TooOld, validator.Validate("POST", CallbackPath, JsonUtf8, body, timestamp, authorization).Reason);
        clock.AdjustTime(Now.AddSeconds(-31));
        Assert.AreEqual(CallbackValidationReason.TooFarInFuture, validator.Validate("POST", CallbackPath, JsonUtf8, body, timestamp, authorization).Reason);
    }

    [TestMethod]
    public void The_maximal_window_turns_the_age_check_off_for_replaying_recordings()
    {
        var v = CallbackVector();
        var options = new CallbackValidatorOptions { FreshnessWindow = TimeSpan.MaxValue }.AddApplication(v.ApplicationKey, v.ApplicationSecret);
        var validator = new CallbackValidator(options, new FakeTimeProvider(Now));

        Assert.IsTrue(validator.Validate(v.Method, v.Path, v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization).IsValid);
        Assert.AreEqual(CallbackValidationReason.SignatureMismatch, validator.Validate(v.Method, "/other", v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization).Reason);
    }

    [TestMethod]
    public void A_forged_old_callback_is_a_mismatch_not_stale()
    {
        var (_, authorization) = Sign(ResultEventJson, Now);
        var validator = Validator(new FakeTimeProvider(Now));

        var result = validator.Validate("POST", CallbackPath, JsonUtf8, Encoding.UTF8.GetBytes(ResultEventJson), "2014-06-04T13:41:58Z", authorization);

        Assert.AreEqual(CallbackValidationReason.SignatureMismatch, result.Reason);
    }

    [TestMethod]
    [DataRow(null, CallbackValidationReason.MissingAuthorization)]
    [DataRow("", CallbackValidationReason.MissingAuthorization)]
    [DataRow("   ", CallbackValidationReason.MissingAuthorization)]
    [DataRow("Basic NjY5RTM2N0U6c2VjcmV0", CallbackValidationReason.MalformedAuthorization)]
    [DataRow("Application", CallbackValidationReason.MalformedAuthorization)]
    [DataRow("Application 669E367E-6BBA-48AB-AF15-266871C28135", CallbackValidationReason.MalformedAuthorization)]
    [DataRow("Application 669E367E-6BBA-48AB-AF15-266871C28135:", CallbackValidationReason.MalformedAuthorization)]
    [DataRow("Application :c2lnbmF0dXJl", CallbackValidationReason.MalformedAuthorization)]
    [DataRow("Application 669E367E-6BBA-48AB-AF15-266871C28135:not_base64!", CallbackValidationReason.SignatureMismatch)]
    [DataRow("Application 669E367E-6BBA-48AB-AF15-266871C28135:not base64!", CallbackValidationReason.MalformedAuthorization)]
    [DataRow("Application someone-else:c2lnbmF0dXJl", CallbackValidationReason.UnknownApplicationKey)]
    public void Authorization_problems_have_their_own_reason(string? authorization, CallbackValidationReason expected)
    {
        var validator = Validator(new FakeTimeProvider(Now));

        var result = validator.Validate("POST", CallbackPath, JsonUtf8, Encoding.UTF8.GetBytes(ResultEventJson), ApplicationSigner.FormatTimestamp(Now), authorization);

        Assert.AreEqual(expected, result.Reason);
    }

    [TestMethod]
    [DataRow(null, CallbackValidationReason.MissingTimestamp)]
    [DataRow("", CallbackValidationReason.MissingTimestamp)]
    [DataRow("yesterday", CallbackValidationReason.MalformedTimestamp)]
    [DataRow("2024-05-22 09:38:59", CallbackValidationReason.MalformedTimestamp)]
    [DataRow("2024-05-22T09:38", CallbackValidationReason.MalformedTimestamp)]
    [DataRow("2024-13-22T09:38:59Z", CallbackValidationReason.MalformedTimestamp)]
    [DataRow("1716370739", CallbackValidationReason.MalformedTimestamp)]
    [DataRow("2024-05-22T09:38:59.1234567890Z", CallbackValidationReason.MalformedTimestamp, DisplayName = "10 fractional digits (1 to 9 are read)")]
    public void Timestamp_problems_have_their_own_reason(string? timestamp, CallbackValidationReason expected)
    {
        var validator = Validator(new FakeTimeProvider(Now));
        var (_, authorization) = Sign(ResultEventJson, Now);

        var result = validator.Validate("POST", CallbackPath, JsonUtf8, Encoding.UTF8.GetBytes(ResultEventJson), timestamp, authorization);

        Assert.AreEqual(expected, result.Reason);
        Assert.AreEqual(AppKey, result.ApplicationKey);
    }

    [TestMethod]
    [DataRow("2014-06-04T13:41:58Z", "2014-06-04T13:41:58.0000000+00:00")]
    [DataRow("2024-05-22T09:38:59.5590437Z", "2024-05-22T09:38:59.5590437+00:00")]
    [DataRow("2024-05-22T09:38:59.5Z", "2024-05-22T09:38:59.5000000+00:00")]
    [DataRow("2024-05-22T09:38:59.5590437", "2024-05-22T09:38:59.5590437+00:00", DisplayName = "no offset means UTC")]
    [DataRow("2024-05-22T11:38:59+02:00", "2024-05-22T09:38:59.0000000+00:00")]
    public void Timestamps_are_read_as_UTC(string header, string expected)
    {
        Assert.IsTrue(ApplicationSigner.TryParseTimestamp(header, out var time));
        Assert.AreEqual(expected, time.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(TimeSpan.Zero, time.Offset);
    }

    [TestMethod]
    [DataRow("2014-06-04T13:41:58.1Z")]
    [DataRow("2014-06-04T13:41:58.12345678Z")]
    [DataRow("2014-06-04T13:41:58.123456789Z")]
    public void Callbacks_signed_with_a_timestamp_of_one_to_nine_fractional_digits_validate(string timestamp)
    {
        Assert.IsTrue(ApplicationSigner.TryParseTimestamp(timestamp, out var time));
        var validator = Validator(new FakeTimeProvider(time.AddSeconds(30)));
        var body = Encoding.UTF8.GetBytes(ResultEventJson);
        var authorization = "application " + new ApplicationSigner(AppKey, AppSecret).CreateAuthorizationParameter("POST", CallbackPath, JsonUtf8, body, timestamp);

        Assert.AreEqual(CallbackValidationReason.Valid, validator.Validate("POST", CallbackPath, JsonUtf8, body, timestamp, authorization).Reason);
    }

    [TestMethod]
    public void A_seconds_only_timestamp_from_Sinch_validates()
    {
        var v = CallbackVector();
        StringAssert.DoesNotMatch(v.Timestamp, new System.Text.RegularExpressions.Regex(@"\."));
        var validator = Validator(new FakeTimeProvider(v.Time.AddMinutes(4)), (v.ApplicationKey, v.ApplicationSecret));

        Assert.IsTrue(validator.Validate(v.Method, v.Path, v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization).IsValid);
    }

    [TestMethod]
    public void The_header_lookup_overload_reads_the_three_headers()
    {
        var v = CallbackVector();
        var validator = Validator(new FakeTimeProvider(v.Time), (v.ApplicationKey, v.ApplicationSecret));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["authorization"] = v.Authorization,
            ["X-Timestamp"] = v.Timestamp,
            ["content-type"] = v.ContentType,
        };
        var asked = new List<string>();

        var result = validator.Validate(v.Method, v.Path, name => { asked.Add(name); return headers.GetValueOrDefault(name); }, v.BodyBytes);

        Assert.IsTrue(result.IsValid);
        CollectionAssert.AreEquivalent(new[] { "Authorization", "x-timestamp", "Content-Type" }, asked);
        Assert.AreEqual(CallbackValidationReason.MissingAuthorization, validator.Validate(v.Method, v.Path, _ => null, v.BodyBytes).Reason);
    }

    [TestMethod]
    public void Options_are_validated_without_showing_secrets()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new CallbackValidator(new CallbackValidatorOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => new CallbackValidator(new CallbackValidatorOptions { FreshnessWindow = TimeSpan.Zero }.AddApplication(AppKey, AppSecret)));
        Assert.ThrowsExactly<ArgumentNullException>(() => new CallbackValidator(null!));

        const string BadSecret = "not*base64*secret!";
        var e = Assert.ThrowsExactly<ArgumentException>(() => new CallbackValidator(new CallbackValidatorOptions().AddApplication(AppKey, BadSecret)));
        StringAssert.Contains(e.Message, AppKey);
        Assert.DoesNotContain(BadSecret, e.Message);
    }

    [TestMethod]
    public void Nothing_prints_a_secret_or_a_signature()
    {
        var v = CallbackVector();
        var options = new CallbackValidatorOptions().AddApplication(v.ApplicationKey, v.ApplicationSecret);
        var validator = new CallbackValidator(options, new FakeTimeProvider(v.Time));
        var valid = validator.Validate(v.Method, v.Path, v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization);
        var mismatch = validator.Validate(v.Method, "/other", v.ContentType, v.BodyBytes, v.Timestamp, v.Authorization);

        foreach (var text in new[] { options.ToString(), validator.ToString(), valid.ToString(), mismatch.ToString() })
        {
            Assert.DoesNotContain(v.ApplicationSecret.TrimEnd('='), text);
            Assert.DoesNotContain(v.Signature.TrimEnd('='), text);
        }

        StringAssert.Contains(options.ToString(), v.ApplicationKey);
        StringAssert.Contains(mismatch.ToString(), nameof(CallbackValidationReason.SignatureMismatch));
    }

    [TestMethod]
    public void No_reason_is_zero_so_a_default_is_never_valid()
    {
        Assert.IsFalse(Enum.IsDefined(typeof(CallbackValidationReason), 0));
        Assert.IsFalse(new CallbackValidationResult(default).IsValid);
        Assert.AreEqual(9, Enum.GetValues<CallbackValidationReason>().Distinct().Count());
    }

    [TestMethod]
    public void A_null_method_or_path_is_a_programming_error()
    {
        var validator = Validator(new FakeTimeProvider(Now));

        Assert.ThrowsExactly<ArgumentNullException>(() => validator.Validate(null!, CallbackPath, JsonUtf8, ReadOnlySpan<byte>.Empty, "x", "y"));
        Assert.ThrowsExactly<ArgumentNullException>(() => validator.Validate("POST", null!, JsonUtf8, ReadOnlySpan<byte>.Empty, "x", "y"));
        Assert.ThrowsExactly<ArgumentNullException>(() => validator.Validate("POST", CallbackPath, (Func<string, string?>)null!, ReadOnlySpan<byte>.Empty));
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Sinch.Verification.Generated.Authentication;
using Sinch.Verification.Generated.Tests.Support;

namespace Sinch.Verification.Generated.Tests.Authentication;

[TestClass]
public sealed class ApplicationSignerTests
{
    [TestMethod]
    [DynamicData(nameof(SigningVectors.All), typeof(SigningVectors))]
    public void Every_vector_reproduces_its_md5_signature_and_header(string name)
    {
        var v = SigningVectors.Vector(name);
        var signer = new ApplicationSigner((string)v["applicationKey"]!, (string)v["applicationSecret"]!);
        var body = Encoding.UTF8.GetBytes((string)v["body"]!);

        Assert.AreEqual((string)v["contentMd5"]!, ApplicationSigner.ComputeContentMd5(body), "Content-MD5");
        var signature = signer.ComputeSignature((string)v["method"]!, (string)v["path"]!, (string)v["contentType"]!, body, (string)v["timestamp"]!);
        Assert.AreEqual((string)v["signature"]!, signature);
        Assert.AreEqual(
            (string)v["applicationKey"]! + ":" + (string)v["signature"]!,
            signer.CreateAuthorizationParameter((string)v["method"]!, (string)v["path"]!, (string)v["contentType"]!, body, (string)v["timestamp"]!));
        Assert.AreEqual("Application " + (string)v["applicationKey"]! + ":" + (string)v["signature"]!, (string)v["authorization"]!);
        Assert.IsTrue(signer.IsValidAuthorization((string)v["method"]!, (string)v["path"]!, (string)v["contentType"]!, body, (string)v["timestamp"]!, (string)v["authorization"]!));
        Assert.IsTrue((bool)v["mustValidate"]!, "a request vector is a correctly signed request");
    }

    [TestMethod]
    public void Every_vector_of_the_shared_reference_is_in_the_spec_file_unchanged()
    {
        var shared = Path.Combine(TestPaths.RepoRoot, "..", "shared", "reference", "signing-vectors.json");
        if (!File.Exists(shared))
        {
            Assert.Inconclusive("../shared is not beside the repository; spec/signing-vectors.json is used alone.");
        }

        // spec/signing-vectors.json extends the reference (more vectors, more members per vector):
        // whatever the reference says must still be said, value for value.
        foreach (var reference in SigningVectors.Load(shared)["vectors"]!.Cast<JObject>())
        {
            var ours = SigningVectors.Vector((string)reference["name"]!);
            foreach (var member in reference.Properties())
            {
                Assert.AreEqual((string?)member.Value, (string?)ours[member.Name], $"{reference["name"]}: {member.Name}");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(SigningVectors.Callbacks), typeof(SigningVectors))]
    public void The_signer_agrees_with_every_callback_vector_on_its_signature(string name)
    {
        var v = SigningVectors.Callback(name);
        var headers = (JObject)v["headers"]!;
        var reason = (string)v["reason"]!;
        if (reason is "missing-authorization" or "missing-timestamp" or "malformed-timestamp")
        {
            return; // no signature to judge: CallbackValidatorTests checks these
        }

        var signer = new ApplicationSigner((string)v["applicationKey"]!, (string)v["applicationSecret"]!);
        var valid = signer.IsValidAuthorization((string)v["method"]!, (string)v["path"]!, (string?)headers["content-type"],
            Encoding.UTF8.GetBytes((string)v["body"]!), (string)headers["x-timestamp"]!, (string?)headers["authorization"]);

        // The signer does not judge age: a correctly signed stale callback has a valid signature.
        Assert.AreEqual(reason is "valid" or "too-old" or "too-far-in-future", valid, reason);
    }

    [TestMethod]
    public void Scheme_word_is_case_insensitive_and_content_type_is_taken_verbatim()
    {
        var v = SigningVectors.CallbackExample;
        var signer = new ApplicationSigner((string)v["applicationKey"]!, (string)v["applicationSecret"]!);
        var body = Encoding.UTF8.GetBytes((string)v["body"]!);
        var lower = "application " + ((string)v["authorization"]!).Substring("Application ".Length);

        Assert.IsTrue(signer.IsValidAuthorization("POST", (string)v["path"]!, "application/json", body, (string)v["timestamp"]!, lower));
        Assert.IsFalse(signer.IsValidAuthorization("POST", (string)v["path"]!, "application/json; charset=utf-8", body, (string)v["timestamp"]!, lower));
        Assert.AreNotEqual(
            signer.ComputeSignature("POST", "/p", "application/json", body, "t"),
            signer.ComputeSignature("POST", "/p", "application/json; charset=utf-8", body, "t"));
    }

    [TestMethod]
    public void The_string_to_sign_does_not_stay_in_the_shared_pool_after_signing()
    {
        // The path carries the full phone number; the pooled buffer goes to any other code next.
        // ArrayPool<byte>.Shared hands an array returned on this thread to this thread's next Rent
        // of its size class, so the array the signer used is the one rented here.
        var signer = new ApplicationSigner("key", "JViE5vDor0Sw3WllZka15Q==");
        const string number = "46700000123";
        var path = "/verification/v1/verifications/number/+" + number;

        signer.ComputeSignature("GET", path, null, ReadOnlySpan<byte>.Empty, "2024-05-22T09:38:59Z");
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(300); // the signer's size class here: 257 to 512 bytes
        try
        {
            Assert.IsFalse(Encoding.ASCII.GetString(rented).Contains(number), "the pooled buffer still holds the number");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [TestMethod]
    public void A_secret_without_padding_signs_like_the_padded_one()
    {
        var padded = new ApplicationSigner("key", "JViE5vDor0Sw3WllZka15Q==");
        var unpadded = new ApplicationSigner("key", "JViE5vDor0Sw3WllZka15Q");
        var body = Encoding.UTF8.GetBytes("{}");

        Assert.AreEqual(padded.ComputeSignature("PUT", "/a", "application/json", body, "t"), unpadded.ComputeSignature("PUT", "/a", "application/json", body, "t"));
    }

    [TestMethod]
    [DataRow("not base64!!")]
    [DataRow("abcde")]
    [DataRow("   ")]
    public void A_bad_secret_is_refused_without_repeating_it(string secret)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new ApplicationSigner("key", secret));
        StringAssert.Contains(e.Message, "application secret");
        if (secret.Trim().Length > 0)
        {
            Assert.IsFalse(e.Message.Contains(secret, StringComparison.Ordinal), "the message must not contain the secret");
        }
    }

    [TestMethod]
    public void ToString_never_shows_the_secret()
    {
        var signer = new ApplicationSigner(RecordingApi.Key, RecordingApi.Secret);
        Assert.IsFalse(signer.ToString().Contains(RecordingApi.Secret, StringComparison.Ordinal));
        StringAssert.Contains(signer.ToString(), RecordingApi.Key);
    }

    [TestMethod]
    public void Long_and_non_ASCII_text_signs_as_its_UTF8_bytes_and_a_lone_surrogate_as_the_replacement_character()
    {
        // The signer writes UTF-8 into a pooled buffer sized for the worst case; the reference is
        // Encoding.UTF8 over the whole string to sign.
        var signer = new ApplicationSigner("key", "JViE5vDor0Sw3WllZka15Q==");
        var path = "/" + new string('p', 3000) + "/\u00e5\u20ac\ud83d\ude00\ud800/" + new string('\u20ac', 2000);
        var body = Encoding.UTF8.GetBytes(new string('b', 5000));
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String("JViE5vDor0Sw3WllZka15Q=="),
            Encoding.UTF8.GetBytes("POST\n" + ApplicationSigner.ComputeContentMd5(body) + "\ntext/plain; charset=\u00fc\nx-timestamp:t\n" + path)));

        Assert.AreEqual(expected, signer.ComputeSignature("post", path, "text/plain; charset=\u00fc", body, "t"));
    }

    [TestMethod]
    public void One_signer_signs_correctly_from_many_threads_at_once()
    {
        var v = SigningVectors.Vector("start verification, spaced JSON body");
        var signer = new ApplicationSigner((string)v["applicationKey"]!, (string)v["applicationSecret"]!);
        var other = SigningVectors.CallbackExample;
        var vectorBody = Encoding.UTF8.GetBytes((string)v["body"]!);
        var otherBody = Encoding.UTF8.GetBytes((string)other["body"]!);
        var otherSigner = new ApplicationSigner((string)other["applicationKey"]!, (string)other["applicationSecret"]!);

        var results = new string[20_000];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            // Interleave two different inputs so shared state, if any, would mix them up.
            results[i] = i % 2 == 0
                ? signer.ComputeSignature("POST", (string)v["path"]!, "application/json", vectorBody, (string)v["timestamp"]!)
                : otherSigner.ComputeSignature("POST", (string)other["path"]!, "application/json", otherBody, (string)other["timestamp"]!);
        });

        Assert.IsTrue(results.Where((_, i) => i % 2 == 0).All(s => s == (string)v["signature"]!));
        Assert.IsTrue(results.Where((_, i) => i % 2 == 1).All(s => s == (string)other["signature"]!));
    }

    [TestMethod]
    public void A_non_ascii_verb_never_signs_like_an_ascii_one()
    {
        var signer = new ApplicationSigner("key", "JViE5vDor0Sw3WllZka15Q==");
        var body = Encoding.UTF8.GetBytes("{}");
        var real = signer.ComputeSignature("POST", "/p", "application/json", body, "t");

        Assert.ThrowsExactly<ArgumentException>(() => signer.ComputeSignature("\u0150OST", "/p", "application/json", body, "t"));
        Assert.IsFalse(signer.IsValidSignature("\u0150OST", "/p", "application/json", body, "t", real));
    }

    [TestMethod]
    public void Timestamps_are_iso8601_utc_with_seven_fraction_digits()
    {
        var time = new DateTimeOffset(2014, 6, 4, 15, 41, 58, TimeSpan.FromHours(2)).AddTicks(1234567);
        Assert.AreEqual("2014-06-04T13:41:58.1234567Z", ApplicationSigner.FormatTimestamp(time));
    }

    [TestMethod]
    [DataRow("2014-06-04T13:41:58Z", "2014-06-04T13:41:58.0000000+00:00", DisplayName = "no fraction, as Sinch's documentation writes it")]
    [DataRow("2014-06-04T13:41:58.1Z", "2014-06-04T13:41:58.1000000+00:00", DisplayName = "1 digit")]
    [DataRow("2014-06-04T13:41:58.123Z", "2014-06-04T13:41:58.1230000+00:00", DisplayName = "3 digits (JavaScript's toISOString)")]
    [DataRow("2014-06-04T13:41:58.1234567Z", "2014-06-04T13:41:58.1234567+00:00", DisplayName = "7 digits (what we write)")]
    [DataRow("2014-06-04T13:41:58.12345678Z", "2014-06-04T13:41:58.1234567+00:00", DisplayName = "8 digits")]
    [DataRow("2014-06-04T13:41:58.123456789Z", "2014-06-04T13:41:58.1234567+00:00", DisplayName = "9 digits (Go's RFC3339Nano, Java's Instant)")]
    [DataRow("2014-06-04T13:41:59.999999999Z", "2014-06-04T13:41:59.9999999+00:00", DisplayName = "9 digits are cut, never rounded into the next second")]
    [DataRow("2014-06-04T15:41:58.123456789+02:00", "2014-06-04T13:41:58.1234567+00:00", DisplayName = "9 digits and an offset")]
    [DataRow("2014-06-04T13:41:58.123456789", "2014-06-04T13:41:58.1234567+00:00", DisplayName = "9 digits without an offset are UTC")]
    public void X_timestamps_are_read_with_no_fraction_or_one_to_nine_fractional_digits(string header, string expected)
    {
        Assert.IsTrue(ApplicationSigner.TryParseTimestamp(header, out var time));
        Assert.AreEqual(expected, time.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(TimeSpan.Zero, time.Offset);
    }

    [TestMethod]
    [DataRow("2014-06-04T13:41:58.1234567890Z", DisplayName = "10 digits")]
    [DataRow("2014-06-04T13:41:58.123456789012Z", DisplayName = "12 digits")]
    [DataRow("2014-06-04T13:41:58.Z", DisplayName = "a point without digits")]
    [DataRow("2014-06-04T13:41:58.", DisplayName = "a trailing point")]
    [DataRow("2014-06-04T13:41:58.12a3Z", DisplayName = "a letter among the digits")]
    [DataRow("2014-06-04T13:41Z", DisplayName = "no seconds")]
    [DataRow("", DisplayName = "empty")]
    public void X_timestamps_with_ten_or_more_fractional_digits_or_a_bare_point_are_refused(string header)
    {
        Assert.IsFalse(ApplicationSigner.TryParseTimestamp(header, out _));
    }

    [TestMethod]
    public void Exactly_one_timestamp_format_is_written_whatever_was_read()
    {
        Assert.IsTrue(ApplicationSigner.TryParseTimestamp("2014-06-04T13:41:58.123456789Z", out var nine));
        Assert.IsTrue(ApplicationSigner.TryParseTimestamp("2014-06-04T13:41:58Z", out var none));

        Assert.AreEqual("2014-06-04T13:41:58.1234567Z", ApplicationSigner.FormatTimestamp(nine));
        Assert.AreEqual("2014-06-04T13:41:58.0000000Z", ApplicationSigner.FormatTimestamp(none));
    }
}

using System;

namespace Sinch.Verification.TestSupport;

/// <summary>
/// The application credentials, path and clock of Sinch's published signing examples
/// (spec/signing-vectors.json), shared by every test project that signs or
/// validates: one place for the values the vectors are computed with.
/// </summary>
public static class SampleApplications
{
    /// <summary>The application of the signing vectors.</summary>
    public const string AppKey = "669E367E-6BBA-48AB-AF15-266871C28135";

    /// <summary>Its secret (Base64).</summary>
    public const string AppSecret = "BeIukql3pTKJ8RGL5zo0DA==";

    /// <summary>A second application, for tests with several keys.</summary>
    public const string OtherAppKey = "5F5C418A0F914BBC8234A9BF5EDDAD97";

    /// <summary>Its secret (Base64).</summary>
    public const string OtherAppSecret = "JViE5vDor0Sw3WllZka15Q==";

    /// <summary>The callback path the vectors sign.</summary>
    public const string CallbackPath = "/sinch/verification";

    /// <summary>The Content-Type the vectors sign.</summary>
    public const string JsonUtf8 = "application/json; charset=utf-8";

    /// <summary>The moment the vectors were signed at.</summary>
    public static readonly DateTimeOffset Now = new(2024, 5, 22, 9, 38, 59, TimeSpan.Zero);
}

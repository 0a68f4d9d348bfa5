// Types that .NET 5+ has and netstandard2.0 lacks, compiled only for netstandard2.0. Internal:
// they never become part of the package's public surface, and on net8.0/net10.0 the
// framework's own types are used.
#if !NET
using System.Runtime.CompilerServices;

namespace System.Runtime.CompilerServices
{
    /// <summary>Lets the compiler emit <c>init</c> accessors and records.</summary>
    internal static class IsExternalInit
    {
    }
}

namespace System.Security.Cryptography
{
    /// <summary>The one member of .NET's CryptographicOperations this package needs.</summary>
    internal static class CryptographicOperations
    {
        /// <summary>Compares two spans in time that depends on their length only, not on their content.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
        public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
        {
            if (left.Length != right.Length)
            {
                return false;
            }

            var difference = 0;
            for (var i = 0; i < left.Length; i++)
            {
                difference |= left[i] ^ right[i];
            }

            return difference == 0;
        }
    }
}

namespace System.Diagnostics.CodeAnalysis
{
    // The trimming attributes the SDK's code carries (VerificationJson, CallbackParser); the
    // netstandard2.0 build has them for the compiler only, as no trimmer reads that build.

    /// <summary>Suppresses a trim analysis warning, also in the trimmer itself.</summary>
    [AttributeUsage(AttributeTargets.All, Inherited = false, AllowMultiple = true)]
    internal sealed class UnconditionalSuppressMessageAttribute(string category, string checkId) : Attribute
    {
        public string Category { get; } = category;

        public string CheckId { get; } = checkId;

        public string? Justification { get; set; }
    }

    /// <summary>The member reflects over types the trimmer cannot see.</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Class, Inherited = false)]
    internal sealed class RequiresUnreferencedCodeAttribute(string message) : Attribute
    {
        public string Message { get; } = message;

        public string? Url { get; set; }
    }

    /// <summary>The member may need code generated at run time (NativeAOT cannot).</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Class, Inherited = false)]
    internal sealed class RequiresDynamicCodeAttribute(string message) : Attribute
    {
        public string Message { get; } = message;

        public string? Url { get; set; }
    }
}
#endif

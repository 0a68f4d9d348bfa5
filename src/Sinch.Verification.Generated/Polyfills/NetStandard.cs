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
#endif

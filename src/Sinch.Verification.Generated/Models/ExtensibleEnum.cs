using System;
using System.Collections.Generic;

namespace Sinch.Verification.Generated;

/// <summary>
/// A value of an open set (status, reason, method, ...): a string the server may extend at any
/// time. Unknown values are kept exactly as received; equality ignores case, so <c>flashCall</c>
/// equals <c>flashcall</c>. <see cref="ToString"/> returns the wire value.
/// </summary>
/// <remarks>
/// Each set (e.g. <see cref="VerificationStatus"/>) is generated from the spec's <c>KnownX</c>
/// schema by build/templates/Enum.liquid: its known values are static members, <c>Parse</c>
/// returns their shared instances, and a string converts implicitly. A C# enum would make a
/// whole call fail on a value this SDK version does not know.
/// </remarks>
public abstract class ExtensibleEnum : IEquatable<ExtensibleEnum>
{
    /// <summary>Creates a value from its wire string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    protected ExtensibleEnum(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value exactly as sent or received.</summary>
    public string Value { get; }

    /// <summary>Whether this SDK version knows the value (compared case-insensitively).</summary>
    public abstract bool IsKnown { get; }

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => Value;

    /// <summary>Same set and same value, ignoring case.</summary>
    public bool Equals(ExtensibleEnum? other) =>
        other is not null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="obj"/> is a value of the same set with the same value, ignoring case.</summary>
    public override bool Equals(object? obj) => Equals(obj as ExtensibleEnum);

    /// <summary>A hash of the value that ignores case, as <see cref="Equals(ExtensibleEnum)"/> does.</summary>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Same set and same value, ignoring case.</summary>
    public static bool operator ==(ExtensibleEnum? left, ExtensibleEnum? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Different set or different value.</summary>
    public static bool operator !=(ExtensibleEnum? left, ExtensibleEnum? right) => !(left == right);

    /// <summary>Whether one of <paramref name="known"/> equals this value (the generated <see cref="IsKnown"/>).</summary>
    protected bool IsIn<T>(IReadOnlyList<T> known) where T : ExtensibleEnum
    {
        for (var i = 0; i < known.Count; i++)
        {
            if (Equals(known[i]))
            {
                return true;
            }
        }

        return false;
    }
}

using System;
using System.Collections.Generic;

namespace Sinch.Verification.Generated;

/// <summary>
/// A member of a request or response that belongs to one verification method, such as
/// <c>smsOptions</c> of a start or <c>whatsapp</c> of a report. The spec says which member belongs
/// to which method (<c>x-sinch-method</c>), and the build turns that into each DTO's
/// <c>MethodMembers</c> table: the SDK's checks, the emulator and the CLI read the table, so a
/// method added to the spec reaches all of them at once.
/// </summary>
/// <typeparam name="TContainer">The DTO the member belongs to.</typeparam>
public sealed class VerificationMethodMember<TContainer>
    where TContainer : class
{
    private readonly Func<TContainer, object?> _getValue;

    internal VerificationMethodMember(VerificationMethod method, string jsonName, Type valueType, Func<TContainer, object?> getValue)
    {
        Method = method;
        JsonName = jsonName;
        ValueType = valueType;
        _getValue = getValue;
    }

    /// <summary>The method the member belongs to.</summary>
    public VerificationMethod Method { get; }

    /// <summary>The member's JSON name, such as <c>flashCall</c>.</summary>
    public string JsonName { get; }

    /// <summary>The member's DTO type, such as <see cref="FlashCallReport"/>.</summary>
    public Type ValueType { get; }

    /// <summary>The member's value in <paramref name="container"/>; null when absent.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="container"/> is null.</exception>
    public object? GetValue(TContainer container) =>
        _getValue(container ?? throw new ArgumentNullException(nameof(container)));

    /// <summary>The member's JSON name and method.</summary>
    public override string ToString() => $"{JsonName} ({Method})";

    internal static VerificationMethodMember<TContainer>? Find(IReadOnlyList<VerificationMethodMember<TContainer>> members, VerificationMethod? method)
    {
        if (method is null)
        {
            return null;
        }

        foreach (var member in members)
        {
            if (member.Method == method)
            {
                return member;
            }
        }

        return null;
    }
}

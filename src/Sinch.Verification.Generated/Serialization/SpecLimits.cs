using System;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>
/// A generated DTO that checks the spec's limits of its members (build/templates/Class.liquid,
/// SINCH (4)): required members, string lengths and patterns, phone numbers, number ranges.
/// </summary>
internal interface ISpecLimits
{
    /// <summary>Throws <see cref="SpecLimitViolation"/> at the first member that breaks a limit.</summary>
    void CheckSpecLimits();
}

/// <summary>
/// The checks the generated <see cref="ISpecLimits.CheckSpecLimits"/> methods call, and
/// <see cref="Check"/>, which runs them on a whole request. Messages name the member and the
/// rule, never the value (codes, numbers and free text can be secret).
/// </summary>
internal static class SpecLimits
{
    /// <summary>
    /// Checks <paramref name="value"/> and everything in it against the spec.
    /// </summary>
    /// <exception cref="ArgumentException">A member breaks a limit; the message and ParamName give its path, such as <c>identity.endpoint</c>.</exception>
    public static void Check(ISpecLimits value)
    {
        try
        {
            value.CheckSpecLimits();
        }
        catch (SpecLimitViolation violation)
        {
            var message = $"{violation.Path} {violation.Problem}";
            throw violation.OutOfRange ? new ArgumentOutOfRangeException(violation.Path, message) : new ArgumentException(message, violation.Path);
        }
    }

    public static void Required(object? value, string member)
    {
        if (value is null)
        {
            throw new SpecLimitViolation(member, "is missing.");
        }
    }

    public static void String(string? value, string member, SpecStringRule rule)
    {
        if (value is not null && rule.Check(value) is { } problem)
        {
            throw new SpecLimitViolation(member, problem switch
            {
                SpecStringProblem.TooShort when rule.MinLength == 1 => "is empty.",
                SpecStringProblem.TooShort => $"is shorter than {rule.MinLength} characters.",
                SpecStringProblem.TooLong => $"is longer than {rule.MaxLength} characters.",
                SpecStringProblem.PatternMismatch => $"does not have the format the spec gives ({rule.Pattern}).",
                _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
            });
        }
    }

    public static void E164(string? value, string member)
    {
        if (value is not null && PhoneNumbers.WhyNotE164(value) is { } problem)
        {
            throw new SpecLimitViolation(member, problem);
        }
    }

    public static void Range(int? value, string member, int minimum, int maximum)
    {
        if (value is { } number && (number < minimum || number > maximum))
        {
            throw new SpecLimitViolation(member, $"must be {minimum} to {maximum}.", outOfRange: true);
        }
    }

    public static void Range(double? value, string member, double minimum, double maximum)
    {
        if (value is { } number && (number < minimum || number > maximum))
        {
            throw new SpecLimitViolation(member, $"must be {minimum} to {maximum}.", outOfRange: true);
        }
    }

    public static void Nested(object? value, string member)
    {
        if (value is ISpecLimits nested)
        {
            try
            {
                nested.CheckSpecLimits();
            }
            catch (SpecLimitViolation violation)
            {
                throw violation.Within(member);
            }
        }
    }
}

/// <summary>A member that breaks a limit of the spec; <see cref="SpecLimits.Check"/> turns it into an <see cref="ArgumentException"/>.</summary>
internal sealed class SpecLimitViolation : Exception
{
    public SpecLimitViolation(string path, string problem, bool outOfRange = false)
        : base(path + " " + problem)
    {
        Path = path;
        Problem = problem;
        OutOfRange = outOfRange;
    }

    /// <summary>A number outside the spec's minimum and maximum (an <see cref="ArgumentOutOfRangeException"/>).</summary>
    public bool OutOfRange { get; }

    /// <summary>The member's JSON path from the checked object, such as <c>identity.endpoint</c>.</summary>
    public string Path { get; }

    /// <summary>What is wrong, such as <c>is missing.</c>; never the value.</summary>
    public string Problem { get; }

    public SpecLimitViolation Within(string parent) => new(parent + "." + Path, Problem, OutOfRange);
}
